/**
 * One kernel segment against one line of the flow: which fields differ (flags, seq, ack, the
 * data, the window and options where the flow writes them), each value in the flow's terms,
 * and the kernel's segment written as a flow line.
 */

import { FLAG_ORDER, segmentFields, segmentLine, type Flag, type SegmentInfo, type SegmentStmt } from '../core/index.js';
import type { TcpPacket } from '../capture/packet.js';
import type { Numbers } from './numbers.js';
import { fieldOf } from './plan.js';

export interface Difference {
  readonly field: string;
  /** What the flow says, as written. */
  readonly flow: string;
  /** What the kernel sent, in the flow's terms. */
  readonly kernel: string;
}

export type KernelPacket = TcpPacket & { readonly payload: Uint8Array };

const BITS: Readonly<Record<Flag, number>> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 };

export function flagBits(flags: Iterable<Flag>): number {
  let b = 0;
  for (const f of flags) b |= BITS[f];
  return b;
}

export function flagNames(bits: number): Flag[] {
  return FLAG_ORDER.filter((f) => (bits & BITS[f]) !== 0);
}

/** The bytes a line's data stands for: its text, or `len=` octets of filler. */
export function payloadOf(info: SegmentInfo): Uint8Array {
  const p = info.sent.payload;
  if (p !== undefined) return new TextEncoder().encode(p);
  return new Uint8Array(info.sent.dataLen).fill(0x2e); // '.'
}

export interface Judged {
  readonly differences: readonly Difference[];
}

/**
 * The differences between what the line says the kernel sends and what it sent. Bases the kernel
 * has not shown yet are not compared (they are learned from this segment when it is taken).
 */
export function compare(
  p: KernelPacket,
  stmt: SegmentStmt,
  info: SegmentInfo,
  n: Numbers,
  uses: { ts: boolean; sack: boolean; wscale: boolean },
): Difference[] {
  const d: Difference[] = [];
  const sent = info.sent;
  const want = flagBits(sent.flags);
  if (want !== p.flags) d.push({ field: 'flags', flow: flagNames(want).join(' ') || '(none)', kernel: flagNames(p.flags).join(' ') || '(none)' });
  const seq = n.value('kernel', sent.seq);
  if (seq !== undefined && !sent.seq.base.startsWith('?') && seq !== p.seq)
    d.push({ field: 'seq', flow: n.express('kernel', sent.seq, seq), kernel: n.express('kernel', sent.seq, p.seq ?? 0) });
  if (sent.ack && (p.flags & BITS.ACK) !== 0 && !sent.ack.base.startsWith('?')) {
    const ack = n.value('tcpflow', sent.ack);
    if (ack !== undefined && ack !== p.ack) d.push({ field: 'ack', flow: n.express('tcpflow', sent.ack, ack), kernel: n.express('tcpflow', sent.ack, p.ack) });
  }
  if (sent.dataLen !== p.len) d.push({ field: 'len', flow: String(sent.dataLen), kernel: String(p.len) });
  else if (sent.payload !== undefined && Buffer.compare(Buffer.from(payloadOf(info)), Buffer.from(p.payload)) !== 0) {
    d.push({ field: 'data', flow: JSON.stringify(sent.payload), kernel: JSON.stringify(Buffer.from(p.payload).toString('utf8')) });
  }
  const win = fieldOf(stmt, 'win')?.value;
  if (win && !win.symbol && win.offset !== p.win) d.push({ field: 'win', flow: String(win.offset), kernel: String(p.win) });
  const mss = fieldOf(stmt, 'mss')?.value;
  if (mss && !mss.symbol && mss.offset !== p.mss) d.push({ field: 'mss', flow: String(mss.offset), kernel: p.mss === undefined ? '(none)' : String(p.mss) });
  const ws = fieldOf(stmt, 'wscale')?.value;
  if (ws && !ws.symbol && ws.offset !== p.wscale)
    d.push({ field: 'wscale', flow: String(ws.offset), kernel: p.wscale === undefined ? '(none)' : String(p.wscale) });
  else if (!ws && uses.wscale && p.wscale !== undefined) d.push({ field: 'wscale', flow: '(none)', kernel: String(p.wscale) });
  const sackOk = !!fieldOf(stmt, 'sackOK');
  if (uses.sack && sackOk !== !!p.sackOk) d.push({ field: 'sackOK', flow: sackOk ? 'sackOK' : '(none)', kernel: p.sackOk ? 'sackOK' : '(none)' });
  const sack = fieldOf(stmt, 'sack');
  if (uses.sack && (sack?.blocks?.length ?? 0) !== (p.sack?.length ?? 0))
    d.push({ field: 'sack', flow: sack ? stmtText(stmt, 'sack') : '(none)', kernel: sackText(p, n, sent.ack) });
  const ts = fieldOf(stmt, 'ts')?.value;
  if (uses.ts) {
    if (!!ts !== !!p.ts) d.push({ field: 'ts', flow: ts ? String(ts.offset) : '(none)', kernel: p.ts ? 'present' : '(none)' });
    else if (ts && p.ts) {
      // The kernel's TSval is its clock (milliseconds, from a random offset learned on its first
      // segment): a later reading than the flow's agrees, an older one differs.
      const v = n.value('kernel-ts', { base: ts.symbol?.text ?? '', offset: ts.offset });
      if (v !== undefined && ((p.ts[0] - v) | 0) < 0 && n.known('kernel-ts', ts.symbol?.text ?? ''))
        d.push({
          field: 'ts',
          flow: n.express('kernel-ts', { base: ts.symbol?.text ?? '', offset: ts.offset }, v),
          kernel: n.express('kernel-ts', { base: ts.symbol?.text ?? '', offset: ts.offset }, p.ts[0]),
        });
      const ecr = fieldOf(stmt, 'ecr')?.value;
      if (ecr) {
        const e = { base: ecr.symbol?.text ?? '', offset: ecr.offset };
        const ev = n.value('tcpflow-ts', e);
        if (ev !== undefined && ev !== p.ts[1]) d.push({ field: 'ecr', flow: n.express('tcpflow-ts', e, ev), kernel: n.express('tcpflow-ts', e, p.ts[1]) });
      }
    }
  }
  return d;
}

