/**
 * One endpoint's transmission control block (RFC 9293 §3.3.1) as the simulation keeps it,
 * plus what it owes: answers RFC 9293 obliges it to send, and segments its application calls
 * announced. Values may be symbolic (`x+1`) or placeholders not yet named (`?1`).
 */

import type { Seq } from './seq.js';
import type { OptionState } from './types.js';
import { Reassembly } from './reassembly.js';
import { add, diff, format, isPlaceholder } from './seq.js';
import { SPACE_32 } from '../common/space32.js';
import type { Text } from '../common/text.js';
import type { Role, TcpState } from '../common/vocabulary.js';

export type OwedKind = 'syn-ack' | 'ack' | 'rst' | 'syn' | 'fin';

export interface Owed {
  readonly kind: OwedKind;
  /** The line whose segment or call caused it. */
  readonly line: number;
  /** Why, in English and Korean. */
  readonly reason: Text;
  /** The segment's text to insert as a quick fix, computed when it is needed. */
  readonly seq?: Seq;
  readonly ack?: Seq;
  /** For RST answers: with ACK (answer to a segment without ACK) or plain. */
  readonly withAck?: boolean;
  /** An ACK of data, which a real TCP may delay (RFC 9293 §3.8.6.3). */
  readonly delayable?: boolean;
  /** For RST answers: the RFC prescribes the exact form (flags and numbers, §3.10.7.1–§3.10.7.4). */
  readonly exact?: boolean;
}

/** Octets an endpoint sent with their text (a retransmission must repeat them). */
export interface SentChunk {
  readonly start: Seq;
  readonly len: number;
  readonly payload: string;
}

/**
 * Keeps a chunk of new octets for later retransmission checks, first dropping the chunks that
 * SND.UNA has passed (acknowledged octets are never sent again): the list holds what is in
 * flight, not the whole stream. The front is dropped by halves, so the cost stays linear.
 */
export function rememberSent(e: Endpoint, chunk: SentChunk): void {
  const una = e.sndUna;
  if (una) {
    const list = e.sentData;
    while (e.sentDataFrom < list.length) {
      const c = list[e.sentDataFrom]!;
      const d = diff(add(c.start, c.len), una);
      if (d === undefined || d > 0) break;
      e.sentDataFrom++;
    }
    if (e.sentDataFrom > 32 && e.sentDataFrom * 2 > list.length) {
      e.sentData = list.slice(e.sentDataFrom);
      e.sentDataFrom = 0;
    }
  }
  e.sentData.push(chunk);
}

/** The segment that last moved RCV.NXT (the segment itself, not a copy): messages explain an expected ack with it. */
export interface Received {
  readonly line: number;
  readonly seq: Seq;
  readonly dataLen: number;
  readonly flags: ReadonlySet<string>;
}

/** Where an endpoint entered its current state, for messages ("S left LISTEN at line 5, when the SYN arrived"). */
export interface StateMove {
  readonly line: number;
  readonly from: TcpState;
  readonly cause: Text;
}

export interface Endpoint {
  readonly name: string;
  readonly role: Role;
  readonly raw: boolean;
  state: TcpState;
  iss?: Seq;
  irs?: Seq;
  sndUna?: Seq;
  sndNxt?: Seq;
  rcvNxt?: Seq;
  /** The receive window this endpoint last advertised (in bytes, window scaling applied). */
  rcvWnd: number;
  /** The peer's window as this endpoint last learned it from an arriving segment (SND.WND), and that segment's seq (SND.WL1). */
  sndWnd: number;
  sndWl1?: Seq | undefined;
  /** The ACK of the segment that last set SND.WND (SND.WL2, RFC 9293 §3.10.7.4). */
  sndWl2?: Seq | undefined;
  /** The largest window the peer advertised (MAX.SND.WND, RFC 5961 §5.2; Linux's max_window). */
  maxSndWnd: number;
  /** A server whose application closed its listening socket: a SYN then meets a closed port. */
  listenerClosed: boolean;
  /** The application closed the socket (`close`): an orphan, whose FIN-WAIT-2 Linux ends after tcp_fin_timeout. */
  orphaned: boolean;
  /**
   * When (the flow's clock, ms) it last sent a challenge ACK, or (Linux) a duplicate ACK for a
   * segment without data that it dropped: Linux sends at most one per 500 ms (last_oow_ack_time).
   */
  lastChallengeMs?: number | undefined;
  /** What is left of Linux's FIN-WAIT-2 timer (tcp_fin_timeout), once a wait has started it. */
  finWait2LeftMs?: number | undefined;
  /** The window scale shift its SYN offered (RFC 7323), if it offered one. */
  wscale?: number | undefined;
  /** Entered SYN-RECEIVED from LISTEN (a RST returns it to LISTEN). */
  passive: boolean;
  finSeq?: Seq;
  finAcked: boolean;
  /** Sent its FIN before receiving the peer's (the side that closed first). */
  closedFirst: boolean;
  receivedFin: boolean;
  timeWaitLeftMs: number;
  owed: Owed[];
  /** Data (and a FIN) that arrived after a gap, waiting for the gap to fill. */
  outOfOrder: Reassembly;
  /**
   * Octets sent with their text and not yet acknowledged, in sequence order (appended; the
   * acknowledged front is dropped as SND.UNA passes it): a retransmission must repeat them.
   */
  sentData: SentChunk[];
  /** How many chunks at the front of sentData are acknowledged (dropped in halves). */
  sentDataFrom: number;
  /** What last advanced RCV.NXT. */
  lastReceived?: Received | undefined;
  /** Where the endpoint entered its current state. */
  moved?: StateMove | undefined;
  /** The connection's TCP options: what each SYN offered, timestamps, Fast Open (tcpOptions.ts); gone with the TCB. */
  opts?: OptionState | undefined;
}

