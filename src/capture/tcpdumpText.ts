/**
 * The text `tcpdump -nn` and `tcpdump -nn -S` print, pasted into a file: one segment per line
 * (`12:00:00.000001 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq 1, win 64240, options
 * [mss 1460,wscale 7], length 0`), IPv4 and IPv6, with or without `-v`, `-e`, `-i any`.
 *
 * Without `-S`, tcpdump prints numbers relative to each direction's first number once a
 * conversation has seen an ACK (print-tcp.c): the first ACK-bearing segment (and every SYN+ACK)
 * is absolute and sets the bases, later ones are relative. Which of the two the text is gets
 * decided from the numbers themselves, so both paste the same way.
 */

import { ACK, FIN, PSH, RST, SYN, URG, ECE, CWR, type TcpPacket } from './packet.js';
import type { ReadReport } from './frame.js';
import { CaptureError, MAX_RECORD } from './bytes.js';
import { delta, wrap } from './seqMath.js';

/** An address as tcpdump -nn prints it: IPv4 dotted, or IPv6 (with a zone). */
const ADDRESS = /^(?:[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[\w.-]+)?)$/;
const TIME = /^(?:\d{4}-\d{2}-\d{2} )?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?\s|^(\d{9,})(?:\.(\d+))?\s/;
/** `-i any` prints the interface and the direction after the time: `eth0  Out IP …`. */
const IFACE = /^(\S{1,32})\s+(?:In|Out|M|B|P)\s+IP6?\s/;
const FLAG_CHARS: Readonly<Record<string, number>> = { S: SYN, F: FIN, R: RST, P: PSH, U: URG, E: ECE, W: CWR, '.': ACK };

const U32 = 0xffff_ffff;
/**
 * The longest `length` read as it is: more than any captured packet holds (tcpdump's largest
 * snapshot length, and past an IPv4 packet's 65,535 octets and Linux's BIG TCP offload bursts).
 */
const MAX_LENGTH = MAX_RECORD;
/** Seconds since 1970 with more digits than this (past the year 5000) are no clock's. */
const MAX_EPOCH_DIGITS = 11;

interface SegmentText {
  readonly src: string;
  readonly srcPort: number;
  readonly dst: string;
  readonly dstPort: number;
  readonly flags: string;
  readonly rest: string;
}

/**
 * `SRC.PORT > DST.PORT: Flags [..]…` found with indexOf and slices, in time linear in the line
 * (a regex with `\S+\.` backtracks over a long line of dots and digits). Undefined when the line
 * holds no segment; `'bad-address'` when its addresses are not numeric.
 */
function segmentOf(line: string): SegmentText | 'bad-address' | undefined {
  const at = line.indexOf(': Flags [');
  if (at < 0) return undefined;
  const close = line.indexOf(']', at + 9);
  if (close < 0) return undefined;
  const gt = line.lastIndexOf(' > ', at);
  if (gt < 0) return undefined;
  const dst = endpointOf(line.slice(gt + 3, at));
  let start = gt;
  while (start > 0 && !/\s/.test(line[start - 1]!)) start--;
  const src = endpointOf(line.slice(start, gt));
  if (!dst || !src) return undefined;
  if (!ADDRESS.test(src[0]) || !ADDRESS.test(dst[0])) return 'bad-address';
  return { src: src[0], srcPort: src[1], dst: dst[0], dstPort: dst[1], flags: line.slice(at + 9, close), rest: line.slice(close + 1) };
}

/** `10.0.0.1.80` → ['10.0.0.1', 80]; undefined unless it is one word ending in `.PORT`. */
function endpointOf(word: string): [string, number] | undefined {
  const dot = word.lastIndexOf('.');
  if (dot <= 0 || /\s/.test(word)) return undefined;
  const port = word.slice(dot + 1);
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) return undefined;
  return [word.slice(0, dot), Number(port)];
}

interface Printed {
  readonly p: TcpPacket;
  readonly line: number;
}

