/**
 * The model's shared shapes: a segment as its receiver sees it (`EffSegment`), the options it
 * carries and what each endpoint knows of its connection's options. Both the model's rules and
 * the checker import them from here, so no rule file has to import another for a type.
 */

import type { Seq } from './seq.js';
import type { Flag } from '../common/vocabulary.js';

/** A segment as its receiver sees it: the numbers resolved, the options read. */
export interface EffSegment {
  readonly flags: ReadonlySet<Flag>;
  readonly seq: Seq;
  readonly ack?: Seq; // present when the ACK flag is set
  readonly dataLen: number;
  readonly line: number;
  /** The octets as written, when the line gave them. */
  readonly payload?: string | undefined;
  /** Its TCP options (SACK, timestamps, Fast Open cookie), when the line gave any. */
  readonly opts?: SegOptions | undefined;
  /** The window the segment advertises (bytes, scaling applied): the receiver's SND.WND once it arrives. */
  readonly wnd?: number | undefined;
}

/** The options a segment carries, as its receiver reads them. */
export interface SegOptions {
  readonly sackOk: boolean;
  readonly wscale: number | undefined;
  readonly ts: number | undefined;
  readonly ecr: number | undefined;
  readonly sackBlocks: number;
  /** RFC 7413: '' for a cookie request (a bare `cookie`), the cookie otherwise. */
  readonly cookie: string | undefined;
}

/** What one SYN (or SYN+ACK) offered. */
export interface SynOptions {
  readonly sackOk: boolean;
  readonly ts: boolean;
  readonly wscale: boolean;
  readonly cookie: string | undefined;
}

/** Data on a SYN that opened a passive connection, waiting for the SYN+ACK to accept or refuse it (fastOpen.ts). */
export interface SynData {
  readonly seg: EffSegment;
  /** ISN + 1 + len: what a SYN+ACK that accepts the data acknowledges. */
  readonly end: Seq;
  /** Why Fast Open cannot accept it (no `fastopen`, no cookie, a cookie request), or undefined when it can. */
  readonly cannot: 'no-fastopen' | 'no-cookie' | 'request' | undefined;
}

/** One endpoint's view of its connection's options. */
export interface OptionState {
  /** What its own SYN (or SYN+ACK) carried; undefined while it has sent none in this connection. */
  sent?: SynOptions | undefined;
  /** What the peer's SYN (or SYN+ACK) carried when it arrived; undefined while none has. */
  received?: SynOptions | undefined;
  /** The TSval it last sent (RFC 7323 §5.4: its clock never runs backwards). */
  tsLast?: number | undefined;
  /** TSvals that arrived (the latest ones): an ecr= echoes one of them (RFC 7323 §4.3). */
  readonly tsSeen: Set<number>;
  /** The TSval of its first SYN of this connection (Linux's retrans_stamp: a SYN+ACK's TSecr is not older). */
  synTs?: number | undefined;
  /** The TSvals of the first and the last SYN+ACK it sent in this connection (Linux's snt_tsval_first, snt_tsval_last). */
  synAckTs?: { readonly first: number; readonly last: number } | undefined;
  /** TS.Recent (RFC 7323 §4.3): the TSval PAWS compares with, moved only by segments at or below Last.ACK.sent. */
  tsRecent?: number | undefined;
  /** When (the flow's clock, ms) TS.Recent was last set: after 24 days idle it is invalid (RFC 7323 §5.5). */
  tsRecentAtMs?: number | undefined;
  /** Last.ACK.sent (RFC 7323 §4.3): the ACK field of the last segment this endpoint sent. */
  lastAckSent?: Seq | undefined;
  /** A passive endpoint's SYN that carried data, until its SYN+ACK decides about the data (fastOpen.ts). */
  synData?: SynData | undefined;
  /** The server's Fast Open decision: the SYN's data accepted (acknowledged by the SYN+ACK) or refused. */
  fastOpen?: 'accepted' | 'refused' | undefined;
  /** The client's SYN carried data the SYN+ACK did not acknowledge: sending it again is expected. */
  synDataRefused?: boolean | undefined;
}
