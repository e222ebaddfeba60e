/**
 * Builds capture files byte by byte for reader tests: TCP segments over IPv4 or IPv6, in
 * Ethernet, Linux cooked or raw frames, written as pcap or pcapng in either byte order.
 */

export interface SegmentSpec {
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  flags: string; // e.g. 'S', 'SA', 'PA', 'FA', 'RA', 'A'
  len?: number;
  win?: number;
  mss?: number;
  wscale?: number;
  sackOk?: boolean;
  sack?: [number, number][];
  ts?: [number, number];
  /** Fast Open cookie in hex ('' for a cookie request). */
  tfo?: string;
  timeUs?: number;
  /** pcapng: which interface captured it (default 0). */
  iface?: number;
}

const BITS: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, A: 16, U: 32, E: 64, C: 128 };

function ipv4Bytes(a: string): number[] {
  return a.split('.').map(Number);
}

function ipv6Bytes(a: string): number[] {
  const [head, tail] = a.includes('::') ? a.split('::') : [a, undefined];
  const h = head ? head.split(':').filter(Boolean) : [];
  const t = tail ? tail.split(':').filter(Boolean) : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t].map((g) => parseInt(g, 16));
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

export function tcpBytes(s: SegmentSpec): number[] {
  const opts: number[] = [];
  if (s.mss !== undefined) opts.push(2, 4, ...u16(s.mss));
  if (s.wscale !== undefined) opts.push(1, 3, 3, s.wscale);
  if (s.sackOk) opts.push(1, 1, 4, 2);
  if (s.ts) opts.push(1, 1, 8, 10, ...u32(s.ts[0]), ...u32(s.ts[1]));
  if (s.tfo !== undefined) opts.push(34, 2 + s.tfo.length / 2, ...(s.tfo.match(/../g) ?? []).map((h) => parseInt(h, 16)));
  if (s.sack) opts.push(1, 1, 5, 2 + 8 * s.sack.length, ...s.sack.flatMap(([l, r]) => [...u32(l), ...u32(r)]));
  while (opts.length % 4) opts.push(0);
  const hl = 20 + opts.length;
  let flags = 0;
  for (const c of s.flags) flags |= BITS[c]!;
  return [
    ...u16(s.sport),
    ...u16(s.dport),
    ...u32(s.seq >>> 0),
    ...u32((s.ack ?? 0) >>> 0),
    (hl / 4) << 4,
    flags,
    ...u16(s.win ?? 65535),
    0,
    0,
    0,
    0,
    ...opts,
    ...Array(s.len ?? 0).fill(0x61),
  ];
}

/** An IP packet (v4 or v6 by the address form) carrying the segment. */
export function ipPacket(s: SegmentSpec): number[] {
  const tcp = tcpBytes(s);
  if (s.src.includes(':')) return [0x60, 0, 0, 0, ...u16(tcp.length), 6, 64, ...ipv6Bytes(s.src), ...ipv6Bytes(s.dst), ...tcp];
  return [0x45, 0, ...u16(20 + tcp.length), 0, 0, 0x40, 0, 64, 6, 0, 0, ...ipv4Bytes(s.src), ...ipv4Bytes(s.dst), ...tcp];
}

export type Link = 'ethernet' | 'sll' | 'sll2' | 'raw' | 'vlan';
export const LINK_TYPE: Record<Link, number> = { ethernet: 1, vlan: 1, sll: 113, sll2: 276, raw: 101 };

export function frame(s: SegmentSpec, link: Link): number[] {
  const ip = ipPacket(s);
  const etherType = s.src.includes(':') ? [0x86, 0xdd] : [0x08, 0x00];
  switch (link) {
    case 'ethernet':
      return [...Array(12).fill(2), ...etherType, ...ip];
    case 'vlan':
      return [...Array(12).fill(2), 0x81, 0x00, 0, 5, ...etherType, ...ip];
    case 'sll':
      return [0, 0, 0, 1, 0, 6, ...Array(8).fill(0), ...etherType, ...ip];
    case 'sll2': // tcpdump -i any: protocol, reserved, interface index (the segment's iface), ARPHRD, type, address
      return [...etherType, 0, 0, ...u32(s.iface ?? 1), 0, 1, 0, 6, ...Array(8).fill(0), ...ip];
    case 'raw':
      return ip;
  }
}

class Writer {
  readonly bytes: number[] = [];
  constructor(private readonly little: boolean) {}
  u16(n: number): this {
    const b = u16(n);
    this.bytes.push(...(this.little ? b.reverse() : b));
    return this;
  }
  u32(n: number): this {
    const b = u32(n >>> 0);
    this.bytes.push(...(this.little ? b.reverse() : b));
    return this;
  }
  raw(b: readonly number[]): this {
    this.bytes.push(...b);
    return this;
  }
}

