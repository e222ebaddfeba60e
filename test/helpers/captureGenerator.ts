/**
 * Big captures for growth tests and the import bench, written straight into byte buffers (the
 * byte-by-byte builder in captureBuilder.ts is for small hand-made files): Ethernet, IPv4, TCP
 * with MSS and window-scale options on SYNs, payload bytes of 'a'. Little-endian pcap, µs.
 */

const FLAG_BITS: Record<string, number> = { F: 1, S: 2, R: 4, P: 8, A: 16 };

export interface GenSegment {
  /** IPv4 addresses as 32-bit numbers. */
  readonly src: number;
  readonly dst: number;
  readonly sport: number;
  readonly dport: number;
  readonly seq: number;
  readonly ack: number;
  readonly flags: string;
  readonly len: number;
  readonly win: number;
  readonly timeUs: number;
  readonly mss?: number;
  readonly wscale?: number;
}

/** Writes pcap records into a buffer that is handed to `flush` whenever it holds `chunk` bytes. */
export class PcapWriter {
  private buf: Uint8Array;
  private view: DataView;
  private at = 0;
  /** Bytes written so far, header included. */
  total = 0;
  packets = 0;

  constructor(
    private readonly flush: (bytes: Uint8Array) => void,
    private readonly chunk = 4 << 20,
  ) {
    this.buf = new Uint8Array(chunk + 70_000);
    this.view = new DataView(this.buf.buffer);
    const v = this.view;
    v.setUint32(0, 0xa1b2c3d4, true);
    v.setUint16(4, 2, true);
    v.setUint16(6, 4, true);
    v.setUint32(16, 262144, true);
    v.setUint32(20, 1, true); // Ethernet
    this.at = 24;
  }

  segment(s: GenSegment): void {
    const opts = (s.mss !== undefined ? 4 : 0) + (s.wscale !== undefined ? 4 : 0);
    const tcpLen = 20 + opts;
    const frameLen = 14 + 20 + tcpLen + s.len;
    const v = this.view;
    const b = this.buf;
    let p = this.at;
    const sec = Math.floor(s.timeUs / 1e6);
    v.setUint32(p, sec, true);
    v.setUint32(p + 4, s.timeUs - sec * 1e6, true);
    v.setUint32(p + 8, frameLen, true);
    v.setUint32(p + 12, frameLen, true);
    p += 16;
    b.fill(2, p, p + 12);
    v.setUint16(p + 12, 0x0800);
    p += 14;
    v.setUint32(p, 0x4500_0000 | (20 + tcpLen + s.len));
    v.setUint32(p + 4, 0x0000_4000);
    v.setUint32(p + 8, 0x4006_0000);
    v.setUint32(p + 12, s.src >>> 0);
    v.setUint32(p + 16, s.dst >>> 0);
    p += 20;
    v.setUint16(p, s.sport);
    v.setUint16(p + 2, s.dport);
    v.setUint32(p + 4, s.seq >>> 0);
    v.setUint32(p + 8, s.ack >>> 0);
    let flags = 0;
    for (const c of s.flags) flags |= FLAG_BITS[c]!;
    v.setUint16(p + 12, ((tcpLen / 4) << 12) | flags);
    v.setUint16(p + 14, s.win);
    v.setUint32(p + 16, 0);
    p += 20;
    if (s.mss !== undefined) {
      v.setUint32(p, 0x0204_0000 | s.mss);
      p += 4;
    }
    if (s.wscale !== undefined) {
      v.setUint32(p, 0x0103_0300 | s.wscale);
      p += 4;
    }
    b.fill(0x61, p, p + s.len);
    p += s.len;
    this.total += p - this.at;
    this.at = p;
    this.packets++;
    if (this.at >= this.chunk) this.drain();
  }

  /** Hands on what is buffered. */
  end(): void {
    this.drain();
  }

  private drain(): void {
    if (this.at === 0) return;
    this.flush(this.buf.slice(0, this.at));
    this.at = 0;
  }
}

