/**
 * One segment of a connection as the importer reasons about it (read from a packet, or inferred
 * from the numbers around it), and the sequence space it takes. infer.ts makes them, timeline.ts
 * times them, writeFlow.ts writes them.
 */

import { FIN, SYN } from './packet.js';
import { wrap } from './seqMath.js';

export type Side = 0 | 1;

export interface Seg {
  readonly side: Side;
  readonly flags: number;
  seq: number | undefined;
  readonly ack: number;
  readonly len: number;
  readonly win: number;
  readonly mss?: number | undefined;
  readonly wscale?: number | undefined;
  /** Options the language cannot write yet, kept for hovers and later use. */
  readonly sackOk?: boolean | undefined;
  readonly sack?: readonly (readonly [number, number])[] | undefined;
  readonly ts?: readonly [number, number] | undefined;
  readonly tfo?: string | undefined;
  readonly timeUs: number;
  /** Not in the capture: inferred from the numbers around it. */
  readonly inferred: boolean;
  lost: boolean;
  /** Sent before the previous segment arrived. */
  crossing: boolean;
  /** The call written before it: `close`, `abort`, or the kernel's own reset (`resets "accept queue full"`). */
  call?: 'close' | 'abort' | 'resets';
  /** How many captured segments this line stands for (`--collapse`). */
  merged?: number;
  /** The same segment again moments later: the network or the capture repeated it. */
  duplicate?: boolean;
  /** For a duplicate: the segment it repeats. */
  copyOf?: Seg;
  /** Sent again by its sender (a timer fired, or the peer's duplicate ACKs or SACK asked). */
  resent?: boolean;
  /** Arrived late, as a duplicate the receiver reported with this ACK's D-SACK block (RFC 2883). */
  reportedBy?: Seg;
  /** Captured after a later segment of its sender: it arrived late (reordering). */
  reordered?: boolean;
  /** Overtaken in the network: the receiver's SACK reported data after it while its ack stayed at it (infer.ts, sackedPast). */
  overtaken?: boolean;
  /** Sent in answer to this segment of the peer, which had arrived (a challenge ACK answering a SYN that met an old socket). */
  answering?: Seg;
  /**
   * Its receiver had ended silently before it arrived (`timeout`: RFC 9293 §3.10.8's user timeout,
   * Linux's TCP_USER_TIMEOUT or retransmissions that gave up): it answers this as a closed port.
   */
  receiverTimedOut?: boolean;
  /** Arrived before this RST (of the peer) was sent: the RST's ack covers it (infer.ts, rstAckArrivals). */
  arrivedBeforeRst?: Seg;
  /** Had not arrived when this RST (of the peer) was sent: the RST's ack stops short of it. */
  notBeforeRst?: Seg;
  /**
   * It reached its receiver's host, whose kernel discarded it on purpose (the language's
   * `dropped "reason"`): no state change there, nothing delivered; for its sender, as good as lost.
   */
  dropped?: string;
}

/** The reasons written after `dropped` (and after the kernel's own `resets`). */
export const DROP_REASONS = {
  acceptQueue: 'accept queue full',
  deferAccept: 'TCP_DEFER_ACCEPT',
  other: "the receiver's kernel dropped it",
} as const;

/** The sequence space a segment takes: its data, and one each for SYN and FIN. */
export const space = (s: Seg): number => s.len + (s.flags & SYN ? 1 : 0) + (s.flags & FIN ? 1 : 0);
/** The number after a segment's last (its SND.NXT once sent). */
export const endOf = (s: Seg): number => wrap((s.seq ?? 0) + space(s));
