/**
 * What a capture shows only indirectly, inferred from one connection's segments in capture
 * order:
 * - numbers tcpdump text leaves out (a pure ACK's seq) and segments the capture never saw
 *   (a jump in a side's sequence numbers; a SYN+ACK whose SYN is missing);
 * - segments that never arrived: a retransmission after the peer's answer was captured means
 *   the answer was lost; a retransmission with no answer in between means the original was;
 * - what is no loss: a segment that arrived late (reordering) goes where it was sent, an exact
 *   repeat the network or the capture made is a duplicate;
 * - segments that crossed in flight: a segment that does not acknowledge what the other side
 *   had just sent, although that arrived in order, was sent before it arrived (the `&` form);
 * - the application calls behind a FIN (`close`) and an unprompted RST (`abort`).
 */

import { ACK, FIN, RST, SYN, type TcpPacket } from './packet.js';
import { delta, later, le, lt, wrap } from './seqMath.js';
import { delays } from './delays.js';
import { DROP_REASONS, endOf, space, type Seg, type Side } from './segment.js';

/** The segment type lives in segment.ts; src/kernel still imports it from here. */
export type { Seg, Side } from './segment.js';

/** Jumps bigger than this are not gaps but nonsense, and are left for the checker to report. */
const MAX_GAP = 0x4000_0000;
/**
 * A repeat sooner than this, with nothing from the peer in between, is a duplicate, not a
 * retransmission: Linux's earliest retransmission (a tail loss probe) waits at least 10 ms.
 */
const DUPLICATE_US = 2_000;
/** How far ahead a late segment is looked for (keeps the search linear in the capture). */
const REORDER_WINDOW = 256;

/** A captured packet as a segment of its side. */
export function fromPacket(p: TcpPacket, side: Side): Seg {
  return {
    side,
    flags: p.flags,
    seq: p.seq,
    ack: p.ack,
    len: p.len,
    win: p.win,
    mss: p.mss,
    wscale: p.wscale,
    sackOk: p.sackOk,
    sack: p.sack,
    ts: p.ts,
    tfo: p.tfo,
    timeUs: p.timeUs,
    inferred: false,
    lost: false,
    crossing: false,
  };
}

/**
 * `arrivals`: the document will say when each end received each segment (`@label`/`arrives`,
 * see timeline.ts), so a late segment stays where it was sent; without, it is moved to where it
 * arrived and crossings become `&`.
 */
export function infer(packets: readonly TcpPacket[], sideOf: (p: TcpPacket) => Side, arrivals = false, tooBig: readonly TcpPacket[] = []): Seg[] {
  const segs = reordered(withGaps(packets, sideOf));
  // Each side's distance from the capture point: an answer captured less than a round trip
  // from there before a retransmission could not have reached its sender in time.
  markLosses(segs, arrivals ? delays(segs) : [0, 0]);
  if (arrivals) dsack(segs);
  if (arrivals) sackedPast(segs);
  lostToIcmp(segs, tooBig, sideOf);
  neverAcknowledged(segs, arrivals ? delays(segs) : [0, 0]);
  rstAckArrivals(segs);
  if (arrivals) rstNeverArrived(segs, delays(segs));
  lastSynUnanswered(segs);
  if (arrivals) droppedByReceiver(segs, delays(segs));
  if (!arrivals) moveLateArrivals(segs);
  markCrossingsAndCalls(segs);
  return segs;
}

/**
 * RFC 1191 §4 and RFC 8201 §4: a router that cannot forward a packet because it is larger than
 * the next hop's MTU (and may not be fragmented) drops it and answers with ICMP "fragmentation
 * needed" / "packet too big", quoting it. The segment such a message quotes — its sender's last
 * transmission of that seq (and length, when the quote says it) before the message — never
 * arrived, whatever else is guessed.
 */
function lostToIcmp(segs: readonly Seg[], tooBig: readonly TcpPacket[], sideOf: (p: TcpPacket) => Side): void {
  if (tooBig.length === 0) return;
  const bySeq: [Map<number, Seg[]>, Map<number, Seg[]>] = [new Map(), new Map()];
  for (const s of segs) {
    if (s.inferred || s.seq === undefined || s.len === 0) continue;
    const list = bySeq[s.side].get(s.seq);
    if (list) list.push(s);
    else bySeq[s.side].set(s.seq, [s]);
  }
  for (const m of tooBig) {
    const list = bySeq[sideOf(m)].get(m.seq!) ?? [];
    let quoted: Seg | undefined;
    for (const s of list) if (s.timeUs <= m.timeUs && !s.duplicate && (m.len === 0 || s.len === m.len)) quoted = s;
    if (quoted) {
      quoted.lost = true;
      quoted.reordered = false;
      delete quoted.reportedBy;
    }
  }
}

/**
 * Issue 25, item 9: a RST's `ack` proves which in-flight segments arrived before it. A RST with
 * ACK carries its sender's RCV.NXT when it was sent (RFC 9293 §3.10.5, the ABORT's
 * `<SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>` of RFC 5961 §3 and Linux's `tcp_send_active_reset()`;
 * `<SEQ=0><ACK=SEG.SEQ+SEG.LEN>` of a closed port, §3.10.7.1): each segment of the peer captured
 * before it (and not lost) whose sequence space ends at or below that ack had arrived when the
 * RST was sent, and each one that starts at or above it had not (it arrived later, at a closed
 * socket) — unless the RST's sender had sent its FIN: a socket closed for receiving resets data
 * that arrives without taking it (Linux `tcp_rcv_state_process()`, LINUX_MIB_TCPABORTONDATA).
 * timeline.ts orders the arrivals by it.
 */