/** `snaplen` cuts each frame to that many bytes, as tcpdump -s does. */
export function pcapFile(segs: readonly SegmentSpec[], o: { little?: boolean; nanos?: boolean; link?: Link; snaplen?: number } = {}): Uint8Array {
  const link = o.link ?? 'ethernet';
  const w = new Writer(o.little ?? true);
  w.u32(o.nanos ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(2)
    .u16(4)
    .u32(0)
    .u32(0)
    .u32(o.snaplen ?? 262144)
    .u32(LINK_TYPE[link]);
  segs.forEach((s, i) => {
    const whole = frame(s, link);
    const f = whole.slice(0, o.snaplen ?? whole.length);
    const t = s.timeUs ?? 1_700_000_000_000_000 + i * 1000;
    const sec = Math.floor(t / 1e6);
    const frac = o.nanos ? (t % 1e6) * 1000 : t % 1e6;
    w.u32(sec).u32(frac).u32(f.length).u32(whole.length).raw(f);
  });
  return Uint8Array.from(w.bytes);
}

/** `interfaces` names the interfaces (one Interface Description Block each; default one, unnamed). */
export function pcapngFile(segs: readonly SegmentSpec[], o: { little?: boolean; link?: Link; tsresol?: number; interfaces?: string[] } = {}): Uint8Array {
  const link = o.link ?? 'ethernet';
  const little = o.little ?? true;
  const block = (type: number, body: number[]): number[] => {
    const pad = (4 - (body.length % 4)) % 4;
    const len = 12 + body.length + pad;
    return new Writer(little).u32(type).u32(len).raw(body).raw(Array(pad).fill(0)).u32(len).bytes;
  };
  const out: number[] = [];
  out.push(...block(0x0a0d0d0a, new Writer(little).u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff).bytes));
  out.push(...block(0xdeadbeef & 0x7fffffff, [1, 2, 3, 4])); // an unknown block to skip
  for (const name of o.interfaces ?? ['']) {
    const idb = new Writer(little).u16(LINK_TYPE[link]).u16(0).u32(0);
    if (name) {
      const bytes = Array.from(name, (c) => c.charCodeAt(0));
      idb
        .u16(2)
        .u16(bytes.length)
        .raw(bytes)
        .raw(Array((4 - (bytes.length % 4)) % 4).fill(0));
    }
    if (o.tsresol !== undefined) idb.u16(9).u16(1).raw([o.tsresol, 0, 0, 0]);
    if (name || o.tsresol !== undefined) idb.u16(0).u16(0);
    out.push(...block(1, idb.bytes));
  }
  const unitsPerSecond = o.tsresol === undefined ? 1e6 : o.tsresol & 0x80 ? 2 ** (o.tsresol & 0x7f) : 10 ** o.tsresol;
  segs.forEach((s, i) => {
    const f = frame(s, link);
    const t = s.timeUs ?? 1_700_000_000_000_000 + i * 1000;
    const units = BigInt(Math.round((t / 1e6) * unitsPerSecond));
    const body = new Writer(little)
      .u32(s.iface ?? 0)
      .u32(Number(units >> 32n))
      .u32(Number(units & 0xffffffffn))
      .u32(f.length)
      .u32(f.length)
      .raw(f);
    out.push(...block(6, body.bytes));
  });
  return Uint8Array.from(out);
}

/** A complete short connection: handshake, data both ways, 4-way close. */
export function sampleConnection(a = '10.0.0.1', b = '10.0.0.2'): SegmentSpec[] {
  const c = { src: a, dst: b, sport: 40000, dport: 80 };
  const s = { src: b, dst: a, sport: 80, dport: 40000 };
  return [
    { ...c, seq: 1000, flags: 'S', mss: 1460, wscale: 7, win: 64240 },
    { ...s, seq: 5000, ack: 1001, flags: 'SA', mss: 1400, wscale: 7, win: 65160 },
    { ...c, seq: 1001, ack: 5001, flags: 'A', win: 502 },
    { ...c, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502 },
    { ...s, seq: 5001, ack: 1101, flags: 'A', win: 509 },
    { ...s, seq: 5001, ack: 1101, flags: 'PA', len: 300, win: 509 },
    { ...c, seq: 1101, ack: 5301, flags: 'A', win: 500 },
    { ...c, seq: 1101, ack: 5301, flags: 'FA', win: 500 },
    { ...s, seq: 5301, ack: 1102, flags: 'FA', win: 509 },
    { ...c, seq: 1102, ack: 5302, flags: 'A', win: 500 },
  ];
}
