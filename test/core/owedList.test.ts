/** Owed answers as persistent lists: the same contents as copying, older lists never change. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Owed, OwedKind } from '../../src/core/model/endpoint.js';
import { withOwed } from '../../src/core/model/owedList.js';
import { check } from '../../src/core/index.js';

const reason = { en: '', ko: '' };
/** What copying gives (the ACK is replaced; for comparison the one owed ACK is moved last). */
const copyAdd = (list: readonly Owed[], item: Owed): Owed[] => [...(item.kind === 'ack' ? list.filter((o) => o.kind !== 'ack') : list), item];
const normal = (list: readonly Owed[]): Owed[] => [...list.filter((o) => o.kind !== 'ack'), ...list.filter((o) => o.kind === 'ack')];

describe('owed answers (persistent lists)', () => {
  it('hold what copying holds, and every older list keeps its contents', () => {
    const kind = fc.constantFrom<OwedKind>('ack', 'rst', 'syn-ack', 'syn', 'fin');
    // Each step adds to one of the lists made so far (mostly the newest, as a simulation does).
    const ops = fc.array(fc.tuple(kind, fc.nat({ max: 9 })), { maxLength: 120 });
    fc.assert(
      fc.property(ops, (steps) => {
        const mine: Owed[][] = [[]];
        const ref: Owed[][] = [[]];
        steps.forEach(([k, back], line) => {
          const from = back < 7 ? mine.length - 1 : Math.max(0, mine.length - 1 - back);
          const item: Owed = { kind: k, line, reason };
          mine.push(withOwed(mine[from]!, item));
          ref.push(copyAdd(ref[from]!, item));
        });
        mine.forEach((m, i) => {
          assert.equal(m.length, ref[i]!.length);
          assert.deepEqual(normal([...m]), normal(ref[i]!));
          assert.deepEqual(normal(m.filter(() => true)), normal(ref[i]!));
          assert.equal(
            m.find((o) => o.kind === 'rst'),
            ref[i]!.find((o) => o.kind === 'rst'),
          );
        });
      }),
    );
  });

  it('are read-only', () => {
    let list: Owed[] = [];
    for (let i = 0; i < 40; i++) list = withOwed(list, { kind: 'rst', line: i, reason });
    assert.throws(() => list.push({ kind: 'rst', line: 99, reason }), TypeError);
    assert.equal(list.length, 40);
    assert.deepEqual(Object.keys(list).length, 40);
    assert.ok(Array.isArray(list));
    assert.equal(JSON.parse(JSON.stringify(list)).length, 40);
  });

  it('a peer that never answers 20,000 retransmitted SYNs: every one is reported, each step keeps its own list', () => {
    const text = `client A\nserver B\n${'A -> B: SYN\n'.repeat(20000)}`;
    const r = check(text);
    assert.equal(r.diagnostics.filter((d) => d.code === 'TF600').length, 20000);
    const steps = r.simulation.steps;
    assert.equal(steps[99]!.owed['B']!.length, 98);
    assert.equal(steps[19999]!.owed['B']!.length, 19998);
    assert.equal(steps[99]!.owed['B']![97]!.line, steps[99]!.line);
  });
});
