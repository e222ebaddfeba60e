/**
 * `tcpflow-cli check` on a valid 100,000-segment flow as a whole process (start-up, reading,
 * checking, exit) against a bare node process that reads and splits the same file, run
 * alternately in the same run: the ratio of their best times, and each one's peak memory
 * (getrusage's maximum resident set, reported by a preloaded hook). Targets: ≤ 4×, ≤ 150 MB.
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateFlow } from './flows.js';

interface Run {
  readonly ms: number;
  readonly peakMb: number;
}

function runProcess(args: readonly string[]): Run {
  const rss = resolve('.bench/peak-rss.txt');
  rmSync(rss, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', resolve(__dirname, '../bench/peakRss.cjs'), ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TCPFLOW_BENCH_RSS: rss },
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return { ms, peakMb: Number(readFileSync(rss, 'utf8')) / 1024 };
}

export function benchCli(): void {
  mkdirSync('.bench', { recursive: true });
  const n = 100_000;
  const path = resolve(`.bench/cli-flow-${n}.tcpflow`);
  writeFileSync(path, generateFlow(n));
  console.log(`\n== tcpflow-cli check as a whole process: a valid ${n.toLocaleString('en')}-segment flow, best of 5, alternating ==`);
  const base: Run[] = [];
  const cli: Run[] = [];
  for (let i = 0; i < 5; i++) {
    base.push(runProcess([resolve(__dirname, '../bench/baselineRead.cjs'), path]));
    cli.push(runProcess([resolve('dist/cli.js'), 'check', path]));
  }
  const best = (rs: Run[]): Run => rs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const peak = (rs: Run[]): number => Math.max(...rs.map((r) => r.peakMb));
  const b = best(base);
  const c = best(cli);
  console.log(`node reads and splits   ${b.ms.toFixed(0).padStart(6)} ms   peak ${peak(base).toFixed(0).padStart(4)} MB`);
  console.log(`tcpflow-cli check       ${c.ms.toFixed(0).padStart(6)} ms   peak ${peak(cli).toFixed(0).padStart(4)} MB`);
  console.log(`ratio ${(c.ms / b.ms).toFixed(2)}× (target ≤ 4×), peak memory ${peak(cli).toFixed(0)} MB (target ≤ 150 MB)`);
}
