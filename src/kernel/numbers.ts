/**
 * Concrete numbers for a kernel run. A flow writes `x`, `y+1`, `1000`; on the wire each is a
 * 32-bit number. Four number spaces: each side's sequence numbers and each side's timestamps.
 * In tcpflow's own spaces a symbol gets a chosen value (from the seed) and a plain number is
 * itself; in the kernel's spaces a symbol is learned from the first segment the kernel sends
 * with it (the kernel picks its ISN and its timestamp offset at random), and plain numbers are
 * themselves unless the kernel's ISN or the hand-shake before a flow that starts ESTABLISHED
 * decides where they start. The kernel's values are written back in the flow's terms for the
 * report (`x+1`, `y+5`).
 */

import { formatSeq, SPACE_32 } from '../core/index.js';

export type Space = 'kernel' | 'tcpflow' | 'kernel-ts' | 'tcpflow-ts';

/** A value as the checker reads it: a symbol (or '' for a plain number) plus an offset. */
export interface Expr {
  readonly base: string;
  readonly offset: number;
}

const norm = (n: number): number => ((n % SPACE_32) + SPACE_32) % SPACE_32;

/** A small deterministic generator (mulberry32): tcpflow's chosen values repeat with the seed. */
export function random32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

export class Numbers {
  private readonly bases = new Map<Space, Map<string, number>>();
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = random32(seed);
    // A plain number is itself, except a kernel's TSval: its clock's offset is learned from its first segment.
    for (const s of ['kernel', 'tcpflow', 'kernel-ts', 'tcpflow-ts'] as const) this.bases.set(s, new Map(s === 'kernel-ts' ? [] : [['', 0]]));
  }

  private map(space: Space): Map<string, number> {
    return this.bases.get(space)!;
  }

  known(space: Space, base: string): boolean {
    return this.map(space).has(base);
  }

  /** The value of a base, if it is known. */
  baseValue(space: Space, base: string): number | undefined {
    return this.map(space).get(base);
  }

  /** Fixes a base so that `e` is `value` (a symbol learned from the kernel, or an anchor). */
  pin(space: Space, e: Expr, value: number): void {
    this.map(space).set(e.base, norm(value - e.offset));
  }

  /** The number `e` stands for; a base tcpflow has not used yet gets a chosen value (in the kernel's spaces: undefined). */
  value(space: Space, e: Expr): number | undefined {
    const m = this.map(space);
    let b = m.get(e.base);
    if (b === undefined) {
      if (space === 'kernel' || space === 'kernel-ts') return undefined;
      // Away from 0 and from the wrap, so a reader sees ordinary numbers.
      b = 100_000 + (this.next() % 2_000_000_000);
      m.set(e.base, b);
    }
    return norm(b + e.offset);
  }

  /** `value` for a base that must be known now: an unknown kernel base is guessed from `fallback`. */
  valueOr(space: Space, e: Expr, fallback: number): number {
    const v = this.value(space, e);
    if (v !== undefined) return v;
    this.pin(space, e, fallback);
    return norm(fallback);
  }

  /** The kernel's number in the flow's terms, relative to the base the flow used (`y+5`), or the number itself. */
  express(space: Space, like: Expr | undefined, n: number): string {
    const base = like?.base ?? '';
    const b = this.map(space).get(base);
    if (b === undefined || base.startsWith('?')) return String(n);
    return formatSeq({ base, offset: norm(n - b) });
  }
}
