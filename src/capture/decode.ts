/**
 * From a link-layer frame to a TCP segment: Ethernet (with VLAN tags), Linux cooked v1 and v2,
 * BSD loopback, raw IP; IPv4 and IPv6 (extension headers skipped, fragments left out); the TCP
 * header with its options (MSS, window scale, SACK, timestamps); link types' names for messages.
 */

import type { Frame } from './frame.js';
import type { TcpPacket } from './packet.js';

/** Why a frame gave no segment, for the reader's summary. */
export type Skip = 'not-ip' | 'not-tcp' | 'fragment' | 'short' | 'link-type';

export type Decoded = TcpPacket | Skip;

export function decodeFrame(frame: Frame): Decoded {
  const ip = ipStart(frame.linkType, frame.data);
  if (typeof ip === 'string') return ip;
  const p = decodeIp(frame.data.subarray(ip), frame.timeUs);
  return typeof p === 'string' ? p : { ...p, record: frame.record };
}

const u16 = (d: Uint8Array, at: number): number => (d[at]! << 8) | d[at + 1]!;
const u32 = (d: Uint8Array, at: number): number => ((d[at]! << 24) | (d[at + 1]! << 16) | (d[at + 2]! << 8) | d[at + 3]!) >>> 0;

/** Where the IP header starts in the frame, or why there is none. */
function ipStart(linkType: number, d: Uint8Array): number | Skip {
  switch (linkType) {
    case 1: {
      // Ethernet, possibly with 802.1Q / 802.1ad tags
      let at = 12;
      if (d.length < 14) return 'short';
      while (u16(d, at) === 0x8100 || u16(d, at) === 0x88a8) {
        at += 4;
        if (d.length < at + 2) return 'short';
      }
      const type = u16(d, at);
      return type === 0x0800 || type === 0x86dd ? at + 2 : 'not-ip';
    }
    case 0: // BSD loopback: address family in the capturing host's byte order
    case 108: {
      // OpenBSD loopback: network byte order
      if (d.length < 4) return 'short';
      const family = linkType === 108 ? u32(d, 0) : Math.min(u32(d, 0), ((d[3]! << 24) | (d[2]! << 16) | (d[1]! << 8) | d[0]!) >>> 0);
      return family === 2 || family === 10 || family === 24 || family === 28 || family === 30 ? 4 : 'not-ip';
    }
    case 12:
    case 14:
    case 101:
    case 228:
    case 229:
      return 0; // raw IP
    case 113: {
      // Linux cooked capture v1: protocol at 14
      if (d.length < 16) return 'short';
      const type = u16(d, 14);
      return type === 0x0800 || type === 0x86dd ? 16 : 'not-ip';
    }
    case 276: {
      // Linux cooked capture v2: protocol at 0
      if (d.length < 20) return 'short';
      const type = u16(d, 0);
      return type === 0x0800 || type === 0x86dd ? 20 : 'not-ip';
    }
    default:
      return 'link-type';
  }
}

function decodeIp(d: Uint8Array, timeUs: number): Decoded {
  if (d.length < 1) return 'short';
  const version = d[0]! >> 4;
  if (version === 4) {
    if (d.length < 20) return 'short';
    const ihl = (d[0]! & 0x0f) * 4;
    if (ihl < 20 || d.length < ihl) return 'short';
    if (d[9] === 1 && d[ihl] === 3 && d[ihl + 1] === 4) return decodeTooBig(d.subarray(ihl), timeUs);
    if (d[9] !== 6) return 'not-tcp';
    const frag = u16(d, 6);
    if ((frag & 0x1fff) !== 0 || (frag & 0x2000) !== 0) return 'fragment';
    const total = u16(d, 2);
    // A total length of 0 is TCP segmentation offload seen on the sending host: use what was captured.
    const ipPayload = (total === 0 ? d.length : total) - ihl;
    return decodeTcp(d.subarray(ihl), ipPayload, ipv4Text(d, 12), ipv4Text(d, 16), timeUs);
  }
  if (version === 6) {
    if (d.length < 40) return 'short';
    let next = d[6]!;
    let at = 40;
    let payload = u16(d, 4);
    for (;;) {
      if (next === 6) break;
      if (next === 58 && d[at] === 2) return decodeTooBig(d.subarray(at), timeUs);
      if (next === 44) return 'fragment';
      if (next !== 0 && next !== 43 && next !== 60 && next !== 51) return 'not-tcp';
      if (d.length < at + 2) return 'short';
      const extLen = next === 51 ? (d[at + 1]! + 2) * 4 : (d[at + 1]! + 1) * 8;
      next = d[at]!;
      at += extLen;
      payload -= extLen;
    }
    if (payload <= 0) payload = d.length - at; // jumbogram or offload: use what was captured
    return decodeTcp(d.subarray(at), payload, ipv6Text(d, 8), ipv6Text(d, 24), timeUs);
  }
  return 'not-ip';
}

/**
 * An ICMP "fragmentation needed" or ICMPv6 "packet too big" (`icmp`: from its type on): the
 * segment it quotes (after the 8-byte ICMP header, the offending packet's IP header and at least
 * the first 8 octets of its TCP header: ports and seq), with the MTU it names.
 */
