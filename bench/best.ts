/** The best (shortest) of several timed runs, in milliseconds: what the benchmarks report. */
export function best(fn: () => void, runs: number): number {
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}
