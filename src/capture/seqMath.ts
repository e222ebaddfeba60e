/** Sequence-number arithmetic modulo 2^32 on plain numbers, for reading captures. */

const MOD = 0x1_0000_0000;

export const wrap = (n: number): number => ((n % MOD) + MOD) % MOD;

/** Signed distance a - b on the 32-bit circle. */
export function delta(a: number, b: number): number {
  const d = wrap(a - b);
  return d >= 0x8000_0000 ? d - MOD : d;
}

export const lt = (a: number, b: number): boolean => delta(a, b) < 0;
export const le = (a: number, b: number): boolean => delta(a, b) <= 0;
export const later = (a: number | undefined, b: number): number => (a === undefined || delta(b, a) > 0 ? b : a);
