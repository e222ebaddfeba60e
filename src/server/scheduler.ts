/**
 * When to check a changed document. A document that checks in under 100 ms is checked on the
 * next tick after a change; a slower one waits as long as its last check took, so checking
 * takes at most about half the time and typing never queues up work. Each new change replaces
 * the pending check, so results for stale versions are never computed or published. One check
 * runs at a time, the cheapest due one first, with incoming messages handled between checks:
 * a large document never holds up a small one for more than one of its checks.
 */

import type { TextDocument } from 'vscode-languageserver-textdocument';

const QUICK_MS = 100;
const MAX_DELAY_MS = 1000;

export class DiagnosticsScheduler {
  /** Documents waiting for a check, with the time (ms, performance.now) they are due. */
  private readonly due = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly getDocument: (uri: string) => TextDocument | undefined,
    private readonly publish: (doc: TextDocument) => void,
    /** What the last check of a document cost (ms), or an estimate before its first. */
    private readonly lastCostMs: (uri: string) => number,
  ) {}

  changed(uri: string): void {
    const cost = this.lastCostMs(uri);
    this.schedule(uri, cost < QUICK_MS ? 0 : Math.min(MAX_DELAY_MS, cost));
  }

  now(uri: string): void {
    this.schedule(uri, 0);
  }

  cancel(uri: string): void {
    this.due.delete(uri);
  }

  private schedule(uri: string, delayMs: number): void {
    this.due.set(uri, performance.now() + delayMs);
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.due.size === 0) return;
    const next = Math.min(...this.due.values());
    this.timer = setTimeout(() => this.runOne(), Math.max(0, next - performance.now()));
  }

  /** Checks the cheapest due document, then lets other messages in before the next. */
  private runOne(): void {
    this.timer = undefined;
    const t = performance.now();
    let pick: string | undefined;
    for (const [uri, at] of this.due) {
      if (at > t) continue;
      if (pick === undefined || this.lastCostMs(uri) < this.lastCostMs(pick)) pick = uri;
    }
    if (pick !== undefined) {
      this.due.delete(pick);
      const doc = this.getDocument(pick);
      if (doc) this.publish(doc);
    }
    this.arm();
  }
}
