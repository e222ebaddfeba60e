/**
 * The common segment line read in one pass over its characters, without tokens: `C -> S: PSH ACK
 * seq=1001 ack=x+1 len=16 "payload"`. Nearly every line of a long flow is one, and the scanner and
 * parser spend most of a 100,000-segment check making tokens for them. `readSegmentLine` gives the
 * very node the parser would give, or undefined as soon as the line holds anything else — a
 * marker (`&`, `?`, `@`), a comment, a non-ASCII character outside the payload, a spelling the
 * vocabulary does not use, an option field (`sack=`, `cookie`, `sackOK`), anything the parser
 * would report — and the line goes through the scanner and parser. So it never decides anything
 * the parser does not: test/core/segmentFastPath.test.ts holds it to the parser's node on every
 * line it accepts.
 */

import type * as A from './ast.js';
import { FieldNode, SegmentNode, StringNode } from './astNodes.js';
import { FLAGS, MAX_WSCALE, type FieldName, type Flag } from '../common/vocabulary.js';

const MAX_SEQ = 0xffff_ffff;

// Character codes.
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;
const MINUS = 45;
const PLUS = 43;
const GREATER = 62;
const COLON = 58;
const EQUALS = 61;
const LOWER_X = 120;
const UPPER_X = 88;

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isNameChar = (c: number): boolean => isLetter(c) || isDigit(c) || c === 95;
const isBlank = (c: number): boolean => c === SPACE || c === TAB;
/** Where a token may end: a blank or the end of the line (NaN past it). */
const endsToken = (c: number): boolean => c === SPACE || c === TAB || Number.isNaN(c);

/** The fields with a plain value, spelt as the vocabulary spells them; `sack` and `cookie` take the parser. */
const PLAIN_FIELDS: readonly FieldName[] = ['seq', 'ack', 'len', 'win', 'mss', 'wscale', 'ts', 'ecr'];

/** The vocabulary's word at `line[start, end)`, compared in place (no string made), or undefined. */
function wordIn<T extends string>(words: readonly T[], line: string, start: number, end: number): T | undefined {
  const length = end - start;
  for (const w of words) if (w.length === length && line.startsWith(w, start)) return w;
  return undefined;
}

/**
 * Reads segment lines; one instance serves a document. It keeps the names of the line before, so
 * `C`, `S` and `x` on line after line are the same strings, not a new one per line.
 */
export class SegmentLineReader {
  private readonly names: string[] = [];
  private readonly flags: Flag[] = [];
  private readonly columns: number[] = [];
  private readonly fields: A.Field[] = [];

  /** The line's segment node as the parser makes it, or undefined for the scanner and parser. */
  read(source: string, line: number): SegmentNode | undefined {
    const n = source.length;
    let i = 0;
    while (i < n && isBlank(source.charCodeAt(i))) i++;
    const start = i;
    // The sender, the arrow, the receiver.
    if (!isLetter(source.charCodeAt(i))) return undefined;
    i = this.nameEnd(source, i);
    if (i < 0) return undefined;
    const from = this.name(source, start, i, 0);
    while (isBlank(source.charCodeAt(i))) i++;
    if (source.charCodeAt(i) !== MINUS) return undefined;
    const arrowStart = i;
    const arrowChar = source.charCodeAt(i + 1);
    let lost = false;
    if (arrowChar === GREATER) i += 2;
    else if ((arrowChar === LOWER_X || arrowChar === UPPER_X) && isBlank(source.charCodeAt(i + 2))) {
      lost = true;
      i += 2;
    } else return undefined;
    while (isBlank(source.charCodeAt(i))) i++;
    const toStart = i;
    if (!isLetter(source.charCodeAt(i))) return undefined;
    i = this.nameEnd(source, i);
    if (i < 0) return undefined;
    const to = this.name(source, toStart, i, 1);
    while (isBlank(source.charCodeAt(i))) i++;
    if (source.charCodeAt(i) === COLON) {
      i++;
      if (!endsToken(source.charCodeAt(i))) return undefined;
    }
    // Flags, then fields and at most one payload, each followed by a blank or the end of the line.
    const { flags, columns, fields } = this;
    let flagCount = 0;
    let fieldCount = 0;
    let payload: A.StringLit | undefined;
    let end = i;
    for (;;) {
      while (isBlank(source.charCodeAt(i))) i++;
      if (i >= n) break;
      const c = source.charCodeAt(i);
      const itemStart = i;
      if (c === QUOTE) {
        if (payload) return undefined;
        const close = source.indexOf('"', i + 1);
        if (close < 0) return undefined;
        for (let j = i + 1; j < close; j++) if (source.charCodeAt(j) === BACKSLASH) return undefined;
        i = close + 1;
        if (!endsToken(source.charCodeAt(i))) return undefined;
        payload = new StringNode(source.slice(itemStart + 1, close), line, itemStart, i);
      } else if (isLetter(c)) {
        i = this.nameEnd(source, i);
        if (i < 0) return undefined;
        if (source.charCodeAt(i) === EQUALS) {
          const field = this.field(source, line, itemStart, i, fields, fieldCount);
          if (!field) return undefined;
          fields[fieldCount++] = field;
          i = field.end;
        } else {
          // A flag: before any field or payload, once.
          if (fieldCount > 0 || payload || !endsToken(source.charCodeAt(i))) return undefined;
          const flag = wordIn(FLAGS, source, itemStart, i);
          if (!flag) return undefined;
          for (let k = 0; k < flagCount; k++) if (flags[k] === flag) return undefined;
          columns[2 * flagCount] = itemStart;
          columns[2 * flagCount + 1] = i;
          flags[flagCount++] = flag;
        }
      } else return undefined;
      end = i;
    }
    if (flagCount === 0) return undefined;
    return new SegmentNode(line, start, end, {
      crossing: false,
      inferred: false,
      label: undefined,
      from: { text: from, start, end: start + from.length },
      to: { text: to, start: toStart, end: toStart + to.length },
      arrowStart,
      lost,
      compatArrow: false,
      tcpPrefix: undefined,
      flagNames: flags.slice(0, flagCount),
      flagColumns: columns.slice(0, 2 * flagCount),
      fields: fields.slice(0, fieldCount),
      payload,
    });
  }

