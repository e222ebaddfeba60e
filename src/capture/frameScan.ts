/**
 * The one pass over a pcap or pcapng file's frames: each frame's link, IP and TCP headers are
 * read in place (into locals: no object per packet) to find its connection in the
 * ConnectionIndex; only the packets of the connection asked for are decoded in full
 * (decode.ts) and kept. Frames that are not TCP are counted for the warnings, as decodeFrame
 * would have said why.
 */

import { ConnectionIndex } from './connectionIndex.js';
import { decodeFrame, linkTypeName, type Skip } from './decode.js';
import type { FrameSink, ReadReport } from './frame.js';
import type { InterfacePicker } from './interfaces.js';

export class FrameScan implements FrameSink {
  private readonly skipped = new Map<Skip, number>();
  private readonly linkTypes = new Set<number>();
  /** Packets decoded in full (only those asked for): the work that follows the question, not the file. */
  decoded = 0;
  /** pcap only: Linux cooked v2 interface indexes, numbered in the order first seen. */
  private readonly ifindexes: Map<number, number> | undefined;

  constructor(
    readonly index: ConnectionIndex,
    private readonly picker: InterfacePicker,
    private readonly report: ReadReport,
    format: 'pcap' | 'pcapng',
  ) {
    this.ifindexes = format === 'pcap' ? new Map() : undefined;
  }

  frame(d: Uint8Array, at: number, caplen: number, linkType: number, iface: number, timeUs: number, record: number): void {
    const end = at + caplen;
    let ip: number;
    switch (linkType) {
      case 1: {
        // Ethernet, possibly with 802.1Q / 802.1ad tags
        if (caplen < 14) return this.skip('short');
        let p = at + 12;
        let type = (d[p]! << 8) | d[p + 1]!;
        while (type === 0x8100 || type === 0x88a8) {
          p += 4;
          if (end < p + 2) return this.skip('short');
          type = (d[p]! << 8) | d[p + 1]!;
        }
        if (type !== 0x0800 && type !== 0x86dd) return this.skip('not-ip');
        ip = p + 2;
        break;
      }
      case 0: // BSD loopback: address family in the capturing host's byte order
      case 108: {
        // OpenBSD loopback: network byte order
        if (caplen < 4) return this.skip('short');
        const be = ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;
        const family = linkType === 108 ? be : Math.min(be, ((d[at + 3]! << 24) | (d[at + 2]! << 16) | (d[at + 1]! << 8) | d[at]!) >>> 0);
        if (family !== 2 && family !== 10 && family !== 24 && family !== 28 && family !== 30) return this.skip('not-ip');
        ip = at + 4;
        break;
      }
      case 12:
      case 14:
      case 101:
      case 228:
      case 229:
        ip = at; // raw IP
        break;
      case 113: {
        // Linux cooked capture v1: protocol at 14
        if (caplen < 16) return this.skip('short');
        const type = (d[at + 14]! << 8) | d[at + 15]!;
        if (type !== 0x0800 && type !== 0x86dd) return this.skip('not-ip');
        ip = at + 16;
        break;
      }
      case 276: {
        // Linux cooked capture v2: protocol at 0
        if (caplen < 20) return this.skip('short');
        const type = (d[at]! << 8) | d[at + 1]!;
        if (type !== 0x0800 && type !== 0x86dd) return this.skip('not-ip');
        ip = at + 20;
        break;
      }
      default:
        this.linkTypes.add(linkType);
        return this.skip('link-type');
    }
    const ipLen = end - ip;
    if (ipLen < 1) return this.skip('short');
    const version = d[ip]! >> 4;
    let tcp: number;
    let v6 = false;
    if (version === 4) {
      if (ipLen < 20) return this.skip('short');
      const ihl = (d[ip]! & 0x0f) * 4;
      if (ihl < 20 || ipLen < ihl) return this.skip('short');
      if (d[ip + 9] === 1 && ipLen >= ihl + 8 && d[ip + ihl] === 3 && d[ip + ihl + 1] === 4)
        return this.tooBig(d, at, end, ip + ihl + 8, linkType, iface, timeUs, record);
      if (d[ip + 9] !== 6) return this.skip('not-tcp');
      const frag = (d[ip + 6]! << 8) | d[ip + 7]!;
      if ((frag & 0x1fff) !== 0 || (frag & 0x2000) !== 0) return this.skip('fragment');
      tcp = ip + ihl;
    } else if (version === 6) {
      if (ipLen < 40) return this.skip('short');
      let next = d[ip + 6]!;
      let rel = 40;
      while (next !== 6) {
        if (next === 58 && ipLen >= rel + 8 && d[ip + rel] === 2) return this.tooBig(d, at, end, ip + rel + 8, linkType, iface, timeUs, record);
        if (next === 44) return this.skip('fragment');
        if (next !== 0 && next !== 43 && next !== 60 && next !== 51) return this.skip('not-tcp');
        if (ipLen < rel + 2) return this.skip('short');
        const extLen = next === 51 ? (d[ip + rel + 1]! + 2) * 4 : (d[ip + rel + 1]! + 1) * 8;
        next = d[ip + rel]!;
        rel += extLen;
      }
      tcp = ip + rel;
      v6 = true;
    } else {
      return this.skip('not-ip');
    }
    if (end - tcp < 20 || d[tcp + 12]! >> 4 < 5) return this.skip('short');
    if (!this.picker.take(this.ifindexes && linkType === 276 ? this.ifindexOf(d, at) : iface)) return;
    const seq = ((d[tcp + 4]! << 24) | (d[tcp + 5]! << 16) | (d[tcp + 6]! << 8) | d[tcp + 7]!) >>> 0;
    const flags = d[tcp + 13]!;
    const index = this.index;
    const { table, srcFirst } = this.keyOf(d, ip, tcp, v6);
    const n = index.add(table, srcFirst, flags, seq, timeUs);
    if (n === 0) return;
    // A packet asked for: decoded in full (its bytes copied into its fields).
    this.decoded++;
    const p = decodeFrame({ timeUs, linkType, data: d.subarray(at, end), record, iface });
    if (typeof p !== 'string') index.keep(n, p);
  }

