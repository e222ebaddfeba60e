/**
 * TIME_WAIT timers of the connections that are not the current one. A `wait` makes time pass for
 * every connection (§3.10.8: TIME_WAIT ends after 2×MSL); a capture of thousands of short
 * connections leaves thousands of them in TIME_WAIT while its `wait` lines go on, and counting
 * each one down at every wait costs their product. So a connection left in TIME_WAIT gets a
 * deadline on the flow's clock, in a heap: a wait takes out only the timers that ran out, and a
 * connection that becomes current again gets back the time it has left.
 */

import { tally } from '../common/work.js';
import type { Endpoint } from './endpoint.js';

interface Timer<C> {
  readonly deadline: number;
  readonly endpoint: Endpoint;
  readonly connection: C;
  /** The endpoint's timer count when this one was set: an older timer is void. */
  readonly version: number;
}

/** `C` is the connection (checker/connections.ts); each connection's endpoints are `endpointsOf(c)`. */
export class TimeWaits<C> {
  /** The time the flow's waits have passed so far (ms). */
  private clock = 0;

  /** The flow's clock: the time all waits so far took (ms). */
  get now(): number {
    return this.clock;
  }
  private readonly heap: Timer<C>[] = [];
  private readonly versions = new Map<Endpoint, number>();
  /** The deadline of each endpoint whose timer runs in the heap. */
  private readonly deadlines = new Map<Endpoint, number>();

  constructor(private readonly endpointsOf: (c: C) => readonly Endpoint[]) {}

  /** The connection stops being the current one: its TIME_WAIT endpoints count down on the clock. */
  leave(c: C): void {
    for (const e of this.endpointsOf(c)) {
      if (e.raw || e.state !== 'TIME_WAIT') continue;
      const deadline = this.clock + e.timeWaitLeftMs;
      const version = this.bump(e);
      this.deadlines.set(e, deadline);
      this.push({ deadline, endpoint: e, connection: c, version });
    }
  }

  /** The connection becomes the current one: its endpoints get back the time they have left (counted down by the simulation from here). */
  enter(c: C): void {
    for (const e of this.endpointsOf(c)) {
      const deadline = this.deadlines.get(e);
      if (deadline === undefined) continue;
      this.deadlines.delete(e);
      this.bump(e);
      if (e.state === 'TIME_WAIT') e.timeWaitLeftMs = deadline - this.clock;
    }
  }

  /**
   * `ms` pass. Returns the endpoints of other connections whose TIME_WAIT ran out, each with its
   * connection (its time left set, at or below zero); the current connection's endpoints are the
   * simulation's to count down.
   */
  pass(ms: number): { endpoint: Endpoint; connection: C }[] {
    this.clock += ms;
    const out: { endpoint: Endpoint; connection: C }[] = [];
    while (this.heap.length > 0 && this.heap[0]!.deadline <= this.clock) {
      const t = this.pop();
      if (this.versions.get(t.endpoint) !== t.version || t.endpoint.state !== 'TIME_WAIT') continue;
      this.deadlines.delete(t.endpoint);
      t.endpoint.timeWaitLeftMs = t.deadline - this.clock;
      out.push({ endpoint: t.endpoint, connection: t.connection });
    }
    return out;
  }

  private bump(e: Endpoint): number {
    const v = (this.versions.get(e) ?? 0) + 1;
    this.versions.set(e, v);
    return v;
  }

  // A binary min-heap by deadline (earlier set first on a tie).
  private push(t: Timer<C>): void {
    const h = this.heap;
    let i = h.length;
    h.push(t);
    while (i > 0) {
      tally();
      const up = (i - 1) >> 1;
      if (h[up]!.deadline <= t.deadline) break;
      h[i] = h[up]!;
      i = up;
    }
    h[i] = t;
  }

  private pop(): Timer<C> {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        tally();
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && h[r]!.deadline < h[l]!.deadline ? r : l;
        if (h[c]!.deadline >= last.deadline) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}
