/**
 * The connections of a capture read in one pass, kept as one small record each in typed arrays
 * (the address/port pair in a TupleTable, the opener, the count of segments, the first time,
 * the SYN's number): memory follows the number of connections, not of packets, and a packet
 * costs no object. The same rules as ConnectionTable (connections.ts), which reads tcpdump
 * text: a new connection for a new pair, or for a fresh SYN on a pair whose connection ended.
 * Summaries (with endpoint texts) are made only when asked for.
 */

import type { TcpPacket } from './packet.js';
import { ACK, FIN, RST, SYN } from './packet.js';
import { ipv6Text } from './decode.js';
import { matchesChoice, type ConnectionChoice, type ConnectionSet, type ConnectionSummary } from './connections.js';
import { TupleTable } from './tupleTable.js';

const OPENED = 1;
const ENDED = 2;
const HAS_SYN = 4;
/** The opener (`a`) is the first endpoint of the stored key. */
const A_FIRST = 8;
const V6 = 16;

export class ConnectionIndex implements ConnectionSet {
  /** Keys: IPv4 [first address, second address, first port << 16 | second port]; IPv6 the same with 4-word addresses. */
  readonly v4 = new TupleTable(3);
  readonly v6 = new TupleTable(9);
  count = 0;
  private entry = new Int32Array(1024);
  private state = new Uint8Array(1024);
  private segs = new Float64Array(1024);
  private first = new Float64Array(1024);
  private synSeq = new Uint32Array(1024);
  /** The connection (0-based) that had the same pair before each one, else -1. */
  private prev = new Int32Array(1024);
  /** For `{ all: true }`: connections between connection 1's two hosts. */
  private between = new Uint8Array(0);
  private keptIndex = -1;
  readonly matching: ConnectionSummary[] = [];
  readonly kept: TcpPacket[] = [];
  readonly keptBy = new Map<number, TcpPacket[]>();
  private readonly scratch = new Uint8Array(16);

  /**
   * `undefined`: list only, keep no packet. `alsoKeep`: another connection (1-based) whose
   * packets are kept too, in `keptBy` (the one the chosen connection reused the pair of).
   */
  constructor(
    private readonly choice: ConnectionChoice | undefined,
    private readonly alsoKeep = 0,
  ) {
    if (typeof choice === 'object') this.between = new Uint8Array(1024);
  }

  /**
   * A TCP segment whose pair the caller has put in `table.key` (`srcFirst`: its sender is the
   * key's first endpoint). Returns the connection's number (1-based) when its packet is to be
   * kept, else 0.
   */
  add(table: TupleTable, srcFirst: boolean, flags: number, seq: number, timeUs: number): number {
    let e = table.find();
    let c = e < 0 ? -1 : table.value(e);
    const freshSyn = (flags & (SYN | ACK)) === SYN;
    if (c < 0 || (freshSyn && this.state[c]! & ENDED && !(this.state[c]! & HAS_SYN && this.synSeq[c] === seq))) {
      const before = c;
      c = this.count++;
      if (c === this.state.length) this.grow();
      this.prev[c] = before;
      if (e < 0) e = table.insert(c);
      else table.setValue(e, c);
      this.entry[c] = e;
      const synAck = (flags & (SYN | ACK)) === (SYN | ACK);
      this.state[c] = ((synAck ? !srcFirst : srcFirst) ? A_FIRST : 0) | (flags & SYN ? OPENED : 0) | (table === this.v6 ? V6 : 0) | (freshSyn ? HAS_SYN : 0);
      this.synSeq[c] = seq;
      this.segs[c] = 0;
      this.first[c] = timeUs;
      this.chosen1(c);
    }
    const s = this.state[c]!;
    if (freshSyn && !(s & HAS_SYN)) {
      this.state[c] = s | HAS_SYN;
      this.synSeq[c] = seq;
    }
    if (flags & (FIN | RST)) this.state[c] = this.state[c]! | ENDED;
    this.segs[c] = this.segs[c]! + 1;
    return this.keeps(c) ? c + 1 : 0;
  }

  /** Are connection c's (0-based) packets kept? */
  private keeps(c: number): boolean {
    return c === this.keptIndex || c + 1 === this.alsoKeep || (this.between.length > 0 && this.between[c] === 1);
  }

  /** The connection (1-based) that had connection `index`'s pair before it, if any. */
  earlier(index: number): number | undefined {
    const p = this.prev[index - 1]!;
    return p >= 0 ? p + 1 : undefined;
  }

