/**
 * When to check a changed document. Small documents are checked on the next tick after a
 * change (a 1,000-line flow checks in a few milliseconds); larger ones wait about twice as long
 * as their last check took, so typing never queues up work. Each new change replaces the
 * pending check, so results for stale versions are never computed or published.
 */

import type { TextDocument } from 'vscode-languageserver-textdocument';

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly getDocument: (uri: string) => TextDocument | undefined,
    private readonly publish: (doc: TextDocument) => void,
    private readonly lastCostMs: (uri: string) => number,
  ) {}

  changed(uri: string): void {
    const cost = this.lastCostMs(uri);
    this.schedule(uri, cost < 20 ? 0 : Math.min(500, cost * 2));
  }

  now(uri: string): void {
    this.schedule(uri, 0);
  }

  cancel(uri: string): void {
    const t = this.pending.get(uri);
    if (t) clearTimeout(t);
    this.pending.delete(uri);
  }

  private schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        const doc = this.getDocument(uri);
        if (doc) this.publish(doc);
      }, delayMs),
    );
  }
}
