/**
 * The web extension's language server (dist/browser/server.js) in a real Web Worker in headless
 * Chromium, with a small JSON-RPC client in the page: requests, notifications, and a wait for
 * the publishDiagnostics of a given version (an event, never a sleep). Requests from the server
 * (configuration, refreshes) are answered as VS Code would with default settings.
 */

import type { Server } from 'node:http';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { launch, serve } from './browser.js';

const PAGE = `<!DOCTYPE html><html><body><script>
const worker = new Worker('/dist/browser/server.js');
let id = 0;
const pending = new Map();
const published = [];
const waiters = [];
worker.onmessage = (e) => {
  const m = e.data;
  if (m.method && m.id !== undefined) { worker.postMessage({ jsonrpc: '2.0', id: m.id, result: m.method === 'workspace/configuration' ? m.params.items.map(() => ({})) : null }); return; }
  if (m.method === 'textDocument/publishDiagnostics') {
    m.params.at = performance.now();
    published.push(m.params);
    for (const w of [...waiters]) if (w.test(m.params)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m.params); }
    return;
  }
  if (m.id !== undefined && pending.has(m.id)) { pending.get(m.id)(m); pending.delete(m.id); }
};
window.lsp = {
  request(method, params) { const i = ++id; return new Promise((ok) => { pending.set(i, ok); worker.postMessage({ jsonrpc: '2.0', id: i, method, params }); }); },
  notify(method, params) { worker.postMessage({ jsonrpc: '2.0', method, params }); },
  diagnostics(uri, version) {
    const hit = published.find((p) => p.uri === uri && p.version === version);
    return hit ? Promise.resolve(hit) : new Promise((resolve) => waiters.push({ test: (p) => p.uri === uri && p.version === version, resolve }));
  },
};
</script></body></html>`;

export class WorkerClient {
  private browser!: Browser;
  private server!: Server;
  page!: Page;
  private versions = new Map<string, number>();

  /** `root`: the repository (dist/browser/server.js under it). */
  async start(root = process.cwd()): Promise<{ capabilities: Record<string, unknown> }> {
    const pages = new Map([['/lsp.html', PAGE]]);
    const s = await serve(resolve(root), pages);
    this.server = s.server;
    this.browser = await launch();
    this.page = await this.browser.newPage();
    await this.page.goto(`${s.origin}/lsp.html`);
    const r = (await this.request('initialize', {
      processId: null,
      rootUri: null,
      locale: 'en',
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
      initializationOptions: { locale: 'en' },
    })) as {
      capabilities: Record<string, unknown>;
    };
    await this.notify('initialized', {});
    return r;
  }

  async request(method: string, params: unknown): Promise<unknown> {
    const m = (await this.page.evaluate(
      ([method, params]) => (window as unknown as { lsp: { request(m: unknown, p: unknown): Promise<unknown> } }).lsp.request(method, params),
      [method, params] as const,
    )) as {
      result?: unknown;
      error?: { message: string };
    };
    if (m.error) throw new Error(m.error.message);
    return m.result;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.page.evaluate(([method, params]) => (window as unknown as { lsp: { notify(m: unknown, p: unknown): void } }).lsp.notify(method, params), [
      method,
      params,
    ] as const);
  }

  diagnostics(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.page.evaluate(
      ([uri, version]) =>
        (window as unknown as { lsp: { diagnostics(u: string, v: number): Promise<PublishDiagnosticsParams> } }).lsp.diagnostics(uri, version),
      [uri, version] as const,
    );
  }

  async open(uri: string, text: string): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'tcpflow', version: 1, text } });
    return (await this.diagnostics(uri, 1)).diagnostics;
  }

  /**
   * One edit, and the time (measured in the page, where the worker's messages arrive) from
   * sending it to the diagnostics of its version.
   */
  async change(
    uri: string,
    text: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
  ): Promise<{ diagnostics: Diagnostic[]; ms: number }> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    return this.page.evaluate(
      async ([uri, version, text, range]) => {
        const lsp = (
          window as unknown as {
            lsp: { notify(m: string, p: unknown): void; diagnostics(u: string, v: number): Promise<{ diagnostics: Diagnostic[]; at: number }> };
          }
        ).lsp;
        const t0 = performance.now();
        lsp.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
        const p = await lsp.diagnostics(uri, version);
        return { diagnostics: p.diagnostics, ms: p.at - t0 };
      },
      [uri, version, text, range] as const,
    );
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    this.server?.close();
  }
}
