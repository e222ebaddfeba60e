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
import { CaptureError } from './bytes.js';
import { delta, wrap } from './seqMath.js';

const SEGMENT = /(\S+)\.(\d+) > (\S+)\.(\d+): Flags \[([^\]]*)\](.*)$/;
const TIME = /^(?:\d{4}-\d{2}-\d{2} )?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?\s|^(\d{9,})(?:\.(\d+))?\s/;
const FLAG_CHARS: Readonly<Record<string, number>> = { S: SYN, F: FIN, R: RST, P: PSH, U: URG, E: ECE, W: CWR, '.': ACK };

/** Does this text look like tcpdump output (a segment line within its first lines)? */
export function looksLikeTcpdumpText(head: string): boolean {
  return head.split(/\r?\n/, 50).some((l) => SEGMENT.test(l));
}

interface Printed {
  readonly p: TcpPacket;
  readonly line: number;
}

export function parseTcpdumpText(text: string, report: ReadReport): TcpPacket[] {
  const printed: Printed[] = [];
  let timeUs = 0;
  let skipped = 0;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = TIME.exec(line);
    if (t) timeUs = t[5] !== undefined ? Number(t[5]) * 1e6 + fractionUs(t[6]) : (Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3])) * 1e6 + fractionUs(t[4]);
    const m = SEGMENT.exec(line);
    if (!m) {
      if (/ > .*: /.test(line) && /\bIP6?\b/.test(line)) skipped++;
      continue;
    }
    const rest = m[6]!;
    const num = (re: RegExp): number | undefined => {
      const r = re.exec(rest);
      return r ? Number(r[1]) : undefined;
    };
    const flags = flagBits(m[5]!, i + 1);
    const seq = num(/(?:^|, )seq (\d+)/);
    const mss = num(/\bmss (\d+)/);
    const wscale = num(/\bwscale (\d+)/);
    printed.push({
      line: i + 1,
      p: {
        timeUs,
        src: m[1]!,
        srcPort: Number(m[2]),
        dst: m[3]!,
        dstPort: Number(m[4]),
        seq,
        ack: num(/(?:^|, )ack (\d+)/) ?? 0,
        flags,
        win: num(/(?:^|, )win (\d+)/) ?? 0,
        len: num(/(?:^|, )length (\d+)/) ?? 0,
        ...(mss !== undefined ? { mss } : {}),
        ...(wscale !== undefined ? { wscale } : {}),
      },
    });
  }
  if (skipped > 0) report.warnings.push(`${skipped} line(s) look like IP packets but not TCP segments; left out`);
  if (printed.length === 0) throw new CaptureError('no TCP segment in the text: expected lines as tcpdump -nn prints them (… IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq …)');
  const bases = relativeBases(printed);
  return relativeNumbers(printed, bases) ? absolute(printed, bases) : printed.map((x) => x.p);
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