/** An endpoint at one moment: cheap to take (values are shared, never copied or formatted). */
export interface Snapshot {
  readonly state: TcpState | 'RAW';
  readonly iss?: Seq;
  readonly irs?: Seq;
  readonly sndUna?: Seq;
  readonly sndNxt?: Seq;
  readonly rcvNxt?: Seq;
  readonly rcvWnd: number;
}

/** The same moment as people read it: values formatted, unnamed ones left out. */
export type SnapshotText = { readonly state: string; readonly rcvWnd: number } & Partial<Record<'iss' | 'irs' | 'sndUna' | 'sndNxt' | 'rcvNxt', string>>;

export function newEndpoint(name: string, role: Role, raw: boolean, state: TcpState): Endpoint {
  return {
    name,
    role,
    raw,
    state,
    rcvWnd: 65535,
    sndWnd: 65535,
    maxSndWnd: 65535,
    orphaned: false,
    listenerClosed: false,
    passive: role === 'server',
    finAcked: false,
    closedFirst: false,
    receivedFin: false,
    timeWaitLeftMs: 0,
    owed: [],
    outOfOrder: new Reassembly(),
    sentData: [],
    sentDataFrom: 0,
  };
}

/**
 * A connection that ended has no control block left (RFC 9293 §3.10.1: a new one is made for the
 * next connection): nothing of the old ISS, sequence variables, FIN or window carries over.
 */
export function clearTcb(e: Endpoint): void {
  e.iss = undefined;
  e.irs = undefined;
  e.sndUna = undefined;
  e.sndNxt = undefined;
  e.rcvNxt = undefined;
  e.finSeq = undefined;
  e.finAcked = false;
  e.closedFirst = false;
  e.receivedFin = false;
  e.wscale = undefined;
  e.rcvWnd = 65535;
  e.sndWnd = 65535;
  e.sndWl1 = undefined;
  e.sndWl2 = undefined;
  e.maxSndWnd = 65535;
  e.orphaned = false;
  e.finWait2LeftMs = undefined;
  e.lastChallengeMs = undefined;
  e.timeWaitLeftMs = 0;
  if (!e.outOfOrder.empty) e.outOfOrder = new Reassembly();
  e.sentData = [];
  e.sentDataFrom = 0;
  e.lastReceived = undefined;
  e.opts = undefined;
}

export function snapshot(e: Endpoint): Snapshot {
  return { state: e.raw ? 'RAW' : e.state, iss: e.iss, irs: e.irs, sndUna: e.sndUna, sndNxt: e.sndNxt, rcvNxt: e.rcvNxt, rcvWnd: e.rcvWnd };
}

const show = (v: Seq | undefined): string | undefined => (v === undefined || isPlaceholder(v) ? undefined : format(v));

export function snapshotText(s: Snapshot): SnapshotText {
  const out: Record<string, string | number> = { state: s.state, rcvWnd: s.rcvWnd };
  for (const k of ['iss', 'irs', 'sndUna', 'sndNxt', 'rcvNxt'] as const) {
    const text = show(s[k]);
    if (text !== undefined) out[k] = text;
  }
  return out as SnapshotText;
}

/** Replaces a placeholder base everywhere in the endpoint once it has a name or a number. */
export function substitute(e: Endpoint, placeholder: string, value: Seq): void {
  const sub = (v: Seq | undefined): Seq | undefined => (v && v.base === placeholder ? { base: value.base, offset: (value.offset + v.offset) % SPACE_32 } : v);
  e.iss = sub(e.iss);
  e.irs = sub(e.irs);
  e.sndUna = sub(e.sndUna);
  e.sndNxt = sub(e.sndNxt);
  e.rcvNxt = sub(e.rcvNxt);
  e.finSeq = sub(e.finSeq);
  e.owed = e.owed.map((o) => ({ ...o, ...(o.seq ? { seq: sub(o.seq)! } : {}), ...(o.ack ? { ack: sub(o.ack)! } : {}) }));
  // Placeholders are bound once each, early in a flow: these lists are short then.
  if (e.sentData.some((c) => c.start.base === placeholder)) e.sentData = e.sentData.map((c) => ({ ...c, start: sub(c.start)! }));
  // (a placeholder is bound once, early: the list is short then)
  if (e.lastReceived?.seq.base === placeholder) e.lastReceived = { ...e.lastReceived, seq: sub(e.lastReceived.seq)! };
}

/** The endpoint's option state (model/types.ts), made empty the first time it is asked for. */
export function optionState(e: Endpoint): OptionState {
  return (e.opts ??= { tsSeen: new Set() });
}
