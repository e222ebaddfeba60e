/**
 * The reassembly queue (RFC 9293 §3.10.7.4, seventh step): data that arrived above RCV.NXT, and
 * FINs that came after a gap, waiting for the gap to fill. The data is kept as stretches of the
 * peer's sequence space, in sequence order, joined where they touch or overlap (as Linux's
 * out-of-order queue coalesces them), so adding a segment, moving RCV.NXT through the queue and
 * asking what a SACK block covers each cost a binary search and the stretches they pass: forty
 * thousand segments queued behind a lost one, in any order, stay linear.
 *
 * Values compare only within one base (seq.ts): the queue keeps the distances of its values from
 * the first one queued (`anchor`); a value of another base waits in `others`, never reached by
 * RCV.NXT of the anchor's base, as before.
 */

import { tally } from '../common/work.js';
import { add, diff, type Seq } from './seq.js';

/** What arrived after a gap: octets [start, end), and a FIN after them when `fin`. */
export interface Queued {
  readonly start: Seq;
  readonly end: Seq;
  readonly fin: boolean;
}

export class Reassembly {
  private anchor: Seq | undefined;
  /**
   * Disjoint, non-touching stretches [starts[i], ends[i]) of data, as distances from the anchor,
   * in order, from index `head` on: the front is dropped by moving `head` (and the lists cut when
   * half of them is dropped), and room is kept before `head` for stretches that come in front.
   */
  private starts: number[] = [];
  private ends: number[] = [];
  private head = 0;
  /** Where queued FINs stand (distances from the anchor): each takes the number at its position. */
  private fins: number[] = [];
  /** Queued items whose values do not compare with the anchor (another base). */
  private others: Queued[] = [];

  get empty(): boolean {
    return this.head === this.starts.length && this.fins.length === 0 && this.others.length === 0;
  }

  /** Queues data [start, end) and, with `fin`, a FIN at `end`. */
  push(q: Queued): void {
    this.anchor ??= q.start;
    const s = diff(q.start, this.anchor);
    const len = diff(q.end, q.start);
    tally();
    if (s === undefined || len === undefined) {
      this.others.push(q);
      return;
    }
    if (len > 0) this.addStretch(s, s + len);
    if (q.fin) this.fins.push(s + Math.max(len, 0));
  }

  /**
   * RCV.NXT moves through the queue: the stretches it reaches are taken into the stream (RCV.NXT
   * goes to their end). Returns the new RCV.NXT and whether a queued FIN now stands right at it
   * (a FIN that data beyond it has overtaken is dropped with that data).
   */
  drain(rcvNxt: Seq): { rcvNxt: Seq; fin: boolean } {
    let fin = false;
    let nxt = rcvNxt;
    const a = this.anchor;
    const r0 = a ? diff(rcvNxt, a) : undefined;
    if (a && r0 !== undefined) {
      let r = r0;
      const { starts, ends } = this;
      while (this.head < starts.length && starts[this.head]! <= r) {
        tally();
        if (ends[this.head]! > r) r = ends[this.head]!;
        this.head++;
      }
      this.compact();
      if (this.fins.length > 0) {
        const left: number[] = [];
        for (const f of this.fins) {
          tally();
          if (f > r) left.push(f);
          else if (f === r) fin = true;
        }
        this.fins = left;
      }
      nxt = r === r0 ? rcvNxt : add(a, r);
    }
    if (this.others.length > 0) {
      const o = this.drainOthers(nxt);
      nxt = o.rcvNxt;
      fin = o.fin || fin;
    }
    if (this.head === this.starts.length && this.fins.length === 0) {
      this.anchor = undefined;
      this.starts = [];
      this.ends = [];
      this.head = 0;
    }
    return { rcvNxt: nxt, fin };
  }

