/** A payload's length is its UTF-8 octets, as a real TCP sends them (Buffer.byteLength is the oracle). */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { utf8Length } from '../../src/core/model/segmentKind.js';

describe('utf8Length', () => {
  it('counts octets: ASCII, two-, three- and four-byte characters, lone surrogates as U+FFFD', () => {
    for (const s of ['', 'GET / HTTP/1.1\r\n', 'é', '한글', '😀', 'a\ud800b', '\udfff', '\u007f\u0080\u07ff\u0800\uffff'])
      assert.equal(utf8Length(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
  });
  it('on any string', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constant('a'),
            fc.constant('é'),
            fc.constant('😀'),
            fc.constant('\ud800'),
            fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
          ),
        }),
        (s) => assert.equal(utf8Length(s), Buffer.byteLength(s, 'utf8')),
      ),
      { numRuns: 2000 },
    );
  });
});
