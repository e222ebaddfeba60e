/**
 * Sorting segments into connections: one per address/port pair, and a new one when a fresh SYN
 * reuses the pair of a connection that has ended. Only the chosen connection's segments are
 * kept. This table reads tcpdump text (packets already parsed); pcap and pcapng go through
 * ConnectionIndex (connectionIndex.ts), the same rules without an object per packet.
 */

import { endpointText, FIN, RST, SYN, ACK, type TcpPacket } from './packet.js';

export interface ConnectionSummary {
  /** 1-based, in order of first appearance. */
  readonly index: number;
  /** The endpoint that opened it (the first SYN's sender), else the first segment's sender. */
  readonly a: string;
  readonly b: string;
  segments: number;
  readonly firstTimeUs: number;
  readonly opened: boolean;
}

/**
 * Which connection to keep: a 1-based number, or an `address:port` (or port) one endpoint has;
 * `{ all: true }` keeps every connection.
 */
export type ConnectionChoice = number | string | { readonly all: true };

/** The connections of a capture once read, as importCapture uses them. */
export interface ConnectionSet {
  /** How many connections. */
  readonly count: number;
  /** Connection `index` (1-based). */
  summary(index: number): ConnectionSummary;
  readonly chosen: ConnectionSummary | undefined;
  /** Every connection an endpoint choice matches (the first is the one kept). */
  readonly matching: readonly ConnectionSummary[];
  /** The chosen connection's segments. */
  readonly kept: readonly TcpPacket[];
  /**
   * With `{ all: true }`: the segments of the connections between connection 1's two hosts (and
   * maybe others), by number; else those of the connection asked for as `alsoKeep`.
   */
  readonly keptBy: ReadonlyMap<number, readonly TcpPacket[]>;
  /** The connection (1-based) that had connection `index`'s address/port pair before it, if any. */
  earlier(index: number): number | undefined;
}

/** Does a connection have the endpoint the user chose (`10.0.0.1:80`, `[::1]:80`, `::1:80`, or a port)? */
export function matchesChoice(s: ConnectionSummary, want: string): boolean {
  const hit = (e: string): boolean => e === want || e.endsWith(`:${want}`) || e.replace(/^\[|\](?=:)/g, '') === want;
  return hit(s.a) || hit(s.b);
}

interface Live {
  readonly summary: ConnectionSummary;
  synSeq: number | undefined;
  ended: boolean;
}

export class ConnectionTable implements ConnectionSet {
  private readonly live = new Map<string, Live>();
  readonly list: ConnectionSummary[] = [];
  readonly kept: TcpPacket[] = [];
  /** With `{ all: true }`: every connection's segments, by its number. */
  readonly keptBy = new Map<number, TcpPacket[]>();
  /** Every connection an endpoint choice matches (the first is the one kept). */
  readonly matching: ConnectionSummary[] = [];
  private keptIndex: number | undefined;
  private readonly before: (number | undefined)[] = [];

  constructor(
    private readonly choice: ConnectionChoice,
    private readonly alsoKeep = 0,
  ) {}

  add(p: TcpPacket): void {
    const from = endpointText(p.src, p.srcPort);
    const to = endpointText(p.dst, p.dstPort);
    const pair = from < to ? `${from} ${to}` : `${to} ${from}`;
    let c = this.live.get(pair);
    const freshSyn = (p.flags & (SYN | ACK)) === SYN;
    if (!c || (freshSyn && c.ended && c.synSeq !== p.seq)) {
      const opener = (p.flags & (SYN | ACK)) === (SYN | ACK) ? [to, from] : [from, to];
      const summary: ConnectionSummary = {
        index: this.list.length + 1,
        a: opener[0]!,
        b: opener[1]!,
        segments: 0,
        firstTimeUs: p.timeUs,
        opened: (p.flags & SYN) !== 0,
      };
      this.before.push(c?.summary.index);
      c = { summary, synSeq: freshSyn ? p.seq : undefined, ended: false };
      this.live.set(pair, c);
      this.list.push(summary);
      if (this.matches(summary)) {
        this.matching.push(summary);
        this.keptIndex ??= summary.index;
      }
    }
    if (freshSyn && c.synSeq === undefined) c.synSeq = p.seq;
    if (p.flags & (FIN | RST)) c.ended = true;
    c.summary.segments++;
    if (c.summary.index === this.keptIndex) this.kept.push(p);
    if (typeof this.choice === 'object' || c.summary.index === this.alsoKeep) {
      const list = this.keptBy.get(c.summary.index);
      if (list) list.push(p);
      else this.keptBy.set(c.summary.index, [p]);
    }
  }

  get count(): number {
    return this.list.length;
  }

  summary(index: number): ConnectionSummary {
    return this.list[index - 1]!;
  }

  earlier(index: number): number | undefined {
    return this.before[index - 1];
  }

  /** The chosen connection, once every segment has been added. */
  get chosen(): ConnectionSummary | undefined {
    return this.keptIndex === undefined ? undefined : this.list[this.keptIndex - 1];
  }

  private matches(s: ConnectionSummary): boolean {
    if (typeof this.choice === 'object') return s.index === 1;
    if (typeof this.choice === 'number') return s.index === this.choice;
    return matchesChoice(s, this.choice);
  }
}

/** Parses the `--connection` value: a positive number, an endpoint, or `all`. */
export function parseChoice(text: string): ConnectionChoice | undefined {
  if (text === 'all') return { all: true };
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    // Small numbers are connection numbers; a bare port must be written as :PORT.
    return n >= 1 ? n : undefined;
  }
  if (/^:\d+$/.test(text)) return text.slice(1);
  if (/^(\[[0-9a-fA-F:.]+\]|[0-9.]+|[0-9a-fA-F:]+):\d+$/.test(text)) return text;
  return undefined;
}
