/**
 * Preview benchmark: from posting an update to the painted SVG in the real webview (Chromium),
 * for 10-, 50-, 100- and 1,000-segment flows, next to Mermaid's own render time for the same text
 * in the same browser, both timed inside the page (our overhead as a ratio; target ≤ 1.15× at
 * 50 segments); and the size of the packaged .vsix.
 */

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FromWebview } from '../src/shared/previewProtocol.js';
import { launch, serve } from '../test/helpers/browser.js';
import { diagramOf } from '../test/helpers/diagram.js';
import { webviewPage } from '../test/helpers/webviewPage.js';
import { generateFlow } from './flows.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchPreview(): Promise<void> {
  console.log('\n== preview (headless Chromium) ==');
  const root = resolve(__dirname, '..');
  const pages = new Map<string, string>();
  const { server, origin } = await serve(root, pages);
  pages.set('/preview.html', webviewPage(origin));
  pages.set('/mermaid.html', `<!DOCTYPE html><html><body><script src="/node_modules/mermaid/dist/mermaid.min.js"></script></body></html>`);
  const browser = await launch();
  try {
    const p = await browser.newPage();
    await p.goto(`${origin}/preview.html`);
    const m = await browser.newPage();
    await m.goto(`${origin}/mermaid.html`);
    console.log('segments   update→painted (median)   Mermaid alone   overhead');
    let version = 0;
    let at50 = NaN;
    for (const n of [10, 50, 100, 1000]) {
      const diagram = diagramOf(generateFlow(n));
      const ours: number[] = [];
      const theirs: number[] = [];
      const runs = n >= 1000 ? 3 : 7;
      for (let i = 0; i < runs; i++) {
        // Alternate two texts so every update really redraws.
        const d = { ...diagram, mermaid: `${diagram.mermaid}%% run ${i}\n` };
        const v = ++version;
        // Timed inside the page, as Mermaid alone is: from posting the update to the frame after the
        // webview says it drew it (timing from here would add Playwright's round trips and polling).
        ours.push(
          await p.evaluate(
            (msg) =>
              new Promise<number>((resolve) => {
                const posted = (window as unknown as { __posted: FromWebview[] }).__posted;
                const push = posted.push.bind(posted);
                const t0 = performance.now();
                posted.push = (...ms: FromWebview[]): number => {
                  if (ms.some((x) => x.type === 'rendered' && x.version === msg.version)) requestAnimationFrame(() => resolve(performance.now() - t0));
                  return push(...ms);
                };
                window.postMessage(msg, '*');
              }),
            { type: 'update' as const, uri: 'file:///b.tcpflow', version: v, diagram: d, locked: false },
          ),
        );
        theirs.push(
          await m.evaluate(
            async ([text, k]) => {
              const mm = (window as unknown as { mermaid: { initialize(c: object): void; render(id: string, t: string): Promise<unknown> } }).mermaid;
              mm.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 2_000_000 });
              const t0 = performance.now();
              await mm.render(`m${k}`, text as string);
              return performance.now() - t0;
            },
            [d.mermaid, `${n}-${i}`] as const,
          ),
        );
      }
      console.log(
        `${String(n).padStart(8)}   ${median(ours).toFixed(0).padStart(12)} ms ${' '.repeat(9)}${median(theirs).toFixed(0).padStart(8)} ms   ${(median(ours) / median(theirs)).toFixed(2)}×`,
      );
      if (n === 50) at50 = median(ours) / median(theirs);
    }
    console.log(`preview overhead at 50 segments: ${at50.toFixed(2)}× Mermaid alone (target ≤ 1.15×)`);
  } finally {
    await browser.close();
    server.close();
  }
  const vsix = resolve(__dirname, '..', 'tcpflow.vsix');
  console.log(existsSync(vsix) ? `.vsix size: ${(statSync(vsix).size / 1024).toFixed(0)} KB` : '.vsix size: run `npm run package` first');
}
