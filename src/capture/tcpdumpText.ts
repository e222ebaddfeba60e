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
  return relativeNumbers(printed) ? absolute(printed) : printed.map((x) => x.p);
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

const MOD = 0x1_0000_0000;
const dist = (a: number, b: number): number => {
  const d = (((a - b) % MOD) + MOD) % MOD;
  return Math.min(d, MOD - d);
};
const key = (p: TcpPacket): string => `${p.src}.${p.srcPort}>${p.dst}.${p.dstPort}`;
const reverseKey = (p: TcpPacket): string => `${p.dst}.${p.dstPort}>${p.src}.${p.srcPort}`;

/**
 * Replays tcpdump's relative numbering and asks which reading is plausible: printed relative
 * numbers are small while the bases are not; absolute ones stay near their direction's base.
 */
function relativeNumbers(printed: readonly Printed[]): boolean {
  const bases = new Map<string, number>();
  let relative = 0;
  let absoluteVotes = 0;
  for (const { p } of printed) {
    if (!(p.flags & ACK)) continue;
    const base = bases.get(key(p));
    if (base === undefined || p.flags & SYN) {
      bases.set(key(p), p.seq ?? 0); // a pure ACK's number is not printed: its direction stays relative to 0
      bases.set(reverseKey(p), (p.ack - 1 + MOD) % MOD);
      continue;
    }
    const otherBase = bases.get(reverseKey(p));
    // Read as absolute, a number lies near its direction's base; read as relative, near zero.
    const vote = (printedValue: number, b: number): void => {
      const asAbsolute = dist(printedValue, b);
      const asRelative = dist(printedValue, 0);
      if (asAbsolute < asRelative) absoluteVotes++;
      else if (asRelative < asAbsolute) relative++;
    };
    if (p.seq !== undefined) vote(p.seq, base);
    if (otherBase !== undefined) vote(p.ack, otherBase);
  }
  return relative > absoluteVotes;
}

function absolute(printed: readonly Printed[]): TcpPacket[] {
  const bases = new Map<string, number>();
  return printed.map(({ p }) => {
    if (!(p.flags & ACK)) return p;
    const base = bases.get(key(p));
    if (base === undefined || p.flags & SYN) {
      bases.set(key(p), p.seq ?? 0); // a pure ACK's number is not printed: its direction stays relative to 0
      bases.set(reverseKey(p), (p.ack - 1 + MOD) % MOD);
      return p;
    }
    const otherBase = bases.get(reverseKey(p)) ?? 0;
    return { ...p, seq: p.seq === undefined ? undefined : (p.seq + base) % MOD, ack: (p.ack + otherBase) % MOD };
  });
}