export function parseTcpdumpText(text: string, report: ReadReport): TcpPacket[] {
  const printed: Printed[] = [];
  let timeUs = 0;
  let skipped = 0;
  let badAddress: number | undefined;
  let badTime: { line: number; digits: number } | undefined;
  let badNumber: { line: number; what: string } | undefined;
  let badNumbers = 0;
  let longLine: { line: number; len: number } | undefined;
  let iface: number | undefined;
  const ifaceIndex = new Map<string, number>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = TIME.exec(line);
    if (t && t[5] !== undefined && t[5].length > MAX_EPOCH_DIGITS) {
      badTime ??= { line: i + 1, digits: t[5].length };
    } else if (t) {
      timeUs = t[5] !== undefined ? Number(t[5]) * 1e6 + fractionUs(t[6]) : (Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3])) * 1e6 + fractionUs(t[4]);
    }
    if (t) iface = interfaceOf(IFACE.exec(line.slice(t[0].length))?.[1], ifaceIndex, report);
    const m = segmentOf(line);
    if (m === 'bad-address') {
      badAddress ??= i + 1;
      continue;
    }
    if (!m) {
      const gt = line.indexOf(' > ');
      if (gt >= 0 && line.indexOf(': ', gt) >= 0 && /\bIP6?\b/.test(line)) skipped++;
      continue;
    }
    const rest = m.rest;
    let outOfRange: string | undefined;
    /** A field's number, if the line has it; one beyond what its header field holds is noted. */
    const num = (re: RegExp, max: number, name: string): number | undefined => {
      const r = re.exec(rest);
      if (!r) return undefined;
      const v = Number(r[1]);
      if (v > max) outOfRange ??= `${name} ${r[1]!.length > 20 ? `${r[1]!.slice(0, 20)}…` : r[1]}`;
      return v;
    };
    const flags = flagBits(m.flags, i + 1);
    const seq = num(/(?:^|, )seq (\d+)/, U32, 'seq');
    const ack = num(/(?:^|, )ack (\d+)/, U32, 'ack') ?? 0;
    const win = num(/(?:^|, )win (\d+)/, 0xffff, 'win') ?? 0;
    const mss = num(/\bmss (\d+)/, 0xffff, 'mss');
    const wscale = num(/\bwscale (\d+)/, 0xff, 'wscale');
    const tsVal = num(/\bTS val (\d+)/, U32, 'TS val');
    const tsEcr = num(/\bTS val \d+ ecr (\d+)/, U32, 'ecr');
    const sack = sackBlocks(rest);
    if (sack?.some(([l, r]) => l > U32 || r > U32)) outOfRange ??= 'a sack block';
    let len = num(/(?:^|, )length (\d+)/, Infinity, 'length') ?? 0;
    if (outOfRange !== undefined) {
      // Not something tcpdump prints: a header field cannot hold it.
      badNumber ??= { line: i + 1, what: outOfRange };
      badNumbers++;
      continue;
    }
    if (len > MAX_LENGTH) {
      longLine ??= { line: i + 1, len };
      len = MAX_LENGTH;
    }
    const tfo = /\btfo\s+cookiereq\b/.test(rest) ? '' : /\btfo\s+cookie ([0-9a-f]+)/.exec(rest)?.[1];
    printed.push({
      line: i + 1,
      p: {
        timeUs,
        src: m.src,
        srcPort: m.srcPort,
        dst: m.dst,
        dstPort: m.dstPort,
        seq,
        ack,
        flags,
        win,
        len,
        ...(mss !== undefined ? { mss } : {}),
        ...(wscale !== undefined ? { wscale } : {}),
        ...(/[[,]sackOK\b/.test(rest) ? { sackOk: true } : {}),
        ...(sack ? { sack } : {}),
        ...(tsVal !== undefined ? { ts: [tsVal, tsEcr ?? 0] as const } : {}),
        ...(tfo !== undefined ? { tfo } : {}),
        record: i + 1,
        ...(iface !== undefined ? { iface } : {}),
      },
    });
  }
  if (badTime)
    report.warnings.push(`line ${badTime.line}: a timestamp of ${badTime.digits} digits is no time tcpdump prints; the line keeps the time of the line before`);
  if (badNumber) {
    report.warnings.push(
      `line ${badNumber.line}: ${badNumber.what} is more than its TCP header field holds, so it is no segment tcpdump printed; left out${badNumbers > 1 ? ` (with ${badNumbers - 1} more such line(s))` : ''}`,
    );
  }
  if (longLine) {
    report.warnings.push(
      `line ${longLine.line}: length ${longLine.len} is more than any captured packet holds; read as ${MAX_LENGTH} (and so is every longer one)`,
    );
  }
  if (badAddress !== undefined)
    report.warnings.push(`line ${badAddress}: a segment whose addresses are names, not numbers, left out (print them with tcpdump -nn)`);
  if (skipped > 0) report.warnings.push(`${skipped} line(s) look like IP packets but not TCP segments; left out`);
  if (text.trim() === '') throw new CaptureError('the file is empty');
  if (printed.length === 0)
    throw new CaptureError('no TCP segment in the text: expected lines as tcpdump -nn prints them (… IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq …)');
  const bases = relativeBases(printed);
  return relativeNumbers(printed, bases) ? absolute(printed, bases) : printed.map((x) => x.p);
}

