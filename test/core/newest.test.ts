/**
 * Properties of flows made of the newest constructs (test/helpers/newestFlows.ts: labels and
 * `arrives`, `?`, `&`, lost segments and retransmissions, SACK, timestamps, window scaling, Fast
 * Open, `connection`/`reuses`, sections, waits, Markdown notes): random moves played N and 2N
 * times check in twice the work, counted (test/helpers/work.ts) — never timed; and every such
 * flow keeps the properties of every input (no exception, ranges inside the document, fixes
 * that parse).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { check, DEFAULT_CHECK_SETTINGS, diagnosticsWith, findTcpflowBlocks, replaceTcpflowBlocks, toMermaid } from '../../src/core/index.js';
import { moves, MOVES, newestFlow, newestNote } from '../helpers/newestFlows.js';
import { problemsWithoutMermaid } from '../helpers/properties.js';
import { growth, growthMessage } from '../helpers/work.js';

/** 2N copies may cost at most this many times N copies: linear work gives 2 (and a little less, the fixed part), quadratic 4. */
const LINEAR = 2.6;

describe('flows of the newest constructs', function () {
  this.timeout(300_000);

  it('every move, many times over: twice the flow is twice the work (check, diagram, lean check)', () => {
    const all = [...MOVES];
    for (const [name, run] of [
      ['check + diagram', (t: string) => toMermaid(check(t))],
      ['diagnostics (CLI and server)', (t: string) => diagnosticsWith(t, DEFAULT_CHECK_SETTINGS)],
    ] as const) {
      const g = growth((n) => newestFlow(all, n), 150, run);
      assert.ok(g.ratio < LINEAR && g.ratio > 1.5, `${name}: ${growthMessage(g)}`);
    }
  });

  it('random moves: twice the flow is twice the work (fast-check, work counted)', () => {
    fc.assert(
      fc.property(moves, (ms) => {
        const g = growth(
          (n) => newestFlow(ms, n),
          60,
          (t) => toMermaid(check(t)),
        );
        assert.ok(g.ratio < LINEAR, `${ms.join(' ')}: ${growthMessage(g)}`);
      }),
      { numRuns: 30, seed: 20261203 },
    );
  });

  it('random Markdown notes of such flows: every block checked and rewritten in twice the work', () => {
    fc.assert(
      fc.property(moves, (ms) => {
        const run = (note: string): void => {
          for (const b of findTcpflowBlocks(note)) diagnosticsWith(b.content, DEFAULT_CHECK_SETTINGS, b.startLine);
          replaceTcpflowBlocks(note, (content) => toMermaid(check(content)).text);
        };
        const g = growth((n) => newestNote(ms, n), 40, run);
        assert.ok(g.ratio < LINEAR, `${ms.join(' ')}: ${growthMessage(g)}`);
      }),
      { numRuns: 15, seed: 7 },
    );
  });

  it('random flows of the newest constructs keep the properties of every input', () => {
    fc.assert(
      fc.property(moves, fc.integer({ min: 1, max: 3 }), (ms, copies) => {
        const text = newestFlow(ms, copies);
        const p = problemsWithoutMermaid(text);
        assert.equal(p, undefined, text);
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('a generated flow says only what its moves make wrong', () => {
    // Labels nobody sent and connections nobody started are errors; the rest is a clean Linux flow.
    const errors = check(newestFlow([...MOVES], 3))
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.code);
    assert.deepEqual([...new Set(errors)].sort(), ['TF123', 'TF302']);
  });
});
