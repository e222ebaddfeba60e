/**
 * A capture that holds every segment twice: two captures of one connection merged into one file
 * (one at each end, `mergecap`), or `tcpdump -i any` where nothing tells the interfaces apart.
 * With timestamps (RFC 7323) a copy is recognisable: the same numbers, flags, length and TSval.
 * When most segments come twice, the first copy of each (the one nearest its sender) is kept.
 */

import type { ReadReport } from './frame.js';
import { endpointText, type TcpPacket } from './packet.js';

/**
 * Below this share of repeated segments, in either direction, repeats are left to the importer
 * (network duplicates; duplicate ACKs sent within one clock tick repeat in one direction only).
 */
const DOUBLED_SHARE = 0.4;

export function dropDoubled(packets: readonly TcpPacket[], report: ReadReport): readonly TcpPacket[] {
  if (packets.length < 4 || !packets.every((p) => p.ts !== undefined)) return packets;
  const seen = new Set<string>();
  const first: TcpPacket[] = [];
  const count = new Map<string, { all: number; repeats: number }>();
  for (const p of packets) {
    const from = endpointText(p.src, p.srcPort);
    const c = count.get(from) ?? { all: 0, repeats: 0 };
    count.set(from, c);
    c.all++;
    const key = `${from} ${p.seq} ${p.ack} ${p.flags} ${p.len} ${p.win} ${p.ts![0]} ${p.ts![1]} ${p.sack?.join() ?? ''}`;
    if (seen.has(key)) {
      c.repeats++;
      continue;
    }
    seen.add(key);
    first.push(p);
  }
  if (count.size < 2 || [...count.values()].some((c) => c.repeats < c.all * DOUBLED_SHARE)) return packets;
  const repeats = packets.length - first.length;
  report.warnings.push(
    `${repeats} of the connection's ${packets.length} segments appear twice (a capture at both ends merged into one file, or one taken on two interfaces): each is read once, its first copy`,
  );
  return first;
}
