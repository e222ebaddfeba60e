/**
 * The web extension's language server (dist/browser/server.js) in a Web Worker in headless
 * Chromium: keystroke to diagnostics for the same flows and edits as the Node server's benchmark,
 * measured in the page where the worker's messages arrive, printed next to the Node figures.
 */

import { WorkerClient } from '../test/helpers/workerClient.js';
import { generateFlow } from './flows.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchServerWorker(node: ReadonlyMap<number, number>): Promise<void> {
  console.log('\n== language server in a web worker (the web extension, headless Chromium) ==');
  const c = new WorkerClient();
  const t0 = performance.now();
  await c.start();
  console.log(`start-up (page with the worker → initialize answered): ${(performance.now() - t0).toFixed(0)} ms`);
  console.log('lines   keystroke→diagnostics: web worker (median)   Node server   web worker / Node');
  try {
    for (const lines of [100, 1_000, 10_000]) {
      const uri = `file:///bench-${lines}.tcpflow`;
      await c.open(uri, generateFlow(lines));
      // The Node benchmark's edit: ACK over columns 18–21 of a line in the middle.
      const at = Math.floor(lines / 2);
      const times: number[] = [];
      for (let i = 0; i < (lines >= 10_000 ? 15 : 40); i++)
        times.push((await c.change(uri, 'ACK', { start: { line: at, character: 18 }, end: { line: at, character: 21 } })).ms);
      const m = median(times);
      const n = node.get(lines);
      console.log(
        `${String(lines).padStart(6)}   ${m.toFixed(1).padStart(20)} ms ${' '.repeat(12)}${n === undefined ? '   —' : `${n.toFixed(1).padStart(8)} ms`}   ${n ? `${(m / n).toFixed(2)}×` : ''}`,
      );
    }
  } finally {
    await c.stop();
  }
}
