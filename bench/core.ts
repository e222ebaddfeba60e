/**
 * Core benchmark: check and render generated flows; ratios against reading and splitting the text.
 * `npm run bench` bundles the benchmarks with esbuild as the CLI and the server are bundled, so
 * the figures are those of the code users run (not of a development loader's transform).
 */

import { best } from './best.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { check, diagnosticsWith, DEFAULT_CHECK_SETTINGS, toMermaid } from '../src/core/index.js';
import { generateFlow } from './flows.js';

export function benchCore(): void {
  mkdirSync('.bench', { recursive: true });
  console.log('\n== core: check and render (best of runs, this machine) ==');
  console.log('segments      size    read+split       check      render   check µs/seg   check/read   render µs/seg');
  const perSeg: number[] = [];
  let leanMs = NaN;
  let fullMs = NaN;
  for (const n of [1_000, 10_000, 100_000]) {
    const path = `.bench/flow-${n}.tcpflow`;
    writeFileSync(path, generateFlow(n));
    const runs = n >= 100_000 ? 3 : 5;
    let text = '';
    const read = best(() => {
      text = readFileSync(path, 'utf8');
      text.split(/\r\n|\r|\n/);
    }, runs);
    let result = check(text);
    const checkMs = best(() => (result = check(text)), runs);
    const renderMs = best(() => toMermaid(result), runs);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) throw new Error(`generated flow has ${errors} errors`);
    perSeg.push(checkMs / n);
    if (n === 100_000) {
      leanMs = best(() => diagnosticsWith(text, DEFAULT_CHECK_SETTINGS), runs);
      fullMs = checkMs;
    }
    console.log(
      `${String(n).padStart(8)} ${(text.length / 1e6).toFixed(2).padStart(7)} MB ${read.toFixed(1).padStart(10)} ms ${checkMs.toFixed(1).padStart(8)} ms ${renderMs.toFixed(1).padStart(8)} ms ${((checkMs / n) * 1000).toFixed(2).padStart(12)} ${(checkMs / read).toFixed(1).padStart(11)}× ${((renderMs / n) * 1000).toFixed(2).padStart(13)}`,
    );
  }
  console.log(
    `lean check (what tcpflow-cli check and the server's diagnostics run: no tree, no trace) at 100k: ${leanMs.toFixed(1)} ms, ${(leanMs / fullMs).toFixed(2)}× the full check`,
  );
  // 1k is mostly warm-up (the JIT has not settled): linearity compares 10k with 100k.
  console.log(`linearity: per-segment check cost at 100k is ${(perSeg[2]! / perSeg[1]!).toFixed(2)}× the cost at 10k (1.0 = perfectly linear)`);
}