  /**
   * The connection (1-based) of the pair in `table.key` when its packets are kept, else 0. Looks
   * up only: an ICMP message about a segment is no segment, and starts no connection.
   */
  find(table: TupleTable): number {
    const e = table.find();
    const c = e < 0 ? -1 : table.value(e);
    return c >= 0 && this.keeps(c) ? c + 1 : 0;
  }

  /** Keeps a packet of connection `n` (as `add` returned it). */
  keep(n: number, p: TcpPacket): void {
    if (n - 1 === this.keptIndex) this.kept.push(p);
    if (typeof this.choice !== 'object' && n !== this.alsoKeep) return;
    const list = this.keptBy.get(n);
    if (list) list.push(p);
    else this.keptBy.set(n, [p]);
  }

  get chosen(): ConnectionSummary | undefined {
    return this.keptIndex < 0 ? undefined : this.summary(this.keptIndex + 1);
  }

  /** Connection `index` (1-based) as it stands now. */
  summary(index: number): ConnectionSummary {
    const c = index - 1;
    const s = this.state[c]!;
    const v6 = (s & V6) !== 0;
    const table = v6 ? this.v6 : this.v4;
    const e = this.entry[c]!;
    const words = v6 ? 4 : 1;
    const one = this.endpoint(table, e, 0, words, v6);
    const two = this.endpoint(table, e, words, words, v6);
    const aFirst = (s & A_FIRST) !== 0;
    return { index, a: aFirst ? one : two, b: aFirst ? two : one, segments: this.segs[c]!, firstTimeUs: this.first[c]!, opened: (s & OPENED) !== 0 };
  }

  /** Is the new connection c the chosen one, or (`all`) between connection 1's hosts? */
  private chosen1(c: number): void {
    const choice = this.choice;
    if (choice === undefined) return;
    if (typeof choice === 'object') {
      if (c === 0) this.keptIndex = 0;
      this.between[c] = c === 0 || this.sameHosts(c, 0) ? 1 : 0;
      if (c === 0) this.matching.push(this.summary(1));
      return;
    }
    const hit = typeof choice === 'number' ? c + 1 === choice : matchesChoice(this.summary(c + 1), choice);
    if (!hit) return;
    this.matching.push(this.summary(c + 1));
    if (this.keptIndex < 0) this.keptIndex = c;
  }

  /** Do connections c and d join the same two addresses (in either order)? */
  private sameHosts(c: number, d: number): boolean {
    const v6 = this.state[c]! & V6;
    if (v6 !== (this.state[d]! & V6)) return false;
    const t = v6 ? this.v6 : this.v4;
    const w = v6 ? 4 : 1;
    const ec = this.entry[c]!;
    const ed = this.entry[d]!;
    const same = (x: number, y: number): boolean => {
      for (let k = 0; k < w; k++) if (t.word(ec, x + k) !== t.word(ed, y + k)) return false;
      return true;
    };
    return (same(0, 0) && same(w, w)) || (same(0, w) && same(w, 0));
  }

  private endpoint(t: TupleTable, e: number, from: number, words: number, v6: boolean): string {
    const ports = t.word(e, 2 * words);
    const port = from === 0 ? ports >>> 16 : ports & 0xffff;
    if (!v6) {
      const a = t.word(e, from);
      return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}:${port}`;
    }
    const b = this.scratch;
    for (let k = 0; k < 4; k++) {
      const w = t.word(e, from + k);
      b[4 * k] = w >>> 24;
      b[4 * k + 1] = (w >>> 16) & 255;
      b[4 * k + 2] = (w >>> 8) & 255;
      b[4 * k + 3] = w & 255;
    }
    return `[${ipv6Text(b, 0)}]:${port}`;
  }

  private grow(): void {
    const n = this.state.length * 2;
    const more = <T extends Int32Array | Uint8Array | Float64Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.entry = more(this.entry, (k) => new Int32Array(k));
    this.state = more(this.state, (k) => new Uint8Array(k));
    this.segs = more(this.segs, (k) => new Float64Array(k));
    this.first = more(this.first, (k) => new Float64Array(k));
    this.synSeq = more(this.synSeq, (k) => new Uint32Array(k));
    this.prev = more(this.prev, (k) => new Int32Array(k));
    if (this.between.length > 0) this.between = more(this.between, (k) => new Uint8Array(k));
  }
}
