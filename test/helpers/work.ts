/**
 * Growth by counting, never by the clock. The work of a piece of code is
 * - the core's own counter (src/core/common/work.ts: comparisons of sequence numbers,
 *   reassembly-queue steps, "did you mean" candidates, Markdown lines, string characters), and
 * - the elements every array method is handed while it runs (`filter`, `map`, `indexOf`, `find`,
 *   iterating with `for … of` or a spread, `Array.from`, …: the length of its array; `slice`: what
 *   it copies; `splice`: the elements after where it cuts), so a copy or a search of a growing
 *   list per step shows as quadratic whatever module does it.
 * `growth` compares the work at N and 2N: 2 is linear, a quadratic path gives 4.
 */

import { work } from '../../src/core/common/work.js';

type AnyFn = (this: unknown, ...args: unknown[]) => unknown;

const METHODS = [
  'filter',
  'map',
  'flatMap',
  'flat',
  'indexOf',
  'lastIndexOf',
  'includes',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'some',
  'every',
  'forEach',
  'reduce',
  'reduceRight',
  'concat',
  'join',
  'fill',
  'reverse',
  'sort',
  'values',
  'keys',
  'entries',
] as const;

/** Counts what array methods are handed while `run` runs; returns that count. */
function countArrayWork(run: () => void): number {
  let count = 0;
  const proto = Array.prototype as unknown as Record<string | symbol, AnyFn>;
  const saved = new Map<string | symbol, AnyFn>();
  const wrap = (name: string | symbol): void => {
    const original = proto[name]!;
    saved.set(name, original);
    proto[name] = function (this: unknown, ...args: unknown[]): unknown {
      if (Array.isArray(this)) count += this.length + 1;
      return original.apply(this, args);
    };
  };
  for (const m of METHODS) wrap(m);
  // A slice costs what it copies; a splice, the elements after where it cuts (they move).
  const slice = proto.slice!;
  const splice = proto.splice!;
  proto.slice = function (this: unknown, ...args: unknown[]): unknown {
    const out = slice.apply(this, args) as unknown[];
    count += out.length + 1;
    return out;
  };
  proto.splice = function (this: unknown, ...args: unknown[]): unknown {
    if (Array.isArray(this)) {
      const at = Number(args[0] ?? 0);
      count += Math.max(0, this.length - (at < 0 ? this.length + at : at)) + args.length + 1;
    }
    return splice.apply(this, args);
  };
  wrap(Symbol.iterator);
  const from = Array.from;
  Array.from = function (this: unknown, ...args: unknown[]): unknown[] {
    const out = (from as unknown as AnyFn).apply(this, args) as unknown[];
    count += out.length + 1;
    return out;
  } as typeof Array.from;
  try {
    run();
  } finally {
    for (const [name, original] of saved) proto[name] = original;
    proto.slice = slice;
    proto.splice = splice;
    Array.from = from;
  }
  return count;
}

/** The steps of work `run` takes: the core's counter plus the array elements handled. */
export function workOf(run: () => unknown): number {
  const before = work.steps;
  const arrays = countArrayWork(() => void run());
  return work.steps - before + arrays;
}

export interface Growth {
  readonly ratio: number;
  readonly small: number;
  readonly large: number;
}

/** Work at 2N over work at N, for inputs `make(n)` handed to `run` (each input made before its count starts). */
export function growth<T>(make: (n: number) => T, n: number, run: (input: T) => unknown): Growth {
  const a = make(n);
  const small = workOf(() => run(a));
  const b = make(2 * n);
  const large = workOf(() => run(b));
  return { ratio: large / small, small, large };
}

/** The message of a failed growth assertion. */
export function growthMessage(g: Growth): string {
  return `twice the input took ${g.ratio.toFixed(2)}× the work (${g.small.toLocaleString('en')} → ${g.large.toLocaleString('en')} steps)`;
}