function rstAckArrivals(segs: readonly Seg[]): void {
  const finSent = [false, false];
  for (let r = 0; r < segs.length; r++) {
    const rst = segs[r]!;
    if (rst.flags & FIN && !rst.lost) finSent[rst.side] = true;
    if ((rst.flags & (RST | ACK)) !== (RST | ACK) || rst.lost || rst.inferred) continue;
    const y = 1 - rst.side;
    for (let k = r - 1; k >= 0 && k >= r - REORDER_WINDOW; k--) {
      const q = segs[k]!;
      if (q.side !== y || q.duplicate || q.lost || q.seq === undefined || space(q) === 0 || q.flags & RST) continue;
      if (le(endOf(q), rst.ack)) q.arrivedBeforeRst ??= rst;
      // A side that had closed takes no more data: its RST may answer data that arrived and was refused.
      else if (!lt(q.seq, rst.ack) && !finSent[rst.side]) q.notBeforeRst = rst;
    }
  }
}

/**
 * RFC 9293 §3.10.7.4: a segment at RCV.NXT inside an open window is accepted, and acknowledged.
 * Data whose receiver, in a segment sent after that data could have reached it (captured more
 * than a round trip from the capture point to the receiver and back later), still acknowledges
 * only up to the data's first octet with its window open — and that nothing ever acknowledges —
 * never arrived: the last transmission of data that its sender then gave up on (a user timeout),
 * which no retransmission after it marks lost.
 */
function neverAcknowledged(segs: readonly Seg[], h: readonly [number, number]): void {
  // Per side, the highest number the peer ever acknowledged (one pass backwards: linear).
  const ackedAfter: (number | undefined)[][] = [new Array<number | undefined>(segs.length), new Array<number | undefined>(segs.length)];
  const top: (number | undefined)[] = [undefined, undefined];
  for (let i = segs.length - 1; i >= 0; i--) {
    const a = segs[i]!;
    if (a.flags & ACK && !a.lost) top[1 - a.side] = later(top[1 - a.side], a.ack);
    ackedAfter[0]![i] = top[0];
    ackedAfter[1]![i] = top[1];
  }
  const lastAt = [new Map<number, number>(), new Map<number, number>()];
  segs.forEach((s, i) => {
    if (s.seq !== undefined && s.len > 0 && !s.duplicate) lastAt[s.side]!.set(s.seq, i);
  });
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.lost || s.inferred || s.duplicate || s.seq === undefined || s.len === 0 || lastAt[s.side]!.get(s.seq) !== i) continue;
    const acked = ackedAfter[s.side]![i];
    if (acked !== undefined && !lt(acked, endOf(s))) continue; // acknowledged later
    const y = 1 - s.side;
    for (let k = i + 1; k < segs.length && k <= i + REORDER_WINDOW; k++) {
      const a = segs[k]!;
      if (a.side !== y || !(a.flags & ACK) || a.flags & RST || a.lost || a.inferred) continue;
      if (a.ack === s.seq && a.win > 0 && a.timeUs - s.timeUs > 2 * h[y]!) {
        s.lost = true;
        break;
      }
    }
  }
}

/**
 * RFC 9293 §3.10.7.4: a RST at RCV.NXT closes the connection of the TCP that receives it, which
 * sends nothing more on it. When the RST's receiver sends data or a FIN after the RST would have
 * reached it (captured more than its round trip from the capture point after the RST), the RST
 * never arrived. Only a RST exactly at the receiver's RCV.NXT (the last ack it sent) is judged:
 * one elsewhere in the window is answered with a challenge ACK (RFC 5961 §3.2) and changes nothing.
 */
function rstNeverArrived(segs: readonly Seg[], h: readonly [number, number]): void {
  const lastAck: (number | undefined)[] = [undefined, undefined];
  for (let r = 0; r < segs.length; r++) {
    const rst = segs[r]!;
    if (rst.flags & ACK && !(rst.flags & RST)) lastAck[rst.side] = rst.ack;
    if (!(rst.flags & RST) || rst.lost || rst.inferred || rst.seq === undefined) continue;
    const y = 1 - rst.side;
    if (lastAck[y] !== rst.seq) continue;
    for (let k = r + 1; k < segs.length && k <= r + REORDER_WINDOW; k++) {
      const d = segs[k]!;
      // A SYN from the RST's receiver starts a new connection on the four-tuple: what it sends
      // after that says nothing about the old one (and the new start suggests the RST cleared it).
      if (d.side === y && d.flags & SYN) break;
      if (d.side !== y || d.flags & RST || d.seq === undefined || space(d) === 0) continue;
      if (d.timeUs - rst.timeUs > 2 * h[y]!) rst.lost = true;
      break;
    }
  }
}

/**
 * A listener answers a SYN at once (RFC 9293 §3.10.7.2: a SYN+ACK, or a RST from a closed
 * port). A side's last SYN that nothing from the peer follows — no answer, nothing at all — never
 * reached a listener that took it: it is lost (in the network, or dropped by the listener's
 * kernel with its SYN or accept queue full, Linux `tcp_conn_request()`).
 */
