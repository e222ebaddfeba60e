/**
 * Hostile shapes of input cost time in proportion to their size: each is timed at two sizes,
 * and 4× the input must cost well under 16× the time (a quadratic step gives 16×).
 */
import assert from 'node:assert/strict';
import { check, toMermaid } from '../../src/core/index.js';
import { scanLine, TokenPool } from '../../src/core/language/scanner.js';

function growth(make: (n: number) => string, n: number, work: (text: string) => unknown = (t) => toMermaid(check(t))): number {
  const timeFor = (size: number): number => {
    const text = make(size);
    let best = Infinity;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      work(text);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  timeFor(n / 4); // warm up
  const small = timeFor(n);
  const large = timeFor(4 * n);
  return large / small;
}

describe('linear cost on hostile shapes', function () {
  this.timeout(60_000);

  it('the scanner on one line of many empty strings ("" pairs)', () => {
    const pool = new TokenPool();
    // Sizes large enough that a millisecond of noise does not look like growth (a quadratic scan takes seconds here).
    const g = growth((n) => '""'.repeat(n), 100_000, (t) => scanLine(t, pool));
    assert.ok(g < 10, `4× the input took ${g.toFixed(1)}× the time`);
  });
});
