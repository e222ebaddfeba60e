/**
 * When each end saw each segment. A capture is taken at one point of the path: a segment is
 * captured after its sender sent it and before its receiver got it. Each side is some one-way
 * delay away from the capture point (measured as half the quickest answer that side gave to a
 * segment captured on its way to it: about zero at the end where the capture was taken); a
 * segment was sent that long before it was captured, and arrived the receiver's delay after.
 * The acknowledgments then correct the estimate, since an ACK always carries what its sender
 * had received when it sent it:
 * - data (or a FIN) an ACK covers arrived before that ACK was sent (the earliest copy);
 * - in-order data an ACK does not cover, while its window had room, arrived after it was sent;
 * - a RST without ACK answers the segment whose ack it carries as its seq, which arrived first;
 * - a challenge ACK answers the SYN that met an old socket (infer.ts), which arrived first;
 * - a RST's ack says which of the peer's segments had arrived when it was sent (infer.ts).
 * Arrivals keep each direction's order (a network reorders only what the capture saw it
 * reorder). The result is every send and every arrival, in the order they happened.
 */

import { ACK, FIN, RST, SYN } from './packet.js';
import { delays } from './delays.js';
import { endOf, space, type Seg, type Side } from './segment.js';
import { delta, lt, wrap } from './seqMath.js';

export type TimedEvent =
  | { readonly kind: 'send'; readonly seg: Seg; readonly atUs: number }
  /** `copy`: 0 for the first arrival, 1 for a second one (the network duplicated it). */
  | { readonly kind: 'arrive'; readonly seg: Seg; readonly atUs: number; readonly copy: number };

/** The smallest step between two events that must come in order (µs). */
const EPS = 0.5;

/**
 * Every send and arrival of the segments (in send order per side), in the order they happened.
 * `scale`: each side's window shift (RFC 7323), when the handshake showed it: then new data was
 * sent only after a window that held it had arrived.
 */