function lastSynUnanswered(segs: readonly Seg[]): void {
  let i = segs.length - 1;
  while (i >= 0 && segs[i]!.duplicate) i--;
  const last = segs[i];
  if (last && (last.flags & (SYN | ACK)) === SYN && !last.inferred) last.lost = true;
}

/**
 * Issue 25, item 10: a segment taken as lost (its sender sent it again, nothing answered it) yet
 * captured at its receiver's end (that side's delay from the capture point is nil, the sender's
 * is not) reached that host: its kernel discarded it on purpose, which the language writes
 * `dropped "reason"` (no state change at the receiver, nothing delivered). Linux drops the third
 * ACK and the data after it while the listener's accept queue is full (`tcp_check_req()`,
 * listen_overflow: the request stays in SYN_RECV, `inet_rsk(req)->acked = 1`), and a bare third
 * ACK under TCP_DEFER_ACCEPT. The reason follows the evidence:
 * - data (or a FIN) while the receiver had sent nothing since its SYN+ACK: the handshake is not
 *   over for it, its accept queue is full — and the handshake's ACK before that data was
 *   dropped the same way (else the connection would be established and take the data);
 * - a bare handshake ACK after which the receiver sends its SYN+ACK again: it was not taken —
 *   TCP_DEFER_ACCEPT waiting for data;
 * - anything else: a neutral reason.
 * A SYN or RST may have met another socket (an old connection's TCB) rather than been dropped: not said.
 */
function droppedByReceiver(segs: readonly Seg[], h: readonly [number, number]): void {
  const atReceiver = (s: Seg): boolean => h[1 - s.side] === 0 && h[s.side]! > 0;
  const drop = (a: Seg, reason: string): void => {
    if (!atReceiver(a) || a.dropped !== undefined) return;
    a.lost = false;
    a.dropped = reason;
  };
  /** Per side: it has sent something other than its SYN+ACK since the handshake began. */
  const spoke = [false, false];
  /** Per side: the peer's bare handshake ACKs it has received and not yet answered otherwise. */
  const handshakeAcks: Seg[][] = [[], []];
  let synAck: Seg | undefined;
  for (const s of segs) {
    const x = s.side;
    const y = 1 - x;
    if ((s.flags & (SYN | ACK)) === (SYN | ACK)) {
      if (synAck && s.seq === synAck.seq && s.side === synAck.side) {
        // The SYN+ACK again after the peer's bare ACK reached this host: that ACK was not taken.
        for (const a of handshakeAcks[x]!) drop(a, DROP_REASONS.deferAccept);
        handshakeAcks[x] = [];
      }
      synAck ??= s;
      continue;
    }
    if (synAck && x !== synAck.side && !spoke[y] && s.flags & ACK && s.ack === endOf(synAck) && space(s) === 0 && !(s.flags & RST)) {
      handshakeAcks[y]!.push(s);
      continue;
    }
    if (s.lost && !s.inferred && !(s.flags & (SYN | RST)) && atReceiver(s)) {
      s.lost = false;
      const inHandshake = synAck !== undefined && x !== synAck.side && !spoke[y];
      s.dropped = inHandshake ? DROP_REASONS.acceptQueue : DROP_REASONS.other;
      if (inHandshake) for (const a of handshakeAcks[y]!) drop(a, DROP_REASONS.acceptQueue);
      handshakeAcks[y] = [];
      continue;
    }
    if (!s.inferred) spoke[x] = true;
    if (!s.inferred && !s.lost) handshakeAcks[y] = [];
  }
}

/**
 * Pass 2½: a segment still in flight after the other side has sent again. When a side sends
 * a second time without acknowledging the peer's last segment (data or FIN), that segment
 * arrived after it: it is written after it, where a real TCP received it. Only the peer's last
 * segment moves, and only when the peer sent nothing after it, so each side's own order stays.
 */
function moveLateArrivals(segs: Seg[]): void {
  const last: [number, number] = [-1, -1];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const x = s.side;
    const y = (1 - x) as Side;
    const qi = last[y];
    const q = qi >= 0 ? segs[qi] : undefined;
    const lateArrival =
      q !== undefined &&
      !s.lost &&
      !q.lost &&
      q.seq !== undefined &&
      space(q) > 0 &&
      (s.flags & ACK) !== 0 &&
      (s.flags & (SYN | RST)) === 0 &&
      (q.flags & (SYN | RST)) === 0 &&
      last[x] > qi && // the side sent before, and after q was captured, without acknowledging it
      lt(s.ack, endOf(q)) &&
      !lt(s.ack, q.seq);
    if (lateArrival) {
      // q moves to i, the segments between move up one (no splice: it would shift the whole tail).
      for (let k = qi; k < i; k++) segs[k] = segs[k + 1]!;
      segs[i] = q;
      last[x] = i - 1;
      last[y] = i;
      continue;
    }
    last[x] = i;
  }
}

