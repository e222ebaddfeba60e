/**
 * Segments a capture shows with an endpoint's addresses that its TCP did not send: a third
 * party's (RFC 5961's blind reset). A RST ends its sender's connection (RFC 9293 §3.10.7.x: a
 * TCP sends nothing more on it), and a TCP's numbers never jump ahead of what it has sent. So a
 * RST whose seq is beyond everything its side had sent, followed by that side's own segments
 * below that seq (it goes on from where it was), was not sent by that side. Such a RST is taken
 * out of the connection and written where it was captured as a third party's
 * (`Attacker as Client -> Server: RST …`), which the receiver judges as if from that side (a
 * challenge ACK, RFC 5961 §3.2, when it is in the window but not at RCV.NXT).
 */

import { FIN, RST, SYN, type TcpPacket } from './packet.js';
import { delta, later, wrap } from './seqMath.js';

/** Jumps bigger than this are nonsense, not a forgery the numbers can judge. */
const MAX_JUMP = 0x4000_0000;

export function splitForged(packets: readonly TcpPacket[], sideOf: (p: TcpPacket) => 0 | 1): { kept: TcpPacket[]; forged: TcpPacket[] } {
  // Per side, the lowest seq of its own segments after each point (one pass from the end).
  const lowestAfter = new Array<number | undefined>(packets.length);
  const low: (number | undefined)[] = [undefined, undefined];
  for (let i = packets.length - 1; i >= 0; i--) {
    const p = packets[i]!;
    const x = sideOf(p);
    lowestAfter[i] = low[x];
    if (p.seq !== undefined && !(p.flags & (RST | SYN))) low[x] = low[x] === undefined || delta(p.seq, low[x]!) < 0 ? p.seq : low[x];
  }
  const kept: TcpPacket[] = [];
  const forged: TcpPacket[] = [];
  const next: (number | undefined)[] = [undefined, undefined];
  packets.forEach((p, i) => {
    const x = sideOf(p);
    const sent = next[x];
    const after = lowestAfter[i];
    const jump = p.seq !== undefined && sent !== undefined ? delta(p.seq, sent) : 0;
    if (p.flags & RST && jump > 0 && jump < MAX_JUMP && after !== undefined && delta(after, p.seq!) < 0) {
      forged.push(p);
      return;
    }
    if (p.seq !== undefined && !(p.flags & RST)) next[x] = later(next[x], wrap(p.seq + p.len + (p.flags & SYN ? 1 : 0) + (p.flags & FIN ? 1 : 0)));
    kept.push(p);
  });
  return { kept, forged };
}
