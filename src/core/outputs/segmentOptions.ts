/**
 * A segment's TCP options as people read them: each as the language writes it (`sack=x+1:x+2`,
 * for hovers) and as the diagram labels it (`SACK x+1:x+2`, `TS 510/120`, `cookie`), in the
 * order MSS, window scale, SACK permitted, SACK blocks, timestamps, Fast Open cookie.
 */

import type { Field, SegmentStmt, ValueExpr } from '../language/ast.js';
import type { FieldName } from '../common/vocabulary.js';

export interface OptionItem {
  /** The field (`ts` stands for the timestamp option, with its `ecr=`). */
  readonly name: FieldName;
  /** As the language writes it: `mss=1460`, `sackOK`, `sack=x+1:x+101`, `ts=510 ecr=120`, `cookie=c1`. */
  readonly written: string;
  /** As the diagram labels it: `MSS 1460`, `SACK-OK`, `SACK x+1:x+101`, `TS 510/120`, `cookie c1`. */
  readonly label: string;
}

/** `x`, `x+1`, `x-1`, `1000`: a value as written. */
export function valueText(v: ValueExpr): string {
  if (!v.symbol) return String(v.offset);
  return v.offset === 0 ? v.symbol.text : `${v.symbol.text}${v.offset > 0 ? '+' : ''}${v.offset}`;
}

const ORDER: readonly FieldName[] = ['mss', 'wscale', 'sackOK', 'sack', 'ts', 'ecr', 'cookie'];

/** The options of a segment line (none for most lines: the list is then empty). */
export function segmentOptions(stmt: SegmentStmt): OptionItem[] {
  let by: Partial<Record<FieldName, Field>> | undefined;
  for (const f of stmt.fields) if (ORDER.includes(f.name)) (by ??= {})[f.name] = f;
  if (!by) return [];
  const out: OptionItem[] = [];
  const plain = (f: Field | undefined): string | undefined => (f?.value ? valueText(f.value) : undefined);
  const mss = plain(by.mss);
  if (mss !== undefined) out.push({ name: 'mss', written: `mss=${mss}`, label: `MSS ${mss}` });
  const ws = plain(by.wscale);
  if (ws !== undefined) out.push({ name: 'wscale', written: `wscale=${ws}`, label: `WS ${ws}` });
  if (by.sackOK) out.push({ name: 'sackOK', written: 'sackOK', label: 'SACK-OK' });
  const blocks = by.sack?.blocks ?? [];
  if (blocks.length) {
    const text = blocks.map((b) => `${valueText(b.left)}:${valueText(b.right)}`);
    out.push({ name: 'sack', written: `sack=${text.join(',')}`, label: `SACK ${text.join(' ')}` });
  }
  const ts = plain(by.ts);
  const ecr = plain(by.ecr);
  if (ts !== undefined || ecr !== undefined) {
    out.push({
      name: 'ts',
      written: [ts === undefined ? '' : `ts=${ts}`, ecr === undefined ? '' : `ecr=${ecr}`].filter(Boolean).join(' '),
      label: `TS ${ts ?? '?'}/${ecr ?? '?'}`,
    });
  }
  const cookie = by.cookie;
  if (cookie) {
    const value = cookie.bare ? undefined : cookie.cookie;
    out.push({ name: 'cookie', written: value ? `cookie=${value}` : 'cookie', label: value ? `cookie ${value}` : 'cookie' });
  }
  return out;
}