/** Pass 1: fill in missing seq numbers and insert the segments the capture did not see. */
function withGaps(packets: readonly TcpPacket[], sideOf: (p: TcpPacket) => Side): Seg[] {
  const out: Seg[] = [];
  const nxt: (number | undefined)[] = [undefined, undefined];
  const acked: (number | undefined)[] = [undefined, undefined];
  const sawSyn = [false, false];
  for (const p of packets) {
    const s = fromPacket(p, sideOf(p));
    const x = s.side;
    const y = (1 - x) as Side;
    if ((s.flags & (SYN | ACK)) === (SYN | ACK) && !sawSyn[y] && nxt[y] === undefined) {
      // A SYN+ACK answers a SYN the capture does not have.
      out.push({ ...blank(y, s.timeUs), flags: SYN, seq: wrap(s.ack - 1), ack: 0, inferred: true });
      nxt[y] = s.ack;
      sawSyn[y] = true;
    }
    if (s.seq === undefined) s.seq = nxt[x] ?? acked[x];
    const ref = nxt[x] ?? acked[x];
    if (s.seq !== undefined && ref !== undefined && !(s.flags & SYN) && delta(s.seq, ref) > 0 && delta(s.seq, ref) < MAX_GAP) {
      // Its timestamps are guessed as the next one's (the same clock tick, most likely).
      out.push({ ...blank(x, s.timeUs), flags: ACK, seq: ref, ack: s.ack, len: delta(s.seq, ref), win: s.win, ts: s.ts, inferred: true });
    }
    if (s.flags & SYN) sawSyn[x] = true;
    if (s.seq !== undefined) nxt[x] = later(nxt[x], endOf(s));
    if (s.flags & ACK) acked[y] = later(acked[y], s.ack);
    out.push(s);
  }
  backfill(out);
  return out;
}

/**
 * Reordering seen at the receiver's end: a segment that exactly fills a gap was sent before the
 * segment after the gap, and arrived late, when its timestamp (TSval) is not above that
 * segment's, or — without timestamps — when it was captured less than one round trip (capture
 * point to its sender and back) after the gap showed, too soon for a retransmission. It goes
 * where it was sent, in place of the inferred one; the answers sent before it arrived then come
 * out as crossing it. With timestamps the late original is found even after a retransmission
 * that overtook it (the retransmission then stays, spurious).
 */
function reordered(segs: Seg[]): Seg[] {
  const rtt = [roundTrip(segs, 0), roundTrip(segs, 1)];
  const moved = new Set<Seg>();
  /** A gap's index, and the captured segments that fill it, in order. */
  const filledBy = new Map<number, Seg[]>();
  for (let i = 0; i < segs.length; i++) {
    const g = segs[i]!;
    if (!g.inferred || g.flags & SYN || g.seq === undefined) continue;
    const after = segs[i + 1];
    const afterTs = after && after.side === g.side ? after.ts?.[0] : undefined;
    const limit = rtt[g.side];
    const sentBefore = (s: Seg): boolean =>
      afterTs !== undefined && s.ts !== undefined ? tsBefore(s.ts[0], afterTs) : limit !== undefined && s.timeUs - g.timeUs < limit;
    const plain = (s: Seg): boolean => !(s.flags & (SYN | FIN | RST));
    for (let j = i + 1; j < segs.length && j <= i + REORDER_WINDOW; j++) {
      const s = segs[j]!;
      if (s.side !== g.side || s.inferred || s.seq === undefined || space(s) === 0) continue;
      if (le(endOf(g), s.seq)) continue; // data after the gap, sent later
      const fills = s.seq === g.seq && s.len === g.len && plain(s);
      if (fills && sentBefore(s)) {
        filledBy.set(i, [{ ...s, reordered: true }]);
        moved.add(s);
        break;
      }
      // The gap may be two or more segments (a GSO burst cut by the NIC) that arrived late in order.
      if (s.seq === g.seq && s.len < g.len && plain(s) && sentBefore(s)) {
        const pieces = tiles(segs, j, g, sentBefore);
        if (pieces) {
          filledBy.set(
            i,
            pieces.map((p) => ({ ...p, reordered: true })),
          );
          for (const p of pieces) moved.add(p);
          break;
        }
      }
      if (!fills || afterTs === undefined || s.ts === undefined) break; // with timestamps, look past a retransmission
    }
  }
  if (moved.size === 0) return segs;
  const out: Seg[] = [];
  segs.forEach((s, i) => {
    const fill = filledBy.get(i);
    if (fill) for (const f of fill) out.push(f);
    else if (!moved.has(s)) out.push(s);
  });
  return out;
}

/**
 * The captured segments of the gap's side from j on that tile the gap exactly (each starting
 * where the one before ended, each sent before the segment after the gap), or undefined.
 */
function tiles(segs: readonly Seg[], j: number, g: Seg, sentBefore: (s: Seg) => boolean): Seg[] | undefined {
  const out: Seg[] = [];
  let at = g.seq!;
  const end = endOf(g);
  for (let k = j; k < segs.length && k <= j + REORDER_WINDOW && lt(at, end); k++) {
    const s = segs[k]!;
    if (s.side !== g.side || s.inferred || s.seq === undefined || space(s) === 0) continue;
    if (s.seq !== at || s.flags & (SYN | FIN | RST) || !sentBefore(s) || lt(end, endOf(s))) return undefined;
    out.push(s);
    at = endOf(s);
  }
  return at === end ? out : undefined;
}

/**
 * TSval a was sent no later than b (RFC 7323 §5.2: compared modulo 2^32). The same value is the
 * same clock tick (1 ms on Linux): too soon for a retransmission of a segment sent before it.
 */
const tsBefore = (a: number, b: number): boolean => le(a, b);

/**
 * The time from the capture point to a side and back, from the handshake: the peer's SYN (or
 * SYN+ACK) captured, then that side's answer. Undefined without a handshake.
 */
