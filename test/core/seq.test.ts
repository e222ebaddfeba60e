import assert from 'node:assert/strict';
import { add, diff, format, num, seq } from '../../src/core/model/seq.js';

describe('sequence numbers', () => {
  it('wrap modulo 2^32', () => {
    assert.equal(add(num(4294967295), 1).offset, 0);
    assert.equal(add(num(0), -1).offset, 4294967295);
    assert.equal(diff(num(5), num(4294967295)), 6);
    assert.ok(diff(num(4294967290), num(3))! < 0, '4294967290 comes before 3 after wrapping');
  });

  it('compare symbolic values with the same base only', () => {
    assert.equal(diff(seq('x', 5), seq('x', 1)), 4);
    assert.equal(diff(seq('x', 5), seq('y', 1)), undefined);
    assert.equal(diff(seq('x'), num(0)), undefined);
  });

  it('print as people write them', () => {
    assert.equal(format(num(1000)), '1000');
    assert.equal(format(seq('x')), 'x');
    assert.equal(format(seq('x', 1)), 'x+1');
    assert.equal(format(seq('y', -1)), 'y-1');
  });
});
