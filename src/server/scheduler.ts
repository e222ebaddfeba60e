/**
 * When to check a changed document, and when a feature's request does its work. A document that
 * checks in under 100 ms is checked on the next tick after a change; a slower one waits as long
 * as its last check took, so checking takes at most about half the time and typing never queues
 * up work. Each new change replaces the pending check, so results for stale versions are never
 * computed or published.
 *
 * One piece of work runs at a time — a document's check, or the requests (hover, outline, the
 * diagram…) waiting on one document — the cheapest first (a check before the requests of the
 * same cost), and only once every message received so far has been handled (traffic.ts): a large
 * document never holds up a small one for more than one of its checks, and its outline, folds and
 * diagram never hold up a small document's diagnostics.
 */

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Traffic } from './traffic.js';

const QUICK_MS = 100;
const MAX_DELAY_MS = 1000;

/** The next turn of the event loop (Node's setImmediate; a zero timeout in a web worker). */
const nextTurn: (f: () => void) => void = typeof setImmediate === 'function' ? (f) => void setImmediate(f) : (f) => void setTimeout(f, 0);

export class DiagnosticsScheduler {
  /** Documents waiting for a check, with the time (ms, performance.now) they are due. */
  private readonly due = new Map<string, number>();
  /** Requests waiting for their turn, by document. */
  private readonly turns = new Map<string, (() => void)[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Waiting for a quiet turn of the event loop before the next piece of work. */
  private looking = false;

  constructor(
    private readonly getDocument: (uri: string) => TextDocument | undefined,
    private readonly publish: (doc: TextDocument) => void,
    /** What the last check of a document cost (ms), or an estimate before its first. */
    private readonly lastCostMs: (uri: string) => number,
    /** The connection's messages; without it, work starts without waiting for them. */
    private readonly traffic?: Traffic,
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

  /** Resolves when a request on `uri` may do its work: after the cheaper work waiting, and after its document's due check. */
  turn(uri: string): Promise<void> {
    return new Promise((resolve) => {
      const waiting = this.turns.get(uri);
      if (waiting) waiting.push(resolve);
      else this.turns.set(uri, [resolve]);
      this.arm();
    });
  }

  private schedule(uri: string, delayMs: number): void {
    this.due.set(uri, performance.now() + delayMs);
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.looking) return;
    if (this.turns.size > 0) {
      this.look();
      return;
    }
    if (this.due.size === 0) return;
    let next = Infinity; // no spread over the open documents
    for (const at of this.due.values()) next = Math.min(next, at);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.look();
      },
      Math.max(0, next - performance.now()),
    );
  }

  /** Runs the next piece of work once a turn of the event loop has gone by without a message. */
  private look(): void {
    this.looking = true;
    nextTurn(() => {
      if (this.traffic?.moved()) {
        this.look();
        return;
      }
      this.looking = false;
      try {
        this.runOne();
      } finally {
        this.arm(); // whatever happened, the work left is not forgotten
      }
    });
  }

  /** Runs the cheapest due piece of work, then lets other messages in before the next. */
  private runOne(): void {
    const t = performance.now();
    let pick: string | undefined;
    let pickCost = Infinity;
    for (const [uri, at] of this.due) {
      if (at > t) continue;
      const cost = this.lastCostMs(uri);
      if (pick === undefined || cost < pickCost) [pick, pickCost] = [uri, cost];
    }
    let turn: string | undefined;
    for (const uri of this.turns.keys()) {
      const cost = this.lastCostMs(uri);
      if (cost < pickCost) [pick, pickCost, turn] = [uri, cost, uri]; // at the same cost, the check goes first
    }
    if (turn !== undefined) {
      // The requests do their work as soon as this returns, before the next turn of the loop.
      const waiting = this.turns.get(turn)!;
      this.turns.delete(turn);
      for (const resolve of waiting) resolve();
    } else if (pick !== undefined) {
      this.due.delete(pick);
      const doc = this.getDocument(pick);
      if (doc) this.publish(doc);
    }
  }
}