/** A whole capture in one array. */
export function pcapBytes(write: (w: PcapWriter) => void): Uint8Array {
  const parts: Uint8Array[] = [];
  const w = new PcapWriter((b) => parts.push(b));
  write(w);
  w.end();
  const out = new Uint8Array(w.total + 24);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const BASE_US = 1_700_000_000_000_000;
const ip = (a: number, b: number, c: number, d: number): number => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

/** One connection of `n` segments: a handshake, data of `len` octets with an ACK every third, a close. */
export function longConnection(w: PcapWriter, n: number, len = 10): void {
  const A = { src: ip(10, 0, 0, 1), dst: ip(10, 0, 0, 2), sport: 40000, dport: 9000 };
  const B = { src: ip(10, 0, 0, 2), dst: ip(10, 0, 0, 1), sport: 9000, dport: 40000 };
  let t = BASE_US;
  const next = (): number => (t += 10);
  w.segment({ ...A, seq: 1000, ack: 0, flags: 'S', len: 0, win: 64240, mss: 1460, wscale: 7, timeUs: next() });
  w.segment({ ...B, seq: 5000, ack: 1001, flags: 'SA', len: 0, win: 65160, mss: 1460, wscale: 7, timeUs: next() });
  w.segment({ ...A, seq: 1001, ack: 5001, flags: 'A', len: 0, win: 502, timeUs: next() });
  let seq = 1001;
  let count = 3;
  while (count < n - 3) {
    w.segment({ ...A, seq, ack: 5001, flags: 'PA', len, win: 502, timeUs: next() });
    seq += len;
    count++;
    if (count % 3 === 1 && count < n - 3) {
      w.segment({ ...B, seq: 5001, ack: seq, flags: 'A', len: 0, win: 509, timeUs: next() });
      count++;
    }
  }
  w.segment({ ...A, seq, ack: 5001, flags: 'FA', len: 0, win: 502, timeUs: next() });
  w.segment({ ...B, seq: 5001, ack: seq + 1, flags: 'FA', len: 0, win: 509, timeUs: next() });
  w.segment({ ...A, seq: seq + 1, ack: 5002, flags: 'A', len: 0, win: 502, timeUs: next() });
}

/** The client end of the k-th short connection (1-based): its address and port. */
export function shortClient(k: number): { address: string; port: number } {
  const i = k - 1;
  return { address: `10.${1 + ((i >> 16) & 0x3f)}.${(i >> 8) & 0xff}.${i & 0xff}`, port: 1024 + (i % 50_000) };
}

/**
 * `count` short connections of ten segments each (handshake, a request and an answer of 10
 * octets, their ACKs, the close) from different clients to 10.255.0.1:80, eight at a time
 * interleaved segment by segment, numbered in order of their SYNs.
 */
export function shortConnections(w: PcapWriter, count: number): void {
  const server = ip(10, 255, 0, 1);
  let t = BASE_US;
  // One object reused for every segment (a generator of millions of segments makes no garbage).
  const seg = {
    src: 0,
    dst: 0,
    sport: 0,
    dport: 0,
    seq: 0,
    ack: 0,
    flags: 'S',
    len: 0,
    win: 0,
    timeUs: 0,
    mss: undefined as number | undefined,
    wscale: undefined as number | undefined,
  };
  for (let first = 1; first <= count; first += 8) {
    const group = Math.min(8, count - first + 1);
    for (let step = 0; step < 10; step++) {
      for (let g = 0; g < group; g++) {
        const k = first + g;
        const i = k - 1;
        const client = ip(10, 1 + ((i >> 16) & 0x3f), (i >> 8) & 0xff, i & 0xff);
        const port = 1024 + (i % 50_000);
        const x = (k * 7919) >>> 0;
        const y = (k * 104729) >>> 0;
        // client → server on steps 0, 2, 3, 6, 7, 9; server → client on 1, 4, 5, 8
        const fromClient = step === 0 || step === 2 || step === 3 || step === 6 || step === 7 || step === 9;
        seg.src = fromClient ? client : server;
        seg.dst = fromClient ? server : client;
        seg.sport = fromClient ? port : 80;
        seg.dport = fromClient ? 80 : port;
        seg.timeUs = t += 3;
        seg.len = step === 3 || step === 5 ? 10 : 0;
        seg.mss = step < 2 ? 1460 : undefined;
        seg.wscale = step < 2 ? 7 : undefined;
        seg.win = step === 0 ? 64240 : step === 1 ? 65160 : fromClient ? 502 : 509;
        const [sq, ak, fl] = SHORT_STEPS[step]!;
        seg.seq = ((fromClient ? x : y) + sq) >>> 0;
        seg.ack = ak < 0 ? 0 : ((fromClient ? y : x) + ak) >>> 0;
        seg.flags = fl;
        w.segment(seg);
      }
    }
  }
}

/** Each step of a short connection: seq and ack past the sender's and the peer's ISN (-1: no ack), flags. */
const SHORT_STEPS: readonly (readonly [number, number, string])[] = [
  [0, -1, 'S'],
  [0, 1, 'SA'],
  [1, 1, 'A'],
  [1, 1, 'PA'],
  [1, 11, 'A'],
  [1, 11, 'PA'],
  [11, 11, 'A'],
  [11, 11, 'FA'],
  [11, 12, 'FA'],
  [12, 12, 'A'],
];
