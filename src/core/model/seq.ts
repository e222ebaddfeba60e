/**
 * Sequence-number values: modulo-2^32 arithmetic on numbers and on symbolic values.
 *
 * A value is `base + offset` where `base` is a symbol name (`x`, the client's ISN), the empty
 * string for plain numbers, or a placeholder (`?1`) for a number nobody has named yet.
 * Two values compare only when they share a base; otherwise their order is unknown.
 */

import { HALF_32, SPACE_32 } from '../common/space32.js';
import { work } from '../common/work.js';

export const SEQ_MOD = SPACE_32;

export interface Seq {
  readonly base: string;
  readonly offset: number; // 0 … 2^32-1
}

export function norm(n: number): number {
  if (n >= 0 && n < SEQ_MOD) return n; // most values: no floating-point remainder
  const r = n % SEQ_MOD;
  return r < 0 ? r + SEQ_MOD : r;
}

export function seq(base: string, offset = 0): Seq {
  return { base, offset: norm(offset) };
}

export function num(n: number): Seq {
  return { base: '', offset: norm(n) };
}

export function add(v: Seq, n: number): Seq {
  return { base: v.base, offset: norm(v.offset + n) };
}

export function isPlaceholder(v: Seq | undefined): boolean {
  return v !== undefined && v.base.startsWith('?');
}

/** Signed distance a - b in the 32-bit circle, or undefined when the bases differ. */
export function diff(a: Seq, b: Seq): number | undefined {
  work.steps++; // every comparison of sequence numbers is counted (tests of growth read it)
  if (a.base !== b.base) return undefined;
  const d = norm(a.offset - b.offset);
  return d >= HALF_32 ? d - SEQ_MOD : d;
}

/** Later of two values of the same base (the first when they do not compare). */
export function max(a: Seq, b: Seq): Seq {
  const d = diff(b, a);
  return d !== undefined && d > 0 ? b : a;
}

/** How people write it: `1000`, `x`, `x+1`, `y-1`. */
export function format(v: Seq): string {
  if (v.base === '') return String(v.offset);
  if (v.offset === 0) return v.base;
  return v.offset >= HALF_32 ? `${v.base}-${SEQ_MOD - v.offset}` : `${v.base}+${v.offset}`;
}

/**
 * Two different named symbols (`y` and `z`, say two connections' ISNs) stand for unrelated
 * numbers: an acknowledgment written in one never acknowledges a SYN numbered in the other.
 * Numbers against symbols, and placeholders, stay unknown.
 */
export function unrelated(a: Seq, b: Seq): boolean {
  return a.base !== b.base && a.base !== '' && b.base !== '' && !a.base.startsWith('?') && !b.base.startsWith('?');
}
