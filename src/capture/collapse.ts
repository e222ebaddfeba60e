/**
 * `--collapse`: a run of data segments from one side, contiguous and with the same
 * acknowledgment, whose peer answers only with pure ACKs, becomes one line up to the last ACK
 * that covers exactly the data so far (kept, so the flow still checks). A run never grows past
 * the window the receiver advertised when it began.
 */

import { ACK, PSH } from './packet.js';
import type { Seg } from './segment.js';
import { delta, wrap } from './seqMath.js';

const plainData = (s: Seg): boolean => s.len > 0 && (s.flags & ~(ACK | PSH)) === 0 && !s.lost && !s.crossing && !s.inferred && s.seq !== undefined;
const pureAck = (s: Seg): boolean => s.len === 0 && s.flags === ACK && !s.lost && !s.crossing;

export function collapse(segs: readonly Seg[], windowOf: (receiver: 0 | 1, seg: Seg) => number): Seg[] {
  const out: Seg[] = [];
  let i = 0;
  while (i < segs.length) {
    const first = segs[i]!;
    if (!plainData(first)) {
      out.push(first);
      i++;
      continue;
    }
    const limit = windowOf((1 - first.side) as 0 | 1, first);
    // The run so far, and the last point where a pure ACK covered exactly all of it.
    let last = first;
    let count = 1;
    let flags = ACK | (first.flags & PSH);
    let cut: { at: number; last: Seg; count: number; flags: number } | undefined;
    for (let j = i + 1; j < segs.length; j++) {
      const s = segs[j]!;
      const end = wrap(last.seq! + last.len);
      if (s.side === first.side) {
        if (!plainData(s) || s.seq !== end || s.ack !== first.ack || delta(wrap(s.seq + s.len), first.seq!) > limit) break;
        last = s;
        count++;
        flags |= s.flags & PSH;
      } else {
        if (!pureAck(s)) break;
        if (s.ack === end) cut = { at: j, last, count, flags };
      }
    }
    if (!cut || cut.count < 2) {
      out.push(first);
      i++;
      continue;
    }
    const runEnd = wrap(cut.last.seq! + cut.last.len);
    out.push({ ...cut.last, flags: cut.flags, seq: first.seq, len: delta(runEnd, first.seq!), timeUs: first.timeUs, merged: cut.count, call: undefined });
    out.push(segs[cut.at]!);
    i = cut.at + 1;
  }
  return out;
}