function roundTrip(segs: readonly Seg[], side: Side): number | undefined {
  const syn = segs.find((s) => s.side !== side && s.flags & SYN && !s.inferred);
  if (!syn) return undefined;
  const answer = segs.find((s) => s.side === side && s.flags & ACK && !s.inferred && s.ack === endOf(syn));
  return answer ? answer.timeUs - syn.timeUs : undefined;
}

/**
 * tcpdump text leaves out a pure ACK's seq; when it comes before anything that told us, the
 * next number the side is known to use (its own, or the peer's acknowledgment) is the same.
 */
function backfill(segs: Seg[]): void {
  const next: (number | undefined)[] = [undefined, undefined];
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i]!;
    const y = 1 - s.side;
    if (s.seq === undefined && space(s) === 0) s.seq = next[s.side];
    if (s.seq !== undefined) next[s.side] = s.seq;
    if (s.flags & ACK) next[y] = s.ack;
  }
}

function blank(side: Side, timeUs: number): Seg {
  return { side, flags: 0, seq: undefined, ack: 0, len: 0, win: 0, timeUs, inferred: true, lost: false, crossing: false };
}

/**
 * Pass 2: which segments never arrived. `h`: each side's one-way delay from the capture point
 * (µs); an answer that could not have reached the retransmitting side before it resent was
 * not lost — the retransmission was spurious (its timer fired first).
 */
function markLosses(segs: Seg[], h: readonly [number, number]): void {
  const sent: number[][] = [[], []]; // indices of segments with sequence space, per side
  const highest: (number | undefined)[] = [undefined, undefined];
  /** For a segment the capture missed, where its sender first sent it again. */
  const resent = new Map<number, number>();
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.seq === undefined || space(s) === 0) continue;
    const mine = sent[s.side]!;
    // Only a segment below the highest number sent so far can repeat an earlier one.
    const top = highest[s.side];
    const e = top !== undefined && lt(s.seq, top) ? findOriginal(segs, mine, s.seq) : undefined;
    highest[s.side] = later(top, endOf(s));
    // A SYN+ACK after a bare SYN answers the peer's SYN (simultaneous open); it is no retransmission.
    const answersSyn = e !== undefined && s.flags & SYN && s.flags & ACK && !(segs[e]!.flags & ACK);
    if (e !== undefined && isDuplicate(segs, e, i) && !capturedAtSender(s, h)) {
      s.duplicate = true;
      s.copyOf = segs[e];
      continue; // not a transmission of its own: the original stays the one that counts
    }
    if (e !== undefined && !answersSyn) {
      const original = segs[e]!;
      s.resent = true;
      if (original.inferred && !resent.has(e)) resent.set(e, i);
      const answers: Seg[] = [];
      for (let j = e + 1; j < i; j++) {
        const a = segs[j]!;
        if (a.side !== s.side && a.flags & ACK && !a.lost && le(endOf(original), a.ack) && s.timeUs - a.timeUs > 2 * h[s.side] && !provenArrived(segs, j, i))
          answers.push(a);
      }
      // A resend of only the tail of a segment (Linux's tail loss probe resends the last piece of
      // a GSO burst) says nothing about the rest: the original is not marked lost, and the
      // acknowledgments that follow tell what arrived. A late original was captured arriving.
      const tailOnly = original.seq !== undefined && lt(original.seq, s.seq);
      let answeredInFlight = false;
      for (let j = e + 1; j < i && answers.length === 0 && !answeredInFlight; j++) {
        const a = segs[j]!;
        answeredInFlight = a.side !== s.side && (a.flags & ACK) !== 0 && !a.lost && le(endOf(original), a.ack);
      }
      if (answers.length > 0) for (const a of answers) a.lost = true;
      else if (
        !original.reordered &&
        !tailOnly &&
        !answeredInFlight &&
        !answeredLater(segs, i, original, h) &&
        !sackedBeforeResent(segs, e, i, h) &&
        !synAckForRepeatedSyn(segs, e, i, h) &&
        !synMetOldSocket(segs, e, i)
      ) {
        original.lost = true;
      }
    }
    mine.push(i);
  }
  // A segment the capture never saw arrived when the peer acknowledges it before its sender
  // sends it again; acknowledgments in between that do not cover it were sent before it
  // arrived (a capture that missed a segment must not turn into a loss and its cascade).
  // One pointer per side over the peer's acknowledgments: the gaps of a side come in rising
  // order, so an acknowledgment too low for one gap is too low for the next (linear).
  const acks: number[][] = [[], []];
  segs.forEach((a, j) => {
    if (a.flags & ACK && !a.lost) acks[a.side]!.push(j);
  });
  const next = [0, 0];
  for (let i = 0; i < segs.length; i++) {
    const g = segs[i]!;
    if (!g.inferred || g.flags & SYN || g.lost) continue;
    const y = 1 - g.side;
    const list = acks[y]!;
    let p = next[y]!;
    while (p < list.length && (list[p]! <= i || lt(segs[list[p]!]!.ack, endOf(g)))) p++;
    next[y] = p;
    const covered = list[p];
    const again = resent.get(i);
    if (covered === undefined || (again !== undefined && again < covered)) g.lost = true;
  }
}

/**
 * Issue 25, item 9: a SACK block proves the later segment arrived first (reordering seen at the
 * sender). An ACK whose cumulative ack stays at a segment's first octet while a SACK block
 * (RFC 2018 §4) reports data above it was sent when that later data had arrived and the segment
 * had not: when the segment was not lost (nothing says so), it was overtaken in the network and
 * arrived after that ACK was sent. timeline.ts then lets it arrive out of its sender's order.
 */
