/**
 * TCP options on arrival: SACK (RFC 2018), timestamps and window scale (RFC 7323). `receiveOptions`
 * records what the receiver learns (the peer's SYN options, the TSvals it may echo); Fast Open
 * (RFC 7413) on arrival is in fastOpen.ts. What a sender's options may say is judged by the
 * checker (checker/sendOptions.ts). The state lives in `Endpoint.opts` and goes with the TCB.
 */

import { optionState, type Endpoint } from './endpoint.js';
import { fastOpenArrived } from './fastOpen.js';
import type { Profile } from './profiles.js';
import type { EffSegment, SegOptions, SynOptions } from './types.js';
import { HALF_32, SPACE_32 } from '../common/space32.js';
import type { TcpState } from '../common/vocabulary.js';

/** How many TSvals an endpoint remembers: an echo is of a recent one. */
const TS_MEMORY = 4096;

/** Timestamps compare in the 32-bit circle (RFC 7323 §5.2): positive when a is later than b. */
export function tsDiff(a: number, b: number): number {
  const d = (a - b) >>> 0;
  return d >= HALF_32 ? d - SPACE_32 : d;
}

/** What a SYN offered, from its options. */
export function synOptions(o: SegOptions | undefined): SynOptions {
  return { sackOk: o?.sackOk ?? false, ts: o?.ts !== undefined, wscale: o?.wscale !== undefined, cookie: o?.cookie };
}

const OPENING: ReadonlySet<TcpState> = new Set(['LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'TIME_WAIT', 'CLOSED']);

/** What the receiver learns from a segment's options: the peer's SYN options, a TSval to echo, Fast Open data. */
export function receiveOptions(e: Endpoint, s: EffSegment, before: TcpState, p: Profile): void {
  const syn = s.flags.has('SYN') && !s.flags.has('RST');
  const opened = syn && OPENING.has(before) && (e.state === 'SYN_RECEIVED' || e.state === 'ESTABLISHED');
  // A SYN that opens a new connection (in LISTEN, or a new incarnation in TIME_WAIT) starts a new option state.
  if (opened && !s.flags.has('ACK') && before !== 'SYN_SENT' && before !== 'SYN_RECEIVED') e.opts = undefined;
  const o = s.opts;
  if (!opened && o?.ts === undefined && !syn) return;
  const state = optionState(e);
  if (opened) state.received = synOptions(o);
  if (o?.ts !== undefined) {
    const seen = state.tsSeen;
    seen.delete(o.ts);
    seen.add(o.ts);
    if (seen.size > TS_MEMORY) seen.delete(seen.values().next().value!);
  }
  if (syn) fastOpenArrived(e, s, before, p);
}