  /**
   * An ICMP "fragmentation needed" or ICMPv6 "packet too big" quoting, at `quote`, a packet of a
   * connection asked for (found, never added: it is not a segment): kept with that connection.
   */
  private tooBig(d: Uint8Array, at: number, end: number, quote: number, linkType: number, iface: number, timeUs: number, record: number): void {
    const version = end - quote >= 1 ? d[quote]! >> 4 : 0;
    const ihl = version === 4 ? (d[quote]! & 0x0f) * 4 : 40;
    const tcp = quote + ihl;
    const proto = version === 4 ? d[quote + 9] : d[quote + 6];
    if ((version !== 4 && version !== 6) || (version === 4 && ihl < 20) || end < tcp + 8 || proto !== 6) return this.skip('not-tcp');
    if (!this.picker.take(this.ifindexes && linkType === 276 ? this.ifindexOf(d, at) : iface)) return;
    const { table } = this.keyOf(d, quote, tcp, version === 6);
    const n = this.index.find(table);
    if (n === 0) return;
    this.decoded++;
    const p = decodeFrame({ timeUs, linkType, data: d.subarray(at, end), record, iface });
    if (typeof p !== 'string') this.index.keep(n, p);
  }

  /** Puts the packet's address/port pair (IP header at `ip`, TCP at `tcp`) in its table's key. */
  private keyOf(d: Uint8Array, ip: number, tcp: number, v6: boolean): { table: ConnectionIndex['v4']; srcFirst: boolean } {
    const sport = (d[tcp]! << 8) | d[tcp + 1]!;
    const dport = (d[tcp + 2]! << 8) | d[tcp + 3]!;
    const index = this.index;
    let srcFirst: boolean;
    let table;
    if (!v6) {
      table = index.v4;
      const src = ((d[ip + 12]! << 24) | (d[ip + 13]! << 16) | (d[ip + 14]! << 8) | d[ip + 15]!) >>> 0;
      const dst = ((d[ip + 16]! << 24) | (d[ip + 17]! << 16) | (d[ip + 18]! << 8) | d[ip + 19]!) >>> 0;
      srcFirst = src < dst || (src === dst && sport <= dport);
      const key = table.key;
      key[0] = srcFirst ? src : dst;
      key[1] = srcFirst ? dst : src;
      key[2] = srcFirst ? ((sport << 16) | dport) >>> 0 : ((dport << 16) | sport) >>> 0;
    } else {
      table = index.v6;
      let order = 0;
      for (let k = 0; k < 16 && order === 0; k++) order = d[ip + 8 + k]! - d[ip + 24 + k]!;
      srcFirst = order < 0 || (order === 0 && sport <= dport);
      const key = table.key;
      const a = srcFirst ? ip + 8 : ip + 24;
      const b = srcFirst ? ip + 24 : ip + 8;
      for (let k = 0; k < 4; k++) {
        key[k] = ((d[a + 4 * k]! << 24) | (d[a + 4 * k + 1]! << 16) | (d[a + 4 * k + 2]! << 8) | d[a + 4 * k + 3]!) >>> 0;
        key[4 + k] = ((d[b + 4 * k]! << 24) | (d[b + 4 * k + 1]! << 16) | (d[b + 4 * k + 2]! << 8) | d[b + 4 * k + 3]!) >>> 0;
      }
      key[8] = srcFirst ? ((sport << 16) | dport) >>> 0 : ((dport << 16) | sport) >>> 0;
    }
    return { table, srcFirst };
  }

  /** What was left out, as warnings (after the last frame). */
  finish(): void {
    const r = this.report;
    if (this.linkTypes.size > 0)
      r.warnings.push(
        `${this.skipped.get('link-type')} frame(s) of link type ${[...this.linkTypes].map(linkTypeName).join(', ')} left out: tcpflow reads Ethernet, Linux cooked (SLL, SLL2), BSD loopback and raw IP`,
      );
    const frags = this.skipped.get('fragment');
    if (frags) r.warnings.push(`${frags} IP fragment(s) left out (tcpflow does not reassemble fragments)`);
    const short = this.skipped.get('short');
    if (short) r.warnings.push(`${short} frame(s) too short to hold a TCP header left out`);
  }

  private skip(why: Skip): void {
    this.skipped.set(why, (this.skipped.get(why) ?? 0) + 1);
  }

  /**
   * The interface of a Linux cooked v2 frame in a pcap file (`tcpdump -i any -w`): the interface
   * index in its header, numbered in the order first seen and described as `ifindex N`.
   */
  private ifindexOf(d: Uint8Array, at: number): number {
    const ifindex = ((d[at + 4]! << 24) | (d[at + 5]! << 16) | (d[at + 6]! << 8) | d[at + 7]!) >>> 0;
    let i = this.ifindexes!.get(ifindex);
    if (i === undefined) {
      const known = (this.report.interfaces ??= []);
      i = known.length;
      known.push({ index: i, linkType: 276, name: `ifindex ${ifindex}` });
      this.ifindexes!.set(ifindex, i);
    }
    return i;
  }
}