function sackedPast(segs: readonly Seg[]): void {
  // The latest transmission of each first number, per side, as the ACKs go by.
  const latest: [Map<number, Seg>, Map<number, Seg>] = [new Map(), new Map()];
  for (const a of segs) {
    if (a.seq !== undefined && a.len > 0 && !a.duplicate) latest[a.side].set(a.seq, a);
    if (!a.sack || !(a.flags & ACK) || a.inferred) continue;
    if (!a.sack.some(([l]) => lt(a.ack, l))) continue; // only D-SACK or nothing above the ack
    const q = latest[1 - a.side]!.get(a.ack);
    if (q && !q.lost && !q.inferred && !q.reordered && !q.dropped) q.overtaken = true;
  }
}

/**
 * RFC 2883: a SACK block below the acknowledgment reports a duplicate the receiver got. A
 * segment thought lost whose octets such a block reports did arrive — late, after its
 * retransmission: it is no loss, and it arrived before that ACK was sent.
 */
function dsack(segs: Seg[]): void {
  // The lost segments each side sent, by their first number (looked up, not searched for each block).
  const lostAt: [Map<number, Seg[]>, Map<number, Seg[]>] = [new Map(), new Map()];
  for (const x of segs) {
    if (!x.lost || x.inferred || x.seq === undefined) continue;
    const list = lostAt[x.side].get(x.seq);
    if (list) list.push(x);
    else lostAt[x.side].set(x.seq, [x]);
  }
  for (const a of segs) {
    if (!a.sack || !(a.flags & ACK)) continue;
    for (const [l, r] of a.sack) {
      if (!le(r, a.ack)) continue;
      const q = lostAt[1 - a.side]!.get(l)?.find((x) => x.lost && endOf(x) === r);
      if (q) {
        q.lost = false;
        q.reordered = true;
        q.reportedBy = a;
      }
    }
  }
}

/**
 * The first answer after a retransmission (at i) that covers the original came too soon to
 * answer the retransmission — sooner than a round trip from the capture point to the peer and
 * back, or echoing the original's timestamp (RFC 3522's test) — so it answers the original,
 * which was not lost: the retransmission was spurious (its timer fired first). Only with the
 * delays known (arrivals).
 */
function answeredLater(segs: readonly Seg[], i: number, original: Seg, h: readonly [number, number]): boolean {
  const s = segs[i]!;
  const peer = 1 - s.side;
  if (h[peer] === 0 && !(original.ts && s.ts)) return false;
  for (let j = i + 1; j < segs.length && j <= i + REORDER_WINDOW; j++) {
    const a = segs[j]!;
    if (a.side === s.side || !(a.flags & ACK) || !le(endOf(original), a.ack)) continue;
    if (original.ts && s.ts && a.ts && original.ts[0] !== s.ts[0])
      return a.ts[1] === original.ts[0] || (a.ts[1] !== s.ts[0] && a.timeUs - s.timeUs < 2 * h[peer]!);
    return a.timeUs - s.timeUs < 2 * h[peer]! && !holeReported(segs, i, original, h);
  }
  return false;
}

/**
 * RFC 2018 §4: an ACK with SACK blocks whose cumulative ack stays at or below the original's
 * first octet, sent after the original could have arrived (captured more than a round trip from
 * the capture point to the receiver and back after it) and before its retransmission (at i),
 * reports that the receiver still lacked it — in-order data is accepted at once: without
 * timestamps to say otherwise, the original was lost, and an answer soon after the
 * retransmission answers the retransmission.
 */
function holeReported(segs: readonly Seg[], i: number, original: Seg, h: readonly [number, number]): boolean {
  const peer = 1 - original.side;
  for (let j = i - 1; j >= 0 && j >= i - REORDER_WINDOW; j--) {
    const a = segs[j]!;
    if (a === original) break;
    if (a.side !== peer || !(a.flags & ACK) || !a.sack?.length || a.lost) continue;
    if (le(a.ack, original.seq!) && a.timeUs - original.timeUs > 2 * h[peer]!) return true;
  }
  return false;
}

/**
 * What the receiver of segs[j] sent later (after i) proves it arrived: an acknowledgment of its
 * sequence space (while its sender had not sent that space again), or a TSecr that echoes its TSval (RFC 7323 §4.3: TSecr
 * echoes TS.Recent, taken from a segment that arrived). Such a segment was not lost, whatever a
 * retransmission after it suggests (that one crossed it in flight).
 */
function provenArrived(segs: readonly Seg[], j: number, i: number): boolean {
  const a = segs[j]!;
  const tsval = a.ts?.[0];
  const hasSpace = a.seq !== undefined && space(a) > 0;
  // Once a's side sends that space again, an acknowledgment of it may be the later copy's.
  let sentAgain = false;
  for (let k = j + 1; k <= i && !sentAgain; k++) sentAgain = segs[k]!.side === a.side && segs[k]!.seq === a.seq && space(segs[k]!) > 0;
  for (let k = i + 1; k < segs.length && k <= i + REORDER_WINDOW; k++) {
    const b = segs[k]!;
    if (b.side === a.side) {
      if (b.seq === a.seq && space(b) > 0) sentAgain = true;
      continue;
    }
    if (b.inferred) continue;
    if (tsval !== undefined && b.ts && b.ts[1] === tsval) return true;
    if (hasSpace && !sentAgain && b.flags & ACK && le(endOf(a), b.ack)) return true;
  }
  return false;
}

