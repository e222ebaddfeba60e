/**
 * `tcpflow-cli render --format svg` (one SVG per step, drawn by a headless Chromium) on flows of
 * 150 and 300 data segments (306 and 606 steps), as a whole process: the time, the time per step
 * and the growth between the two (2× the steps should cost about 2× the time). Printed, never
 * asserted; skipped without Chromium.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateFlow } from './flows.js';

export function benchSvgSteps(): void {
  console.log('\n== render --format svg: one SVG per step, one browser ==');
  if (!existsSync('/usr/bin/chromium') && !process.env['TCPFLOW_BROWSER']) {
    console.log('chromium not installed: skipped');
    return;
  }
  mkdirSync('.bench', { recursive: true });
  const times: number[] = [];
  for (const segments of [306, 606]) {
    const path = resolve(`.bench/svg-flow-${segments}.tcpflow`);
    const dir = resolve(`.bench/svg-steps-${segments}`);
    writeFileSync(path, generateFlow(segments));
    rmSync(dir, { recursive: true, force: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [resolve('dist/cli.js'), 'render', '--format', 'svg', path, '-o', dir], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`render --format svg exited ${r.status}: ${r.stderr}`);
    const files = readdirSync(dir).length;
    times.push(ms);
    console.log(`${segments} segments (${(segments - 6) / 2} data): ${files} SVG files in ${(ms / 1000).toFixed(1)} s, ${(ms / files).toFixed(1)} ms a step`);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`svg steps growth for 2x the steps: ${(times[1]! / times[0]!).toFixed(2)}x (linear: about 2x)`);
}
