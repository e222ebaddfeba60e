/**
 * Segmentation offload: a capture taken where a kernel sends (or where it receives, with GRO)
 * can hold one frame of several MSS-sized segments; on the wire they were separate segments,
 * and the receiver acknowledges them one by one. Each data frame longer than the MSS its
 * receiver advertised (less the 12 octets of the timestamp option when both SYNs carried it)
 * is cut into MSS-sized segments, PSH and FIN on the last piece, as the sender's NIC cuts it.
 * Without a handshake in the capture the MSS is unknown and nothing is cut.
 */

import { FIN, PSH, SYN, type TcpPacket } from './packet.js';
import { wrap } from './seqMath.js';

export function segmentToMss(packets: readonly TcpPacket[], sideOf: (p: TcpPacket) => 0 | 1): TcpPacket[] {
  const mss: (number | undefined)[] = [undefined, undefined];
  const ts = [false, false];
  for (const p of packets) {
    if (!(p.flags & SYN)) continue;
    const side = sideOf(p);
    if (p.mss !== undefined) mss[side] = p.mss;
    if (p.ts) ts[side] = true;
  }
  const overhead = ts[0] && ts[1] ? 12 : 0;
  /** The largest payload a side may send: what its peer advertised. */
  const limit = (side: 0 | 1): number | undefined => {
    const m = mss[1 - side];
    return m !== undefined && m > overhead ? m - overhead : undefined;
  };
  const out: TcpPacket[] = [];
  for (const p of packets) {
    const max = limit(sideOf(p));
    if (max === undefined || p.len <= max || p.seq === undefined || p.flags & SYN) {
      out.push(p);
      continue;
    }
    for (let at = 0; at < p.len; at += max) {
      const last = at + max >= p.len;
      out.push({ ...p, seq: wrap(p.seq + at), len: Math.min(max, p.len - at), flags: last ? p.flags : p.flags & ~(PSH | FIN) });
    }
  }
  return out;
}
