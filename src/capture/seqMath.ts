/** Sequence-number arithmetic modulo 2^32 on plain numbers, for reading captures. */

import { HALF_32, SPACE_32 } from '../core/index.js';

export const wrap = (n: number): number => ((n % SPACE_32) + SPACE_32) % SPACE_32;

/** Signed distance a - b on the 32-bit circle. */
export function delta(a: number, b: number): number {
  const d = wrap(a - b);
  return d >= HALF_32 ? d - SPACE_32 : d;
}

export const lt = (a: number, b: number): boolean => delta(a, b) < 0;
export const le = (a: number, b: number): boolean => delta(a, b) <= 0;
export const later = (a: number | undefined, b: number): number => (a === undefined || delta(b, a) > 0 ? b : a);