function stmtText(stmt: SegmentStmt, name: string): string {
  const f = fieldOf(stmt, name);
  return f ? `${f.blocks?.map((b) => `${b.left.symbol?.text ?? ''}${b.left.offset}:${b.right.offset}`).join(',') ?? ''}` : '';
}

function sackText(p: KernelPacket, n: Numbers, like: { base: string; offset: number } | undefined): string {
  if (!p.sack?.length) return '(none)';
  return p.sack.map(([l, r]) => `${n.express('tcpflow', like, l)}:${n.express('tcpflow', like, r)}`).join(',');
}

/** Learns the kernel's bases this segment shows: its ISN or numbers, its timestamp offset. */
export function learn(p: KernelPacket, stmt: SegmentStmt, info: SegmentInfo, n: Numbers, learned: Set<string>): void {
  const seq = info.sent.seq;
  const isSyn = info.sent.flags.has('SYN');
  if (p.seq !== undefined && !learned.has(seq.base) && (isSyn || !n.known('kernel', seq.base) || seq.base.startsWith('?'))) {
    n.pin('kernel', seq, p.seq);
    learned.add(seq.base);
  }
  const ts = fieldOf(stmt, 'ts')?.value;
  if (ts && p.ts) {
    const e = { base: ts.symbol?.text ?? '', offset: ts.offset };
    if (!learned.has(`ts:${e.base}`)) {
      n.pin('kernel-ts', e, p.ts[0]);
      learned.add(`ts:${e.base}`);
    }
  }
}

/** The kernel's segment as a line of the flow, numbers in the flow's terms. */
export function kernelLine(
  p: KernelPacket,
  from: string,
  to: string,
  n: Numbers,
  seqLike: { base: string; offset: number } | undefined,
  ackLike: { base: string; offset: number } | undefined,
): string {
  const data = p.len > 0 ? Buffer.from(p.payload).toString('utf8') : '';
  const printable = p.len > 0 && p.len <= 40 && /^[\x20-\x7e]*$/.test(data);
  return segmentLine({
    from,
    to,
    flags: flagNames(p.flags),
    fields: segmentFields({
      seq: n.express('kernel', seqLike, p.seq ?? 0),
      ...((p.flags & BITS.ACK) !== 0 ? { ack: n.express('tcpflow', ackLike, p.ack) } : {}),
      ...(p.len > 0 && !printable ? { len: p.len } : {}),
      ...(p.sackOk ? { sackOK: true } : {}),
      ...(p.wscale !== undefined ? { wscale: p.wscale } : {}),
      ...(p.ts ? { ts: p.ts[0], ecr: p.ts[1] } : {}),
    }),
    payload: printable ? JSON.stringify(data) : undefined,
  });
}
