/**
 * IPv4/TCP packets for the kernel run: tcpflow's segments built as bytes with correct IP and TCP
 * checksums (the kernel drops a packet whose checksum is wrong, silently), and the kernel's read
 * back with capture import's decoder. Addresses are the namespace's two ends.
 */

import { decodeFrame } from '../capture/decode.js';
import type { TcpPacket } from '../capture/packet.js';

/** The kernel's address (on the TUN device) and tcpflow's (routed into it). */
export const KERNEL_ADDR = '10.77.0.1';
export const TCPFLOW_ADDR = '10.77.0.2';

export interface OutPacket {
  readonly srcPort: number;
  readonly dstPort: number;
  readonly seq: number;
  readonly ack: number;
  /** The TCP flag bits (FIN = 1 … CWR = 0x80). */
  readonly flags: number;
  readonly win: number;
  readonly payload: Uint8Array;
  readonly mss?: number | undefined;
  readonly wscale?: number | undefined;
  readonly sackOk?: boolean | undefined;
  readonly sack?: readonly (readonly [number, number])[] | undefined;
  readonly ts?: readonly [number, number] | undefined;
}

const addrBytes = (a: string): number[] => a.split('.').map(Number);

function sum16(bytes: Uint8Array, start: number, end: number, acc: number): number {
  let s = acc;
  for (let i = start; i + 1 < end; i += 2) s += (bytes[i]! << 8) | bytes[i + 1]!;
  if ((end - start) % 2 === 1) s += bytes[end - 1]! << 8;
  return s;
}

function fold(s: number): number {
  let v = s;
  while (v > 0xffff) v = (v & 0xffff) + Math.floor(v / 0x10000);
  return ~v & 0xffff;
}

/** The TCP options as bytes, padded with NOPs to a multiple of four. */
function optionBytes(p: OutPacket): number[] {
  const o: number[] = [];
  if (p.mss !== undefined) o.push(2, 4, (p.mss >> 8) & 0xff, p.mss & 0xff);
  if (p.sackOk) o.push(1, 1, 4, 2);
  if (p.ts) o.push(1, 1, 8, 10, ...u32(p.ts[0]), ...u32(p.ts[1]));
  if (p.wscale !== undefined) o.push(1, 3, 3, p.wscale);
  if (p.sack && p.sack.length > 0) {
    o.push(1, 1, 5, 2 + 8 * p.sack.length);
    for (const [l, r] of p.sack) o.push(...u32(l), ...u32(r));
  }
  while (o.length % 4 !== 0) o.push(0);
  return o;
}

function u32(n: number): number[] {
  const v = n >>> 0;
  return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}

/** One IPv4 packet from tcpflow's address to the kernel's. */
export function buildPacket(p: OutPacket, id: number): Uint8Array {
  const opts = optionBytes(p);
  const tcpLen = 20 + opts.length + p.payload.length;
  const total = 20 + tcpLen;
  const b = new Uint8Array(total);
  const src = addrBytes(TCPFLOW_ADDR);
  const dst = addrBytes(KERNEL_ADDR);
  b.set([0x45, 0, total >> 8, total & 0xff, (id >> 8) & 0xff, id & 0xff, 0x40, 0, 64, 6, 0, 0, ...src, ...dst]);
  const ipSum = fold(sum16(b, 0, 20, 0));
  b[10] = ipSum >> 8;
  b[11] = ipSum & 0xff;
  const t = 20;
  b.set([p.srcPort >> 8, p.srcPort & 0xff, p.dstPort >> 8, p.dstPort & 0xff, ...u32(p.seq), ...u32(p.ack)], t);
  b[t + 12] = ((20 + opts.length) / 4) << 4;
  b[t + 13] = p.flags & 0xff;
  b[t + 14] = (p.win >> 8) & 0xff;
  b[t + 15] = p.win & 0xff;
  b.set(opts, t + 20);
  b.set(p.payload, t + 20 + opts.length);
  const pseudo = sum16(new Uint8Array([...src, ...dst, 0, 6, tcpLen >> 8, tcpLen & 0xff]), 0, 12, 0);
  const tcpSum = fold(sum16(b, t, total, pseudo));
  b[t + 16] = tcpSum >> 8;
  b[t + 17] = tcpSum & 0xff;
  return b;
}

/** A packet the kernel sent (or one of ours read back), decoded; undefined when it is no TCP/IPv4 packet. */
export function decodePacket(bytes: Uint8Array, timeUs: number): (TcpPacket & { readonly payload: Uint8Array }) | undefined {
  const d = decodeFrame({ timeUs, linkType: 101, data: bytes, record: 0, iface: 0 });
  if (typeof d === 'string') return undefined;
  const ihl = (bytes[0]! & 0x0f) * 4;
  const off = (bytes[ihl + 12]! >> 4) * 4;
  return { ...d, payload: bytes.subarray(ihl + off, ihl + off + d.len) };
}

export const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const bytesOf = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
