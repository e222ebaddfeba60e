/**
 * How a segment line is spelled — the one formatter for every writer of `.tcpflow` text (the
 * editor's Format Document and the capture importer):
 * `[& ][? ]A -> B: FLAGS field=value … "payload" [dropped "reason"] [@label]`, single spaces, flags in the canonical
 * order (FLAG_ORDER), `-x` for a lost segment, an optional trailing comment two spaces away.
 * `segmentFields` spells known values in the canonical field order (seq, ack, len, win, then the
 * options) for writers that start from numbers rather than from source text.
 */

import type { SegmentStmt } from './ast.js';
import { FLAG_ORDER, normalizeFlag, type Flag } from '../common/vocabulary.js';

export interface SegmentLineParts {
  /** `&`: sent before the previous segment arrived. */
  readonly crossing?: boolean;
  /** `?`: a segment the capture did not see, inferred from the numbers around it. */
  readonly notCaptured?: boolean;
  /** Marks given again (`& &`: the parser warns, TF110), written after the others: nothing is dropped. */
  readonly repeatedMarks?: readonly string[] | undefined;
  readonly from: string;
  /** `Eve as C`: a forged segment, sent by a third party with this endpoint's addresses. */
  readonly spoofs?: string | undefined;
  /** Pad the sender's name to this width, so the arrows of a run of lines line up. */
  readonly fromWidth?: number;
  /** `-x`: the network lost it. */
  readonly lost?: boolean;
  readonly to: string;
  /** In any order; a flag given twice is written twice (next to each other). */
  readonly flags: Iterable<Flag>;
  /** Each field already spelled (`seq=x+1`, `sackOK`), in the order to write them. */
  readonly fields: readonly string[];
  /** The payload as written, quotes included. */
  readonly payload?: string | undefined;
  /** `dropped ["reason"]` as written (the reason quoted): its receiver's kernel discards it. */
  readonly dropped?: string | undefined;
  /** `@label` (without the `@`): the segment arrives where an `arrives label` line says. */
  readonly label?: string | undefined;
  /** A trailing comment, with its `#` or `//`. */
  readonly comment?: string | undefined;
}

export function segmentLine(p: SegmentLineParts): string {
  const times = new Map<Flag, number>();
  for (const f of p.flags) times.set(f, (times.get(f) ?? 0) + 1);
  const flags: Flag[] = [];
  for (const f of FLAG_ORDER) for (let k = times.get(f) ?? 0; k > 0; k--) flags.push(f);
  const body = [flags.join(' '), ...p.fields, p.payload ?? '', p.dropped ?? '', p.label ? `@${p.label}` : ''].filter(Boolean).join(' ');
  const prefix = `${p.crossing ? '& ' : ''}${p.notCaptured ? '? ' : ''}${(p.repeatedMarks ?? []).map((m) => `${m} `).join('')}`;
  const sender = p.spoofs ? `${p.from} as ${p.spoofs}` : p.from;
  const line = `${prefix}${sender.padEnd(p.fromWidth ?? 0)} ${p.lost ? '-x' : '->'} ${p.to}: ${body}`.trimEnd();
  return p.comment ? `${line}  ${p.comment}` : line;
}

/** Values a writer knows about a segment; numbers of the sequence space already spelled. */
export interface SegmentFieldValues {
  readonly seq?: string | undefined;
  readonly ack?: string | undefined;
  readonly len?: number | undefined;
  readonly win?: number | undefined;
  readonly mss?: number | undefined;
  readonly wscale?: number | undefined;
  /** SACK permitted (RFC 2018), on a SYN. */
  readonly sackOK?: boolean | undefined;
  /** SACK blocks, `left:right` each, values spelled like `seq=`. */
  readonly sack?: readonly (readonly [string, string])[] | undefined;
  /** Timestamps (RFC 7323): TSval and TSecr. */
  readonly ts?: number | undefined;
  readonly ecr?: number | undefined;
  /** TFO (RFC 7413): `true` asks for a cookie (`cookie`), a string is the cookie (`cookie=…`). */
  readonly cookie?: true | string | undefined;
}

/** The fields in the language's canonical order; absent values are left out (`len=0` too). */
export function segmentFields(v: SegmentFieldValues): string[] {
  const out: string[] = [];
  if (v.seq !== undefined) out.push(`seq=${v.seq}`);
  if (v.ack !== undefined) out.push(`ack=${v.ack}`);
  if (v.len) out.push(`len=${v.len}`);
  if (v.win !== undefined) out.push(`win=${v.win}`);
  if (v.mss !== undefined) out.push(`mss=${v.mss}`);
  if (v.wscale !== undefined) out.push(`wscale=${v.wscale}`);
  if (v.sackOK) out.push('sackOK');
  if (v.sack?.length) out.push(`sack=${v.sack.map(([l, r]) => `${l}:${r}`).join(',')}`);
  if (v.ts !== undefined) out.push(`ts=${v.ts}`);
  if (v.ecr !== undefined) out.push(`ecr=${v.ecr}`);
  if (v.cookie === true) out.push('cookie');
  else if (v.cookie !== undefined) out.push(`cookie=${v.cookie}`);
  return out;
}

/**
 * The parts of a parsed segment line, spelled from its source line `source` (Format Document):
 * every flag, field and mark the author wrote, those given twice included — the parser reports a
 * repeat (TF110) and the simulation reads the first, but the formatter never drops what is written.
 * The sender's width and the comment are the caller's.
 */
export function segmentLineParts(s: SegmentStmt, source: string): SegmentLineParts {
  const text = (r: { readonly start: number; readonly end: number }): string => source.slice(r.start, r.end);
  const flags: Flag[] = s.flagNames.slice();
  const fields: { at: number; text: string }[] = s.fields.map((f) => ({ at: f.range.start, text: text(f.range) }));
  const marks: string[] = [];
  for (const r of s.repeated ?? []) {
    if (r.kind === 'flag') {
      const f = normalizeFlag(text(r.range));
      if (f) flags.push(f);
    } else if (r.kind === 'field') fields.push({ at: r.range.start, text: text(r.range) });
    else marks.push(text(r.range));
  }
  // Fields in the order they are written, repeats where they stand.
  fields.sort((a, b) => a.at - b.at);
  return {
    crossing: s.crossing,
    notCaptured: s.inferred,
    ...(marks.length ? { repeatedMarks: marks } : {}),
    from: s.fromText,
    ...(s.spoofs ? { spoofs: s.spoofs.text } : {}),
    lost: s.lost,
    to: s.toText,
    flags,
    fields: fields.map((f) => f.text),
    payload: s.payload ? text(s.payload.range) : undefined,
    dropped: s.dropped ? `dropped${s.dropped.reason ? ` ${text(s.dropped.reason.range)}` : ''}` : undefined,
    label: s.label?.text,
  };
}
