/**
 * `--collapse`: a run of data segments from one side, contiguous and with the same
 * acknowledgment, whose peer answers only with pure ACKs, becomes one line up to the last ACK
 * that covers exactly the data so far (kept, so the flow still checks). A run never grows past
 * the window the receiver advertised when it began.
 */

import { ACK, PSH } from './packet.js';
import type { Seg } from './infer.js';
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
    let end = wrap(first.seq! + first.len);
    let data = 1;
    let cut: { at: number; data: number; end: number } | undefined;
    let j = i + 1;
    for (; j < segs.length; j++) {
      const s = segs[j]!;
      if (s.side === first.side) {
        if (!plainData(s) || s.seq !== end || s.ack !== first.ack || delta(wrap(s.seq + s.len), first.seq!) > limit) break;
        end = wrap(s.seq + s.len);
        data++;
      } else {
        if (!pureAck(s)) break;
        if (s.ack === end) cut = { at: j, data, end };
      }
    }
    if (!cut || cut.data < 2) {
      out.push(first);
      i++;
      continue;
    }
    let flags = ACK;
    let count = 0;
    for (let k = i; k < cut.at; k++) {
      const s = segs[k]!;
      if (s.side !== first.side) continue;
      flags |= s.flags & PSH;
      count++;
    }
    const lastData = segs.slice(i, cut.at).filter((s) => s.side === first.side).pop()!;
    out.push({ ...lastData, flags, seq: first.seq, len: delta(cut.end, first.seq!), timeUs: first.timeUs, merged: count, call: undefined } as Seg);
    out.push(segs[cut.at]!);
    i = cut.at + 1;
  }
  return out;
}