/** The index of an interface named in the text (first seen, first numbered), registered in the report. */
function interfaceOf(name: string | undefined, known: Map<string, number>, report: ReadReport): number | undefined {
  if (name === undefined) return undefined;
  let index = known.get(name);
  if (index === undefined) {
    index = known.size;
    known.set(name, index);
    (report.interfaces ??= []).push({ index, linkType: -1, name: name.replace(/[^\x21-\x7e]|["\\]/g, '?') });
  }
  return index;
}

/** `sack 2 {1001:2001}{3001:4001}` as tcpdump prints it (numbers as printed). */
function sackBlocks(rest: string): [number, number][] | undefined {
  const at = rest.indexOf('sack ');
  if (at < 0) return undefined;
  const blocks: [number, number][] = [];
  const re = /\{(\d+):(\d+)\}/y;
  re.lastIndex = rest.indexOf('{', at);
  if (re.lastIndex < 0) return undefined;
  for (let m = re.exec(rest); m; m = re.exec(rest)) blocks.push([Number(m[1]), Number(m[2])]);
  return blocks.length > 0 ? blocks : undefined;
}

function fractionUs(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(`0.${digits}`) * 1e6;
}

function flagBits(text: string, line: number): number {
  if (text === 'none') return 0;
  let bits = 0;
  for (const c of text) {
    const b = FLAG_CHARS[c];
    if (b === undefined) throw new CaptureError(`line ${line}: unknown TCP flag '${c}' in Flags [${text}]`);
    bits |= b;
  }
  return bits;
}

const key = (p: TcpPacket): string => `${p.src}.${p.srcPort}>${p.dst}.${p.dstPort}`;
const reverseKey = (p: TcpPacket): string => `${p.dst}.${p.dstPort}>${p.src}.${p.srcPort}`;

interface Bases {
  readonly seq: number;
  readonly ack: number;
}

/**
 * tcpdump's relative numbering replayed (print-tcp.c): for each segment it would print
 * relative, the bases of its seq and ack; undefined for those it prints as they are (no ACK,
 * a SYN+ACK, the first ACK-bearing segment of a conversation, which sets the bases).
 */
function relativeBases(printed: readonly Printed[]): (Bases | undefined)[] {
  const bases = new Map<string, number>();
  return printed.map(({ p }) => {
    if (!(p.flags & ACK)) return undefined;
    const seq = bases.get(key(p));
    if (seq === undefined || p.flags & SYN) {
      bases.set(key(p), p.seq ?? 0); // a pure ACK's number is not printed: its direction stays relative to 0
      bases.set(reverseKey(p), wrap(p.ack - 1));
      return undefined;
    }
    return { seq, ack: bases.get(reverseKey(p))! };
  });
}

/**
 * Which reading is plausible: printed relative numbers are small while the bases are not;
 * absolute ones stay near their direction's base.
 */
function relativeNumbers(printed: readonly Printed[], bases: readonly (Bases | undefined)[]): boolean {
  let relative = 0;
  let absoluteVotes = 0;
  const vote = (printedValue: number, base: number): void => {
    const asAbsolute = Math.abs(delta(printedValue, base));
    const asRelative = Math.abs(delta(printedValue, 0));
    if (asAbsolute < asRelative) absoluteVotes++;
    else if (asRelative < asAbsolute) relative++;
  };
  printed.forEach(({ p }, i) => {
    const b = bases[i];
    if (!b) return;
    if (p.seq !== undefined) vote(p.seq, b.seq);
    vote(p.ack, b.ack);
  });
  return relative > absoluteVotes;
}

function absolute(printed: readonly Printed[], bases: readonly (Bases | undefined)[]): TcpPacket[] {
  return printed.map(({ p }, i) => {
    const b = bases[i];
    return b ? { ...p, seq: p.seq === undefined ? undefined : wrap(p.seq + b.seq), ack: wrap(p.ack + b.ack) } : p;
  });
}