/**
 * RFC 2018 §4: a SACK block reports data its sender holds. A block that covers the original
 * (at e), sent before its retransmission (at i) could have reached the receiver — captured
 * before the retransmission, or less than a round trip from the capture point to the receiver
 * and back after it — proves the original arrived: the retransmission was spurious, or part of
 * a larger resend (after an ICMP "fragmentation needed", Linux resends the whole flight).
 */
function sackedBeforeResent(segs: readonly Seg[], e: number, i: number, h: readonly [number, number]): boolean {
  const s = segs[i]!;
  const original = segs[e]!;
  if (original.seq === undefined) return false;
  const peer = 1 - s.side;
  for (let j = e + 1; j < segs.length && j <= i + REORDER_WINDOW; j++) {
    const a = segs[j]!;
    if (j > i && a.timeUs - s.timeUs >= 2 * h[peer]!) break;
    if (a.side === s.side || !a.sack || !(a.flags & ACK)) continue;
    // A block at or below the cumulative ack is a D-SACK (RFC 2883): it reports a copy, not which one.
    if (a.sack.some(([l, r]) => lt(a.ack, r) && le(l, original.seq!) && le(endOf(original), r))) return true;
  }
  return false;
}

/**
 * A repeat captured at its sender's end (that side's one-way delay from the capture point is
 * nil, the peer's is not) is the sender's own: the network duplicates a segment only after it
 * left, past this capture point. With the same TSval it was sent again within one clock tick —
 * the SYN+ACK a repeated SYN asks for (below), or a flight resent at once after an ICMP
 * "fragmentation needed" (RFC 1191, Linux `tcp_simple_retransmit()`).
 */
const capturedAtSender = (s: Seg, h: readonly [number, number]): boolean => h[s.side] === 0 && h[1 - s.side]! > 0;

/**
 * RFC 9293 §3.10.7.4 and Linux `tcp_check_req()`: a SYN that arrives again while the SYN+ACK
 * is outstanding (SYN-RECEIVED) is answered with the SYN+ACK again (`inet_rtx_syn_ack()`), at
 * once: in the same timestamp tick, so with the same TSval. Captured at that SYN+ACK's sender
 * (its one-way delay from the capture point is nil, the peer's is not), a SYN+ACK repeated
 * after the peer's SYN came again is that retransmission, not a copy the network made, and the
 * first SYN+ACK was not lost (it was sent again because the SYN was, not because of a timer).
 */
function synAckForRepeatedSyn(segs: readonly Seg[], e: number, i: number, h: readonly [number, number]): boolean {
  const s = segs[i]!;
  if ((s.flags & (SYN | ACK)) !== (SYN | ACK) || !capturedAtSender(s, h)) return false;
  for (let j = e + 1; j < i; j++) {
    const q = segs[j]!;
    // A SYN its sender sent again (its timer fired: a new TSval) says the SYN+ACK never reached it.
    if (q.side !== s.side && (q.flags & (SYN | ACK)) === SYN && !q.resent && q.seq !== undefined && wrap(q.seq + 1) === s.ack) return true;
  }
  return false;
}

/**
 * A SYN that met an older socket on its four-tuple (the peer's end of an earlier connection,
 * still synchronized: CLOSE_WAIT, TIME_WAIT…) is answered with an ACK of the old connection's
 * numbers, not with a SYN+ACK (RFC 9293 §3.10.7.4: a SYN in a synchronized state gets a
 * challenge ACK, RFC 5961 §4.2; Linux `tcp_validate_incoming()`, `tcp_timewait_state_process()`).
 * The opener, in SYN-SENT, finds that ACK unacceptable and answers it with `RST seq=SEG.ACK`
 * (RFC 9293 §3.10.7.3). That RST (sent after the ACK, at its ack) proves the ACK arrived, and
 * the ACK that the SYN arrived: the SYN sent again (at i) after the RST cleared the old socket
 * is a new attempt, not the retransmission of a lost SYN (at e).
 */
function synMetOldSocket(segs: readonly Seg[], e: number, i: number): boolean {
  const s = segs[i]!;
  if ((s.flags & (SYN | ACK)) !== SYN) return false;
  for (let j = e + 1; j < i; j++) {
    const a = segs[j]!;
    if (a.side === s.side || (a.flags & (SYN | ACK | RST)) !== ACK || a.lost) continue;
    for (let k = j + 1; k < i; k++) {
      const r = segs[k]!;
      if (r.side === s.side && r.flags & RST && !(r.flags & ACK) && r.seq === a.ack) {
        a.answering = segs[e]; // sent once that SYN had arrived (timeline.ts keeps it so)
        return true;
      }
    }
  }
  return false;
}

/**
 * s (at i) repeats segs[e] exactly and is no retransmission: with timestamps, it carries the
 * same TSval (a retransmission gets a new one); without, it came moments later with nothing
 * from the peer in between.
 */
function isDuplicate(segs: readonly Seg[], e: number, i: number): boolean {
  const o = segs[e]!;
  const s = segs[i]!;
  if (o.inferred || o.seq !== s.seq || o.len !== s.len || o.flags !== s.flags || o.ack !== s.ack) return false;
  if (o.ts && s.ts) return o.ts[0] === s.ts[0];
  if (s.timeUs - o.timeUs >= DUPLICATE_US) return false;
  for (let j = e + 1; j < i; j++) if (segs[j]!.side !== s.side) return false;
  return true;
}

