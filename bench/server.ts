/**
 * Language server benchmark: start-up time (spawn → initialize answered), and keystroke to
 * diagnostics (didChange → publishDiagnostics of that version) for 100-, 1,000- and 10,000-line
 * flows, the median of many edits; against the core's own check time for the same text.
 */

import { check } from '../src/core/index.js';
import { TestClient } from '../test/helpers/lspClient.js';
import { generateFlow } from './flows.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Returns the keystroke→diagnostics medians (ms) by flow length, for the web worker's comparison. */
export async function benchServer(): Promise<Map<number, number>> {
  const medians = new Map<number, number>();
  console.log('\n== language server ==');
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const c = new TestClient();
    await c.initialize();
    starts.push(performance.now() - t0);
    await c.stop();
  }
  console.log(`start-up (spawn → initialize answered): median ${median(starts).toFixed(0)} ms of 5`);
  console.log('lines   keystroke→diagnostics (median)   core check alone   overhead');
  const c = new TestClient();
  await c.initialize();
  for (const lines of [100, 1_000, 10_000]) {
    const text = generateFlow(lines);
    const uri = `file:///bench-${lines}.tcpflow`;
    await c.open(uri, text);
    const edits = lines >= 10_000 ? 15 : 40;
    const times: number[] = [];
    // Each keystroke writes ACK over columns 18–21 of a line in the middle.
    const edit = { line: Math.floor(lines / 2), start: 18, end: 21, text: 'ACK' };
    for (let i = 0; i < edits; i++) {
      const t0 = performance.now();
      const v = await c.change(uri, edit.text, { start: { line: edit.line, character: edit.start }, end: { line: edit.line, character: edit.end } });
      await c.diagnostics(uri, v);
      times.push(performance.now() - t0);
    }
    // The same document as the server has it now, checked in this process after a warm-up.
    const docLines = text.split('\n');
    docLines[edit.line] = `${docLines[edit.line]!.slice(0, edit.start)}${edit.text}${docLines[edit.line]!.slice(edit.end)}`;
    const current = docLines.join('\n');
    for (let i = 0; i < 3; i++) check(current);
    const core: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      check(current);
      core.push(performance.now() - t0);
    }
    const m = median(times);
    medians.set(lines, m);
    console.log(
      `${String(lines).padStart(6)}   ${m.toFixed(1).padStart(10)} ms ${' '.repeat(20)}${median(core).toFixed(1).padStart(8)} ms   ${(m / median(core)).toFixed(2)}×`,
    );
  }
  await c.stop();
  const at10k = medians.get(10_000)!;
  console.log(`keystroke→diagnostics at 10,000 lines: ${at10k.toFixed(1)} ms (target < 50 ms)`);
  return medians;
}
