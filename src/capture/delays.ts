/**
 * How far each side is from the capture point: the one-way delay the inference (infer.ts) and
 * the timeline (timeline.ts) both start from.
 */

import { ACK, SYN } from './packet.js';
import { endOf, space, type Seg, type Side } from './segment.js';

/** An answer within this time (µs) comes from the end the capture was taken at. */
const AT_THE_END_US = 500;

/**
 * The one-way delay from the capture point to each side (µs): half of the quickest answer a
 * side gave to a segment of the peer's sent once (Karn's rule: an answer to a segment sent
 * twice may be the first copy's). Zero when a side never answered, or answered within
 * AT_THE_END_US.
 */
export function delays(segs: readonly Seg[]): [number, number] {
  const best: [number, number] = [Infinity, Infinity];
  /** Per side, its segments with sequence space awaiting an answer, by end; `again` once resent. */
  const waiting: [Map<number, { seg: Seg; again: boolean }>, Map<number, { seg: Seg; again: boolean }>] = [new Map(), new Map()];
  for (const s of segs) {
    if (s.duplicate || s.seq === undefined) continue;
    const y = (1 - s.side) as Side;
    if (s.flags & ACK && !s.inferred) {
      const w = waiting[y].get(s.ack);
      const q = w?.seg;
      // Karn's rule: an answer to something sent twice may answer either copy, so it times nothing.
      if (q && !w.again && !q.inferred && !q.reordered && s.timeUs >= q.timeUs) best[s.side] = Math.min(best[s.side], s.timeUs - q.timeUs);
      waiting[y].delete(s.ack);
    }
    if (space(s) > 0) {
      const w = waiting[s.side].get(endOf(s));
      // A SYN+ACK after a bare SYN of the same number answers the peer's SYN (simultaneous
      // open): the SYN was sent once.
      const answersSyn = w !== undefined && (s.flags & (SYN | ACK)) === (SYN | ACK) && (w.seg.flags & (SYN | ACK)) === SYN;
      if (!w) waiting[s.side].set(endOf(s), { seg: s, again: false });
      else if (!answersSyn) w.again = true;
    }
  }
  // An answer quicker than this is the time the end took to answer, not a path: the capture was
  // taken at that end (or both are on one host), and what it captured is what that end saw.
  const oneWay = (b: number): number => (b === Infinity || b < AT_THE_END_US ? 0 : b / 2);
  return [oneWay(best[0]), oneWay(best[1])];
}