/** The latest earlier transmission by the same side whose sequence space holds `seq`. */
function findOriginal(segs: readonly Seg[], mine: readonly number[], seq: number): number | undefined {
  for (let k = mine.length - 1; k >= 0; k--) {
    const t = segs[mine[k]!]!;
    if (le(t.seq!, seq) && lt(seq, endOf(t))) return mine[k];
  }
  return undefined;
}

/**
 * A RST that answers the peer's segment q as a closed port does (RFC 9293 §3.10.7.1: to a
 * segment with ACK, `<SEQ=SEG.ACK><CTL=RST>`, no ACK; to one without, `<SEQ=0><ACK=SEG.SEQ+SEG.LEN>
 * <CTL=RST,ACK>`), from a side that was synchronized and sent neither FIN nor RST: that side had
 * ended without a segment — a user timeout (§3.10.8; Linux's TCP_USER_TIMEOUT, or retransmissions
 * that gave up) — before q arrived. An ABORT's RST carries SND.NXT, and Linux's always has ACK
 * (`tcp_send_active_reset()`); this one is `tcp_v4_send_reset()` for a segment no socket took.
 */
function closedPortAnswer(rst: Seg, q: Seg): boolean {
  if (q.lost || q.flags & RST || rst.seq === undefined) return false;
  if (q.flags & ACK) return !(rst.flags & ACK) && rst.seq === q.ack;
  return (rst.flags & ACK) !== 0 && rst.seq === 0 && q.seq !== undefined && rst.ack === endOf(q);
}

/** Pass 3: crossing segments, and the calls behind FINs and RSTs. */
function markCrossingsAndCalls(segs: Seg[]): void {
  const rcvNxt: (number | undefined)[] = [undefined, undefined];
  // Per receiving side: segments that brought it something new since it last sent.
  const brought: number[][] = [[], []];
  const finSent = [false, false];
  const rstSent = [false, false];
  const synchronized = [false, false];
  /** Per side: all it has sent so far are SYN+ACKs (a passive side its application never heard from). */
  const onlySynAck = [true, true];
  /** Per side: the peer's last segment since that side last sent (the one a RST may answer). */
  const heard: (Seg | undefined)[] = [undefined, undefined];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const x = s.side;
    const y = (1 - x) as Side;
    const answered = heard[x];
    if (!s.duplicate) {
      heard[x] = undefined;
      heard[y] = s;
    }
    // The earliest of them that s ignores was still in flight when s was sent.
    const unseen = brought[x]!.find((qi) => {
      const q = segs[qi]!;
      // A side that had received the peer's SYN+ACK would not send a SYN any more.
      const synAfterSynAck = (q.flags & (SYN | ACK)) === (SYN | ACK) && (s.flags & SYN) !== 0;
      // A RST answering data does not acknowledge it (Linux resets a closed socket that gets data).
      const ackSaysUnseen = !(s.flags & RST) && (!(s.flags & ACK) || lt(s.ack, endOf(q)));
      return (q.flags & RST) !== 0 || synAfterSynAck || ackSaysUnseen;
    });
    if (unseen !== undefined) for (let j = unseen + 1; j <= i; j++) segs[j]!.crossing = true;
    const dataAfterFin = finSent[x] && brought[x]!.some((qi) => segs[qi]!.len > 0);
    brought[x] = [];
    if (s.flags & ACK && !s.lost) rcvNxt[x] = later(rcvNxt[x], s.ack);
    // Calls: a FIN comes from close(); a RST from a synchronized side that has not closed, from abort().
    if (s.flags & FIN && !finSent[x] && !rstSent[x]) s.call = 'close';
    const kernelAnswer = s.flags & RST && !rstSent[x] && !finSent[x] && synchronized[x] && answered !== undefined && closedPortAnswer(s, answered);
    // A side that only ever sent its SYN+ACK resets what completes the handshake: its kernel's own
    // RST, with no room in the accept queue (Linux tcp_check_req(), tcp_abort_on_overflow).
    if (kernelAnswer && onlySynAck[x]) s.call = 'resets';
    else if (kernelAnswer) answered.receiverTimedOut = true;
    else if (s.flags & RST && !rstSent[x] && (!finSent[x] || dataAfterFin) && synchronized[x]) s.call = 'abort';
    if (s.flags & FIN) finSent[x] = true;
    if (s.flags & RST) rstSent[x] = true;
    if ((s.flags & (SYN | ACK)) !== (SYN | ACK) && !s.inferred) onlySynAck[x] = false;
    if (s.flags & ACK && !(s.flags & RST)) synchronized[x] = true;
    // What s brings the other side (a segment its kernel dropped brings nothing).
    if (s.lost || s.dropped || s.duplicate || s.seq === undefined) continue;
    if (s.flags & SYN) {
      rcvNxt[y] = endOf(s);
      brought[y]!.push(i);
    } else if (s.flags & RST) {
      if (rcvNxt[y] === undefined || s.seq === rcvNxt[y]) brought[y]!.push(i);
    } else if (space(s) > 0 && rcvNxt[y] !== undefined && le(s.seq, rcvNxt[y]!) && lt(rcvNxt[y]!, endOf(s))) {
      rcvNxt[y] = endOf(s);
      brought[y]!.push(i);
    }
  }
}
