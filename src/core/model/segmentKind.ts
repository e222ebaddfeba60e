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

/** A character beyond ASCII (a search without backtracking, run as native code from the first call). */
const NON_ASCII = /[^\x00-\x7f]/;

export function utf8Length(s: string): number {
  if (!NON_ASCII.test(s)) return s.length; // most payloads: no character loop (slow until V8 optimises it)
  let n = 0;
  // By UTF-16 code units (no string per character): a surrogate pair is one 4-byte code point, a lone surrogate 3 bytes.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
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