export function timeline(segs: readonly Seg[], scale?: readonly [number, number]): TimedEvent[] {
  const h = delays(segs);
  const n = segs.length;
  const send = new Array<number>(n);
  const arrive = new Array<number | undefined>(n);
  const originalOf = new Map<Seg, number>();
  segs.forEach((s, i) => {
    send[i] = s.timeUs - h[s.side];
    // A segment its receiver's kernel dropped arrives (below) but changes nothing: no rule orders by it.
    arrive[i] = s.lost || s.dropped ? undefined : s.timeUs + h[1 - s.side]!;
    if (!s.duplicate) originalOf.set(s, i);
  });
  // A segment a D-SACK reported arrived before the ACK that reported it was sent.
  const indexOf = new Map<Seg, number>();
  segs.forEach((s, i) => indexOf.set(s, i));
  const reported = (i: number): void => {
    const by = segs[i]!.reportedBy;
    const bi = by ? indexOf.get(by) : undefined;
    if (bi !== undefined) arrive[i] = Math.max(send[i]!, send[bi]! - EPS);
  };
  // Each side sends in the order of the list (a segment found late, written where it was sent,
  // was sent before the ones after it).
  const bySide: [number[], number[]] = [[], []];
  segs.forEach((s, i) => {
    if (!s.duplicate) bySide[s.side].push(i);
  });
  const sidePlace = new Map<number, number>();
  for (const list of bySide) list.forEach((i, k) => sidePlace.set(i, k));
  for (const list of bySide) for (let k = list.length - 2; k >= 0; k--) send[list[k]!] = Math.min(send[list[k]!]!, send[list[k + 1]!]!);
  // Equal times keep the capture's order (a send before its own arrival): no step needed here.
  for (let i = 0; i < n; i++) if (arrive[i] !== undefined && !segs[i]!.duplicate) arrive[i] = Math.max(arrive[i]!, send[i]!);

  segs.forEach((s, i) => {
    if (s.reportedBy) reported(i);
  });

  // A direction's arrivals that keep their order: first transmissions, not seen reordered.
  const chains: [number[], number[]] = [0, 1].map((side) =>
    bySide[side]!.filter((i) => arrive[i] !== undefined && !segs[i]!.reordered && !segs[i]!.overtaken),
  ) as [number[], number[]];
  const place = new Map<number, number>();
  for (const c of chains) c.forEach((i, k) => place.set(i, k));
  const later = (i: number, t: number): void => {
    const list = chains[segs[i]!.side];
    const k0 = place.get(i);
    if (k0 === undefined) arrive[i] = Math.max(arrive[i]!, t);
    else for (let k = k0; k < list.length && arrive[list[k]!]! < t; k++) arrive[list[k]!] = t;
  };
  const sooner = (i: number, t: number): void => {
    const list = chains[segs[i]!.side];
    const k0 = place.get(i);
    if (k0 === undefined) arrive[i] = Math.max(t, send[i]!);
    else for (let k = k0; k >= 0 && arrive[list[k]!]! > t; k--) arrive[list[k]!] = Math.max(t, send[list[k]!]!);
  };

  /** A send later than guessed (never past its own arrival): the sender's later sends follow it. */
  const sendLater = (i: number, t: number): boolean => {
    const list = bySide[segs[i]!.side];
    let k = sidePlace.get(i) ?? list.length;
    const moved: number[] = [];
    for (; k < list.length && send[list[k]!]! < t; k++) {
      const j = list[k]!;
      if (arrive[j] !== undefined && t > arrive[j]!) return false; // it would arrive before it was sent: the guess stays
      moved.push(j);
    }
    for (const j of moved) send[j] = t;
    return true;
  };

  /**
   * q arrived before i was sent. Its arrival comes sooner if it was sent before i; else i was
   * sent later than guessed; and if i cannot be (it was captured arriving before), both delays
   * were guessed too long: they meet halfway.
   */
  const arrivesBefore = (q: number, i: number): void => {
    if (arrive[q] === undefined || arrive[q]! < send[i]!) return;
    if (send[q]! < send[i]!) return sooner(q, send[i]! - EPS);
    if (sendLater(i, arrive[q]! + EPS) || arrive[i] === undefined) return;
    const t = (send[q]! + arrive[i]!) / 2;
    if (sendLater(i, t)) sooner(q, t - EPS);
  };

  // In-order data an ACK leaves unacknowledged had not arrived when the ACK was sent.
  const bySeq: [Map<number, number[]>, Map<number, number[]>] = [new Map(), new Map()];
  segs.forEach((s, i) => {
    if (s.seq === undefined || space(s) === 0 || s.duplicate) return;
    const list = bySeq[s.side].get(s.seq);
    if (list) list.push(i);
    else bySeq[s.side].set(s.seq, [i]);
  });
  segs.forEach((s, i) => {
    if (!(s.flags & ACK) || s.flags & RST || s.duplicate || s.win === 0) return;
    for (const qi of bySeq[1 - s.side]!.get(s.ack) ?? []) {
      const q = segs[qi]!;
      if (arrive[qi] !== undefined && !q.reordered && send[qi]! < send[i]! && arrive[qi]! <= send[i]!) later(qi, send[i]! + EPS);
    }
  });

  // What an ACK covers had arrived (its earliest copy) when the ACK was sent. Each side's
  // segments by where they end, walked once as the peer's acknowledgments advance.
  const dups = new Map<Seg, number[]>();
  segs.forEach((d, di) => {
    if (!d.duplicate || !d.copyOf) return;
    const list = dups.get(d.copyOf);
    if (list) list.push(di);
    else dups.set(d.copyOf, [di]);
  });
  const byEnd: [number[], number[]] = [0, 1].map((side) =>
    bySide[side]!.filter((i) => space(segs[i]!) > 0 && segs[i]!.seq !== undefined).sort((a, b) => delta(endOf(segs[a]!), endOf(segs[b]!)) || a - b),
  ) as [number[], number[]];
  const walked = [0, 0];
  const acked: [number | undefined, number | undefined] = [undefined, undefined];
  segs.forEach((s, i) => {
    // A RST's ack is read on its own, below (infer.ts, rstAckArrivals).
    if (!(s.flags & ACK) || s.flags & RST || s.duplicate || s.seq === undefined) return;
    const x = s.side;
    const y = (1 - x) as Side;
    if (acked[x] !== undefined && !lt(acked[x]!, s.ack)) return;
    acked[x] = s.ack;
    const groups = new Map<number, number[]>();
    const list = byEnd[y];
    for (; walked[y]! < list.length && !lt(s.ack, endOf(segs[list[walked[y]!]!]!)); walked[y]!++) {
      const qi = list[walked[y]!]!;
      const q = segs[qi]!;
      let group = groups.get(q.seq!);
      if (!group) groups.set(q.seq!, (group = []));
      group.push(qi);
      for (const d of dups.get(q) ?? []) group.push(d);
    }
    for (const group of groups.values()) {
      const arrived = group.filter((g) => arrive[g] !== undefined);
      if (arrived.length === 0) continue;
      const first = arrived.reduce((a, b) => (arrive[a]! <= arrive[b]! ? a : b));
      if (arrive[first]! < send[i]!) continue;
      if (segs[first]!.duplicate) {
        const sentAt = send[originalOf.get(segs[first]!.copyOf!)!]!;
        if (sentAt < send[i]!) arrive[first] = Math.max(send[i]! - EPS, sentAt);
        else sendLater(i, arrive[first]! + EPS);
      } else arrivesBefore(first, i);
    }
  });

  // A RST answers a segment that had arrived: the last one captured before it whose ack is
  // its seq (with ACK, one that carried data: data reaching a closed socket).
  // (Each side's last such segment by its ack, and by its ack among those with data, kept as
  // the segments go by: no search back from each RST.)
  const lastByAck: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  const lastDataByAck: [Map<number, number>, Map<number, number>] = [new Map(), new Map()];
  segs.forEach((s, i) => {
    if (s.flags & RST && s.seq !== undefined) {
      const y = 1 - s.side;
      const answered = (s.flags & ACK ? lastDataByAck : lastByAck)[y]!.get(s.seq);
      // Not one the RST's own ack says had not arrived (an ABORT's seq may equal its ack by chance).
      if (answered !== undefined && segs[answered]!.notBeforeRst !== s) arrivesBefore(answered, i);
    }
    if (!s.duplicate && arrive[i] !== undefined && s.flags & ACK) {
      lastByAck[s.side].set(s.ack, i);
      if (s.len > 0) lastDataByAck[s.side].set(s.ack, i);
    }
  });

  // A RST's ack (infer.ts, rstAckArrivals): what it covers had arrived when it was sent, what
  // starts at or past it had not.
  segs.forEach((q, qi) => {
    const before = q.arrivedBeforeRst ? indexOf.get(q.arrivedBeforeRst) : undefined;
    if (before !== undefined && arrive[qi] !== undefined) arrivesBefore(qi, before);
    const notBefore = q.notBeforeRst ? indexOf.get(q.notBeforeRst) : undefined;
    if (notBefore !== undefined && arrive[qi] !== undefined && arrive[qi]! <= send[notBefore]!) later(qi, send[notBefore]! + EPS);
  });

  // No TCP sends octets again once they are acknowledged (RFC 9293 §3.10.7.4: SND.UNA): a segment
  // that starts below an ACK's ack was sent before that ACK arrived. Per side, the peer's ACKs
  // with the highest ack so far (rising), searched by halves for each segment.
  const risingAcks: [number[], number[]] = [[], []];
  const top: (number | undefined)[] = [undefined, undefined];
  segs.forEach((a, i) => {
    if (!(a.flags & ACK) || a.flags & RST || a.duplicate || arrive[i] === undefined) return;
    if (top[a.side] !== undefined && !lt(top[a.side]!, a.ack)) return;
    top[a.side] = a.ack;
    risingAcks[a.side].push(i);
  });
  segs.forEach((d, i) => {
    if (d.seq === undefined || d.len === 0 || d.duplicate || d.inferred) return;
    const list = risingAcks[1 - d.side]!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lt(d.seq, segs[list[mid]!]!.ack)) hi = mid;
      else lo = mid + 1;
    }
    const ai = list[lo];
    if (ai !== undefined && arrive[ai]! <= send[i]!) later(ai, send[i]! + EPS);
  });

  // RFC 9293 §3.10.7.4 (LAST-ACK): once the ACK of its FIN arrives, the side that closed last is
  // CLOSED and sends nothing more: whatever it sent after its FIN (a duplicate's D-SACK answer)
  // was sent before that ACK arrived.
  const finOf: (number | undefined)[] = [undefined, undefined];
  segs.forEach((f, i) => {
    if (f.flags & FIN && !f.duplicate && finOf[f.side] === undefined) finOf[f.side] = i;
  });
  for (const x of [0, 1] as const) {
    const fi = finOf[x];
    const peerFin = finOf[1 - x];
    if (fi === undefined || peerFin === undefined || segs[fi]!.ack !== endOf(segs[peerFin]!)) continue; // x did not close last
    const end = endOf(segs[fi]!);
    const ki = segs.findIndex((k, i) => i > fi && k.side !== x && k.flags & ACK && !(k.flags & RST) && arrive[i] !== undefined && !lt(k.ack, end));
    if (ki < 0) continue;
    for (let i = fi + 1; i < n; i++) {
      const s = segs[i]!;
      if (s.side === x && !(s.flags & RST) && !s.duplicate && arrive[ki]! <= send[i]!) later(ki, send[i]! + EPS);
    }
  }

  // A challenge ACK answers the SYN that met an old socket (infer.ts): that SYN had arrived.
  segs.forEach((a, i) => {
    const q = a.answering ? indexOf.get(a.answering) : undefined;
    if (q !== undefined) arrivesBefore(q, i);
  });

  // A SACK block (RFC 2018) reports data that had arrived when its ACK was sent; a TSecr
  // (RFC 7323) echoes a TSval that had arrived.
  const byTsval: [Map<number, number[]>, Map<number, number[]>] = [new Map(), new Map()];
  segs.forEach((q, qi) => {
    if (!q.ts || q.duplicate || arrive[qi] === undefined) return;
    const m = byTsval[q.side];
    const list = m.get(q.ts[0]);
    if (list) list.push(qi);
    else m.set(q.ts[0], [qi]);
  });
  segs.forEach((a, i) => {
    if (a.duplicate || a.inferred) return;
    const y = (1 - a.side) as Side;
    if (a.ts && a.ts[1] !== 0 && a.flags & ACK) {
      const echoed = byTsval[y].get(a.ts[1])?.filter((qi) => qi < i || send[qi]! < send[i]!);
      if (echoed?.length && !echoed.some((qi) => arrive[qi]! < send[i]!)) arrivesBefore(echoed[0]!, i);
    }
    for (const [l, r] of a.sack ?? []) {
      if (!lt(a.ack, r)) continue; // a D-SACK: see reportedBy
      // The segments that tile the block, from its left edge (each: its copy that arrived first).
      for (let at = l, steps = 0; lt(at, r) && steps < 64; steps++) {
        const copies = (bySeq[y].get(at) ?? []).filter((qi) => arrive[qi] !== undefined && !segs[qi]!.reportedBy && send[qi]! < send[i]!);
        if (copies.length === 0) break;
        const first = copies.reduce((m, qi) => (arrive[qi]! < arrive[m]! ? qi : m));
        arrivesBefore(first, i);
        at = endOf(segs[first]!);
      }
    }
  });

  // A SYN sent again reaches a peer in SYN-RECEIVED, which answers it with its SYN+ACK again
  // (RFC 9293 §3.10.7.4; Linux resends it at once): the next SYN+ACK sent after it.
  segs.forEach((q, qi) => {
    if ((q.flags & (SYN | ACK)) !== SYN || !q.resent || arrive[qi] === undefined) return;
    let ai = qi + 1;
    const answer = (a: Seg, i: number): boolean => a.side !== q.side && (a.flags & (SYN | ACK)) === (SYN | ACK) && !a.duplicate && send[i]! > send[qi]!;
    while (ai < n && !answer(segs[ai]!, ai)) ai++;
    if (ai < n && arrive[qi]! >= send[ai]!) sooner(qi, send[ai]! - EPS);
  });

  // New data goes only inside the window its sender knew: the ACK that opened it had arrived.
  if (scale) {
    const edges: [number[], number[]] = [[], []];
    bySide.forEach((list, side) => {
      for (const i of list) {
        const w = segs[i]!;
        if (w.flags & ACK && !(w.flags & RST) && arrive[i] !== undefined) edges[side as Side].push(i);
      }
    });
    // The window of a SYN is never scaled (RFC 7323 §2.2).
    const right = (i: number): number => wrap(segs[i]!.ack + segs[i]!.win * (segs[i]!.flags & SYN ? 1 : 2 ** scale[segs[i]!.side]));
    const next = [0, 0];
    const highest: (number | undefined)[] = [undefined, undefined];
    for (const list of bySide) {
      for (const i of list) {
        const d = segs[i]!;
        if (d.len === 0 || d.resent || d.inferred || d.seq === undefined) continue;
        const end = wrap(d.seq + d.len);
        const x = d.side;
        if (highest[x] !== undefined && !lt(highest[x]!, end)) continue;
        highest[x] = end;
        const ws = edges[1 - x]!;
        let k = next[1 - x]!;
        while (k < ws.length && lt(right(ws[k]!), end)) k++;
        next[1 - x] = k;
        const wi = ws[k];
        if (wi === undefined || arrive[wi]! < send[i]!) continue;
        if (send[wi]! < send[i]!) sooner(wi, send[i]! - EPS);
        else sendLater(i, arrive[wi]! + EPS);
      }
    }
  }

  const events: (TimedEvent & { readonly order: number })[] = [];
  const copyCount = new Map<Seg, number>();
  segs.forEach((s, i) => {
    if (s.duplicate) {
      const original = s.copyOf!;
      const copy = (copyCount.get(original) ?? 0) + 1;
      copyCount.set(original, copy);
      events.push({ kind: 'arrive', seg: original, atUs: Math.max(arrive[i]!, send[originalOf.get(original)!]!), copy, order: 2 * i + 1 });
      return;
    }
    events.push({ kind: 'send', seg: s, atUs: send[i]!, order: 2 * i });
    const at = s.dropped ? Math.max(send[i]!, s.timeUs + h[1 - s.side]!) : arrive[i];
    if (at !== undefined) events.push({ kind: 'arrive', seg: s, atUs: at, copy: 0, order: 2 * i + 1 });
  });
  // A duplicate's copies are numbered in the order they arrive.
  events.sort((a, b) => a.atUs - b.atUs || a.order - b.order);
  const renumbered = new Map<Seg, number>();
  return events.map(({ order: _order, ...e }) => {
    if (e.kind !== 'arrive') return e;
    const copy = renumbered.get(e.seg) ?? 0;
    renumbered.set(e.seg, copy + 1);
    return { ...e, copy };
  });
}