function decodeTooBig(icmp: Uint8Array, timeUs: number): Decoded {
  if (icmp.length < 8 + 20) return 'short';
  const mtu = icmp[0] === 2 ? u32(icmp, 4) : u16(icmp, 6);
  const q = icmp.subarray(8);
  let src: string;
  let dst: string;
  let tcp: number;
  /** The quoted packet's IP payload (its TCP header and data), from its IP header. */
  let payload: number;
  if (q[0]! >> 4 === 4) {
    const ihl = (q[0]! & 0x0f) * 4;
    if (q[9] !== 6 || ihl < 20 || q.length < ihl + 8) return 'not-tcp';
    [src, dst, tcp, payload] = [ipv4Text(q, 12), ipv4Text(q, 16), ihl, u16(q, 2) - ihl];
  } else if (q[0]! >> 4 === 6) {
    if (q.length < 48 || q[6] !== 6) return 'not-tcp';
    [src, dst, tcp, payload] = [ipv6Text(q, 8), ipv6Text(q, 24), 40, u16(q, 4)];
  } else return 'not-ip';
  // Its data length, when the quote reaches the TCP header's data offset (RFC 1812 §4.3.2.3 asks
  // routers to quote as much as fits; RFC 792 only 8 octets): 0 when unknown.
  const len = q.length > tcp + 12 ? Math.max(0, payload - (q[tcp + 12]! >> 4) * 4) : 0;
  return { timeUs, src, srcPort: u16(q, tcp), dst, dstPort: u16(q, tcp + 2), seq: u32(q, tcp + 4), ack: 0, flags: 0, win: 0, len, icmpMtu: mtu };
}

function decodeTcp(t: Uint8Array, ipPayload: number, src: string, dst: string, timeUs: number): Decoded {
  if (t.length < 20) return 'short';
  const headerLen = (t[12]! >> 4) * 4;
  if (headerLen < 20) return 'short';
  let mss: number | undefined;
  let wscale: number | undefined;
  let sackOk = false;
  let sack: [number, number][] | undefined;
  let ts: [number, number] | undefined;
  let tfo: string | undefined;
  const end = Math.min(headerLen, t.length);
  for (let at = 20; at < end;) {
    const kind = t[at]!;
    if (kind === 0) break;
    if (kind === 1) {
      at++;
      continue;
    }
    const len = t[at + 1] ?? 0;
    if (len < 2 || at + len > end) break;
    if (kind === 2 && len === 4) mss = u16(t, at + 2);
    if (kind === 3 && len === 3) wscale = t[at + 2]!;
    if (kind === 4 && len === 2) sackOk = true;
    if (kind === 5 && len >= 10 && (len - 2) % 8 === 0) {
      sack = [];
      for (let b = at + 2; b < at + len; b += 8) sack.push([u32(t, b), u32(t, b + 4)]);
    }
    if (kind === 8 && len === 10) ts = [u32(t, at + 2), u32(t, at + 6)];
    // Fast Open: kind 34 (RFC 7413), or the experimental kind 254 with magic 0xF989.
    if (kind === 34) tfo = hex(t.subarray(at + 2, at + len));
    if (kind === 254 && len >= 4 && u16(t, at + 2) === 0xf989) tfo = hex(t.subarray(at + 4, at + len));
    at += len;
  }
  const len = Math.max(0, ipPayload - headerLen);
  return {
    timeUs,
    src,
    srcPort: u16(t, 0),
    dst,
    dstPort: u16(t, 2),
    seq: u32(t, 4),
    ack: u32(t, 8),
    flags: t[13]!,
    win: u16(t, 14),
    len,
    ...(mss !== undefined ? { mss } : {}),
    ...(wscale !== undefined ? { wscale } : {}),
    ...(sackOk ? { sackOk } : {}),
    ...(sack ? { sack } : {}),
    ...(ts ? { ts } : {}),
    ...(tfo !== undefined ? { tfo } : {}),
    ...(t.length < headerLen ? { optionsCut: true } : {}),
    ...(t.length >= headerLen + len ? { payloadHeld: true } : {}),
  };
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function ipv4Text(d: Uint8Array, at: number): string {
  return `${d[at]}.${d[at + 1]}.${d[at + 2]}.${d[at + 3]}`;
}

/** RFC 5952: lower case, leading zeros dropped, the longest run of two or more zero groups as `::`. */
export function ipv6Text(d: Uint8Array, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(u16(d, at + i * 2));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (g: number[]): string => g.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

/** LINKTYPE_* names (tcpdump.org) of link types people meet, for messages. */
const LINK_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'NULL',
  1: 'ETHERNET',
  6: 'IEEE802_5',
  8: 'SLIP',
  9: 'PPP',
  10: 'FDDI',
  50: 'PPP_HDLC',
  51: 'PPP_ETHER',
  101: 'RAW',
  104: 'C_HDLC',
  105: 'IEEE802_11',
  107: 'FRELAY',
  108: 'LOOP',
  113: 'LINUX_SLL',
  119: 'IEEE802_11_PRISM',
  127: 'IEEE802_11_RADIOTAP',
  163: 'IEEE802_11_AVS',
  187: 'BLUETOOTH_HCI_H4',
  189: 'USB_LINUX',
  192: 'PPI',
  195: 'IEEE802_15_4_WITHFCS',
  201: 'BLUETOOTH_HCI_H4_WITH_PHDR',
  220: 'USB_LINUX_MMAPPED',
  228: 'IPV4',
  229: 'IPV6',
  239: 'NFLOG',
  249: 'USBPCAP',
  253: 'NETLINK',
  276: 'LINUX_SLL2',
};

export function linkTypeName(type: number): string {
  const name = LINK_TYPE_NAMES[type] ?? (type >= 147 && type <= 162 ? `USER${type - 147}` : undefined);
  return name ? `${type} (LINKTYPE_${name})` : `${type}`;
}
