/**
 * Segmentation offload: a capture taken where a kernel sends (or where it receives, with GRO)
 * can hold one frame of several MSS-sized segments; on the wire they were separate segments,
 * and the receiver acknowledges them one by one. Each data frame longer than the MSS its
 * receiver advertised (less the 12 octets of the timestamp option when both SYNs carried it)
 * is cut into MSS-sized segments, PSH and FIN on the last piece, as the sender's NIC cuts it.
 * Without a handshake in the capture the MSS is unknown and nothing is cut.
 *
 * The pieces are bounded by what the capture really holds, so a small hostile file cannot grow
 * into millions of segments:
 * - the MSS cut to is at least MIN_MSS octets (Linux's tcp_min_snd_mss: no kernel sends
 *   smaller segments whatever the peer advertises); a smaller advertised MSS gets a warning;
 * - a frame whose payload the capture holds is cut (each piece then stands for at least
 *   MIN_MSS captured octets);
 * - a frame whose payload the capture does not hold (shortened by the snapshot length), and a
 *   tcpdump text line, whose length is only a claim, is cut only into at most MAX_CLAIMED_PIECES
 *   segments (a 64 KB offload burst at an MSS of 512 or more); a longer one is kept whole, with
 *   a warning.
 */

import type { ReadReport } from './frame.js';
import { endpointText, FIN, PSH, SYN, type TcpPacket } from './packet.js';
import { wrap } from './seqMath.js';

/** The smallest MSS a frame is cut to (Linux's net.ipv4.tcp_min_snd_mss default). */
export const MIN_MSS = 48;
/** The most segments a frame whose payload the capture lacks is cut into. */
export const MAX_CLAIMED_PIECES = 128;

export function segmentToMss(
  packets: readonly TcpPacket[],
  sideOf: (p: TcpPacket) => 0 | 1,
  report: ReadReport,
  unit: 'record' | 'line' = 'record',
  tooBig: readonly TcpPacket[] = [],
): TcpPacket[] {
  const mss: (number | undefined)[] = [undefined, undefined];
  const ts = [false, false];
  for (const p of packets) {
    if (!(p.flags & SYN)) continue;
    const side = sideOf(p);
    if (p.mss !== undefined) mss[side] = p.mss;
    if (p.ts) ts[side] = true;
  }
  const overhead = ts[0] && ts[1] ? 12 : 0;
  /** The largest payload a side may send: what its peer advertised, never below MIN_MSS. */
  const limit = (side: 0 | 1): number | undefined => {
    const m = mss[1 - side];
    return m === undefined ? undefined : Math.max(MIN_MSS, m - overhead);
  };
  let small = false;
  for (const p of packets) {
    if (!(p.flags & SYN) || p.mss === undefined || p.mss - overhead >= MIN_MSS || small) continue;
    small = true;
    report.warnings.push(
      `the SYN from ${endpointText(p.src, p.srcPort)} advertises mss=${p.mss}: no kernel sends segments that small (Linux's floor is ${MIN_MSS} octets), so frames longer than that are cut at ${MIN_MSS}`,
    );
  }
  const out: TcpPacket[] = [];
  let keptWhole = 0;
  let firstWhole: TcpPacket | undefined;
  // After an ICMP "fragmentation needed" (RFC 1191) or "packet too big" (RFC 8201) about a side's
  // segment, that side sends segments that fit the MTU it named (its IP and TCP headers, the
  // timestamp option included, taken off): Linux's tcp_mtu_to_mss(), then the NIC cuts to that.
  const pmtu: (number | undefined)[] = [undefined, undefined];
  let next = 0;
  for (const p of packets) {
    for (; next < tooBig.length && tooBig[next]!.timeUs <= p.timeUs; next++) {
      const m = tooBig[next]!;
      const side = sideOf(m);
      const fits = m.icmpMtu! - (m.src.includes(':') ? 40 : 20) - 20 - overhead;
      if (fits >= MIN_MSS) pmtu[side] = Math.min(pmtu[side] ?? fits, fits);
    }
    const side = sideOf(p);
    const mss = limit(side);
    const max = mss !== undefined && pmtu[side] !== undefined ? Math.min(mss, pmtu[side]!) : mss;
    if (max === undefined || p.len <= max || p.seq === undefined || p.flags & SYN) {
      out.push(p);
      continue;
    }
    if (!p.payloadHeld && Math.ceil(p.len / max) > MAX_CLAIMED_PIECES) {
      keptWhole++;
      firstWhole ??= p;
      out.push(p);
      continue;
    }
    for (let at = 0; at < p.len; at += max) {
      const last = at + max >= p.len;
      out.push({ ...p, seq: wrap(p.seq + at), len: Math.min(max, p.len - at), flags: last ? p.flags : p.flags & ~(PSH | FIN) });
    }
  }
  if (firstWhole) {
    const where = firstWhole.record !== undefined ? ` (the first at ${unit} ${firstWhole.record})` : '';
    report.warnings.push(
      `${keptWhole} segment(s) longer than the MSS kept whole${where}: the capture does not hold their payload, only their length, and cutting one would make more than ${MAX_CLAIMED_PIECES} segments`,
    );
  }
  return out;
}
