/// <reference types="mocha" />
/** The preview's HTML as the extension serves it, with a stand-in for acquireVsCodeApi and VS Code's light colours. */

import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { previewHtml } from '../../src/shared/previewHtml.js';
import type { Diagram, FromWebview, ToWebview } from '../../src/shared/previewProtocol.js';
import { launch, serve } from './browser.js';

export const LIGHT =
  '--vscode-editor-background:#ffffff;--vscode-editor-foreground:#1f1f1f;--vscode-errorForeground:#e51400;--vscode-textLink-foreground:#006ab1;--vscode-editorWidget-background:#f3f3f3;--vscode-panel-border:#cccccc';
export const DARK =
  '--vscode-editor-background:#1e1e1e;--vscode-editor-foreground:#d4d4d4;--vscode-errorForeground:#f48771;--vscode-textLink-foreground:#3794ff;--vscode-editorWidget-background:#252526;--vscode-panel-border:#454545';

export function webviewPage(origin: string, lang: 'en' | 'ko' = 'en'): string {
  const html = previewHtml({
    cspSource: origin,
    nonce: 'n0nce',
    mermaidUri: `${origin}/dist/mermaid.js`,
    scriptUri: `${origin}/dist/webview.js`,
    styleUri: `${origin}/media/preview.css`,
    lang,
  });
  const stub = `<script nonce="n0nce">window.__posted=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m),getState:()=>window.__state,setState:(s)=>{window.__state=s}});</script>`;
  return html
    .replace(`<html lang="${lang}">`, `<html lang="${lang}" style="${LIGHT}">`)
    .replace('<body>', '<body class="vscode-light">')
    .replace('<script nonce', `${stub}\n<script nonce`);
}

/** What the webview has posted to the extension so far. */
export const posted = (p: Page): Promise<FromWebview[]> => p.evaluate(() => (window as unknown as { __posted: FromWebview[] }).__posted);

/** A message to the webview, as the extension posts it. */
export const send = (p: Page, m: ToWebview): Promise<void> => p.evaluate((msg) => window.postMessage(msg, '*'), m);

let version = 0;

/** Posts an update and waits until the webview says it drew it (or failed). */
export async function draw(p: Page, diagram: Diagram, uri = 'file:///flow.tcpflow'): Promise<FromWebview> {
  const v = ++version;
  await send(p, { type: 'update', uri, version: v, diagram, locked: false });
  const h = await p.waitForFunction(
    (ver) => (window as unknown as { __posted: FromWebview[] }).__posted.find((m) => (m.type === 'rendered' && m.version === ver) || m.type === 'renderError'),
    v,
  );
  return (await h.jsonValue()) as FromWebview;
}

/**
 * What every preview test file needs: hooks that serve the repository with the preview pages
 * (English and Korean) and start Chromium, and `open`, a new page on one of them once the webview
 * says it is ready.
 */
export function previewHarness(root: string): { open(path?: string): Promise<Page>; origin(): string } {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let origin = '';
  const pages = new Map<string, string>();
  before(async () => {
    ({ server, origin } = await serve(root, pages));
    pages.set('/preview.html', webviewPage(origin));
    pages.set('/preview-ko.html', webviewPage(origin, 'ko'));
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });
  return {
    origin: () => origin,
    async open(path = '/preview.html') {
      const p = await browser!.newPage({ viewport: { width: 1000, height: 800 } });
      p.on('dialog', (d) => void d.dismiss());
      await p.goto(`${origin}${path}`);
      await p.waitForFunction(() => (window as unknown as { __posted: FromWebview[] }).__posted.some((m) => m.type === 'ready'));
      return p;
    },
  };
}