  /**
   * The first stretch of [left, right) the queue does not hold (a queued FIN holds the number at
   * its position), or undefined when it holds all, or when it holds values that do not compare.
   */
  notHeld(left: Seq, right: Seq): { from: Seq; to: Seq } | undefined {
    if (this.others.length > 0) return undefined;
    const a = this.anchor;
    if (!a) return (diff(right, left) ?? 0) > 0 ? { from: left, to: right } : undefined;
    const l = diff(left, a);
    const rr = diff(right, a);
    if (l === undefined || rr === undefined) return undefined;
    let at = l;
    for (let moved = true; moved && at < rr;) {
      moved = false;
      const k = this.lastStartingAtOrBefore(at);
      if (k >= this.head && this.ends[k]! > at) {
        at = this.ends[k]!;
        moved = true;
      }
      for (const f of this.fins) {
        tally();
        if (f === at) {
          at = f + 1;
          moved = true;
        }
      }
    }
    if (at >= rr) return undefined;
    let to = rr;
    const next = this.lastStartingAtOrBefore(at) + 1;
    if (next < this.starts.length && this.starts[next]! < to) to = this.starts[next]!;
    for (const f of this.fins) if (f > at && f < to) to = f;
    return { from: add(a, at), to: add(a, to) };
  }

  /** Index of the last stretch that starts at or before `v` (head - 1 if none): a binary search. */
  private lastStartingAtOrBefore(v: number): number {
    let lo = this.head;
    let hi = this.starts.length;
    while (lo < hi) {
      tally();
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** Adds [s, e), joining the stretches it touches or overlaps. */
  private addStretch(s: number, e: number): void {
    const { starts, ends } = this;
    const n = starts.length;
    // Most segments extend the last stretch or come after it (a burst in order behind a gap).
    if (n === this.head || starts[n - 1]! <= s) {
      if (n > this.head && s <= ends[n - 1]!) {
        if (e > ends[n - 1]!) ends[n - 1] = e;
      } else {
        starts.push(s);
        ends.push(e);
      }
      return;
    }
    // The first stretch that ends at or after s (it may touch), by binary search.
    let lo = this.head;
    let hi = n;
    while (lo < hi) {
      tally();
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! < s) lo = mid + 1;
      else hi = mid;
    }
    // Stretches lo … j-1 touch or overlap [s, e): they become one.
    let j = lo;
    let ns = s;
    let ne = e;
    while (j < n && starts[j]! <= e) {
      tally();
      if (starts[j]! < ns) ns = starts[j]!;
      if (ends[j]! > ne) ne = ends[j]!;
      j++;
    }
    if (j > lo) {
      starts[lo] = ns;
      ends[lo] = ne;
      if (j - lo > 1) this.remove(lo + 1, j - lo - 1);
      return;
    }
    this.insert(lo, ns, ne);
  }

  /** A new stretch at index `at`: in the room before `head` when it goes in front (segments arriving in reverse). */
  private insert(at: number, s: number, e: number): void {
    if (at === this.head) {
      if (this.head === 0) {
        // Room in front, as much as the list holds: reverse order costs a copy per doubling.
        const room = Math.max(16, this.starts.length);
        this.starts = new Array<number>(room).fill(0).concat(this.starts);
        this.ends = new Array<number>(room).fill(0).concat(this.ends);
        this.head = room;
        tally(this.starts.length);
      }
      this.head--;
      this.starts[this.head] = s;
      this.ends[this.head] = e;
      return;
    }
    // In the middle: the stretches after it move (counted).
    tally(this.starts.length - at);
    this.starts.splice(at, 0, s);
    this.ends.splice(at, 0, e);
  }

  private remove(at: number, count: number): void {
    tally(this.starts.length - at);
    this.starts.splice(at, count);
    this.ends.splice(at, count);
  }

  /** Drops the taken front once it is half of the lists (each stretch is moved a bounded number of times). */
  private compact(): void {
    if (this.head > 32 && this.head * 2 > this.starts.length) {
      tally(this.starts.length - this.head);
      this.starts = this.starts.slice(this.head);
      this.ends = this.ends.slice(this.head);
      this.head = 0;
    }
  }

  /** Items of another base than the anchor: the old walk, which restarts after each one it takes (they are rare). */
  private drainOthers(start: Seq): { rcvNxt: Seq; fin: boolean } {
    let fin = false;
    let nxt = start;
    for (let moved = true; moved;) {
      moved = false;
      for (let k = 0; k < this.others.length; k++) {
        tally();
        const q = this.others[k]!;
        if ((diff(q.start, nxt) ?? 1) > 0) continue;
        if ((diff(q.end, nxt) ?? 0) > 0) nxt = q.end;
        if (q.fin && diff(q.end, nxt) === 0) fin = true;
        this.others.splice(k, 1);
        moved = true;
        break;
      }
    }
    return { rcvNxt: nxt, fin };
  }
}
