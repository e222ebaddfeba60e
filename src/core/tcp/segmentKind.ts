/**
 * What a segment is, from its flags and length: the kind the sending and receiving rules
 * switch on, the shared flag sets, and how flags and payload lengths are written.
 */

import { FLAG_ORDER, type Flag } from '../common/vocabulary.js';

/**
 * Flag sets are shared per combination (keyed by a bit per flag): a long flow holds a handful,
 * not one per segment. A set's order is FLAG_ORDER's, whatever order the line wrote.
 */
const FLAG_BIT = Object.fromEntries(FLAG_ORDER.map((f, i) => [f, 1 << i])) as Readonly<Record<Flag, number>>;
const FLAG_SETS: (ReadonlySet<Flag> | undefined)[] = new Array<ReadonlySet<Flag> | undefined>(256).fill(undefined); // dense: fast to index
export function flagSet(flags: Iterable<Flag>): ReadonlySet<Flag> {
  let key = 0;
  for (const f of flags) key |= FLAG_BIT[f];
  return (FLAG_SETS[key] ??= new Set(FLAG_ORDER.filter((f) => (key & FLAG_BIT[f]) !== 0)));
}

export type Kind = 'rst' | 'syn' | 'syn-ack' | 'fin' | 'data' | 'ack';

export function kindOf(flags: ReadonlySet<Flag>, dataLen: number): Kind {
  if (flags.has('RST')) return 'rst';
  if (flags.has('SYN')) return flags.has('ACK') ? 'syn-ack' : 'syn';
  if (flags.has('FIN')) return 'fin';
  return dataLen > 0 ? 'data' : 'ack';
}

export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** `SYN+ACK`: the flags in their usual order, joined as people write them in prose. */
export function flagsText(flags: ReadonlySet<Flag>): string {
  return FLAG_ORDER.filter((f) => flags.has(f)).join('+');
}

/** `SYN ACK`: the flags as a line of the language writes them. */
export function flagsSource(flags: ReadonlySet<Flag>): string {
  return FLAG_ORDER.filter((f) => flags.has(f)).join(' ');
}