  /** `name=value` from `start` (the `=` at `eq`), or undefined where the parser has something to say. */
  private field(source: string, line: number, start: number, eq: number, fields: readonly A.Field[], count: number): FieldNode | undefined {
    const name = wordIn(PLAIN_FIELDS, source, start, eq);
    if (!name) return undefined;
    for (let k = 0; k < count; k++) if (fields[k]!.name === name) return undefined;
    const valueStart = eq + 1;
    let i = valueStart;
    const c = source.charCodeAt(i);
    if (isDigit(c)) {
      const limit = name === 'wscale' ? MAX_WSCALE : MAX_SEQ;
      let value = 0;
      for (; isDigit(source.charCodeAt(i)); i++) {
        value = value * 10 + source.charCodeAt(i) - 48;
        if (value > limit) return undefined;
      }
      if (!endsToken(source.charCodeAt(i))) return undefined;
      return new FieldNode(name, value, undefined, line, start, eq, valueStart, i);
    }
    // A symbol with an optional offset (`x`, `x+1`, `y-2`): seq= and ack= only.
    if (!isLetter(c) || (name !== 'seq' && name !== 'ack')) return undefined;
    i = this.nameEnd(source, i);
    if (i < 0) return undefined;
    const symbol = this.name(source, valueStart, i, name === 'seq' ? 2 : 3);
    let offset = 0;
    const op = source.charCodeAt(i);
    if ((op === PLUS || op === MINUS) && isDigit(source.charCodeAt(i + 1))) {
      let value = 0;
      for (i++; isDigit(source.charCodeAt(i)); i++) {
        value = value * 10 + source.charCodeAt(i) - 48;
        if (value > MAX_SEQ) return undefined;
      }
      offset = op === PLUS ? value : -value;
    }
    if (!endsToken(source.charCodeAt(i))) return undefined;
    return new FieldNode(name, offset, symbol, line, start, eq, valueStart, i);
  }

  /** Where the ASCII name from `i` ends, or -1 where a character beyond ASCII follows (a name may go on in any script). */
  private nameEnd(source: string, i: number): number {
    let c = source.charCodeAt(i);
    while (isNameChar(c)) c = source.charCodeAt(++i);
    return c >= 128 ? -1 : i;
  }

  /** The name at `source[start, end)`: the string of the line before when it is the same. */
  private name(source: string, start: number, end: number, slot: number): string {
    const last = this.names[slot];
    if (last !== undefined && last.length === end - start && source.startsWith(last, start)) return last;
    const fresh = source.slice(start, end);
    this.names[slot] = fresh;
    return fresh;
  }
}
