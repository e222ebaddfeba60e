/**
 * How a segment line is spelled — the one formatter for every writer of `.tcpflow` text (the
 * editor's Format Document and the capture importer):
 * `[& ][? ]A -> B: FLAGS field=value … "payload" [@label]`, single spaces, flags in the canonical
 * order (FLAG_ORDER), `-x` for a lost segment, an optional trailing comment two spaces away.
 * `segmentFields` spells known values in the canonical field order (seq, ack, len, win, then the
 * options) for writers that start from numbers rather than from source text.
 */

import { FLAG_ORDER, type Flag } from '../common/vocabulary.js';

export interface SegmentLineParts {
  /** `&`: sent before the previous segment arrived. */
  readonly crossing?: boolean;
  /** `?`: a segment the capture did not see, inferred from the numbers around it. */
  readonly notCaptured?: boolean;
  readonly from: string;
  /** Pad the sender's name to this width, so the arrows of a run of lines line up. */
  readonly fromWidth?: number;
  /** `-x`: the network lost it. */
  readonly lost?: boolean;
  readonly to: string;
  readonly flags: Iterable<Flag>;
  /** Each field already spelled (`seq=x+1`, `sackOK`), in the order to write them. */
  readonly fields: readonly string[];
  /** The payload as written, quotes included. */
  readonly payload?: string | undefined;
  /** `@label` (without the `@`): the segment arrives where an `arrives label` line says. */
  readonly label?: string | undefined;
  /** A trailing comment, with its `#` or `//`. */
  readonly comment?: string | undefined;
}

export function segmentLine(p: SegmentLineParts): string {
  const flags = new Set(p.flags);
  const body = [FLAG_ORDER.filter((f) => flags.has(f)).join(' '), ...p.fields, p.payload ?? '', p.label ? `@${p.label}` : ''].filter(Boolean).join(' ');
  const prefix = `${p.crossing ? '& ' : ''}${p.notCaptured ? '? ' : ''}`;
  const line = `${prefix}${p.from.padEnd(p.fromWidth ?? 0)} ${p.lost ? '-x' : '->'} ${p.to}: ${body}`.trimEnd();
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
