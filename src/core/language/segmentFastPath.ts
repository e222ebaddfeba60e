/**
 * The common segment line read in one pass over its characters, without tokens: `C -> S: PSH ACK
 * seq=1001 ack=x+1 len=16 "payload"`. Nearly every line of a long flow is one, and the scanner and
 * parser spend most of a 100,000-segment check making tokens for them. `SegmentLineReader.read` gives the
 * very node the parser would give, or undefined as soon as the line holds anything else — a
 * marker (`&`, `?`, `@`), a comment, a non-ASCII character outside the payload, a spelling the
 * vocabulary does not use, an option field (`sack=`, `cookie`, `sackOK`), anything the parser
 * would report — and the line goes through the scanner and parser. So it never decides anything
 * the parser does not: test/core/segmentFastPath.test.ts holds it to the parser's node on every
 * line it accepts.
 */

import type * as A from './ast.js';
import { FieldNode, SegmentNode, StringNode } from './astNodes.js';
import {
  COLON,
  EQUALS,
  GREATER,
  isAsciiDigit,
  isAsciiLetter,
  isAsciiNameChar,
  isBlank,
  LOWER_X,
  MINUS,
  PLUS,
  QUOTE,
  SPACE,
  TAB,
  UPPER_X,
} from './charCodes.js';
import { MAX_32 } from '../common/space32.js';
import { FLAGS, MAX_WSCALE, type FieldName, type Flag } from '../common/vocabulary.js';

const MAX_SEQ = MAX_32;

const isLetter = isAsciiLetter;
const isDigit = isAsciiDigit;
const isNameChar = isAsciiNameChar;
/** Where a token may end: a blank or the end of the line (-1). */
const endsToken = (c: number): boolean => c === SPACE || c === TAB || c < 0;

/** The fields with a plain value, spelt as the vocabulary spells them; `sack` and `cookie` take the parser. */
const PLAIN_FIELDS: readonly FieldName[] = ['seq', 'ack', 'len', 'win', 'mss', 'wscale', 'ts', 'ecr'];

/** Words of the vocabulary found in place (no string made), by their first letter: one or two comparisons, not one per word. */
class WordTable<T extends string> {
  private readonly byFirst: number[][] = Array.from({ length: 128 }, () => []);
  constructor(readonly words: readonly T[]) {
    words.forEach((w, k) => this.byFirst[w.charCodeAt(0) & 127]!.push(k));
  }
  /** Where in `words` the word at `text[start, end)` is, or -1 (`text[start]` is an ASCII letter). */
  indexOf(text: string, start: number, end: number): number {
    const candidates = this.byFirst[text.charCodeAt(start) & 127]!;
    for (let j = 0; j < candidates.length; j++) {
      const k = candidates[j]!;
      const w = this.words[k]!;
      if (w.length === end - start && text.startsWith(w, start)) return k;
    }
    return -1;
  }
}
const FLAG_WORDS = new WordTable(FLAGS);
const FIELD_WORDS = new WordTable(PLAIN_FIELDS);

/**
 * Reads segment lines; one instance serves a document, read in line order (an earlier line or
 * another text is read correctly, only without the savings). A line is read in place, inside the
 * whole text (no string per line), and the names of the line before are kept, so `C`, `S` and `x`
 * on line after line are the same strings, not a new one per line.
 */
export class SegmentLineReader {
  private text = '';
  /** Where the current line starts and ends in `text`. */
  private from = 0;
  private to = 0;
  /** The first backslash at or after the last place looked from (the text's length if none): lines are read in order, so each is looked for once. */
  private backslash = -1;
  // Scratch lists at their largest from the start (a flag or field twice goes to the parser): V8
  // drops its optimised code the first time a write lands past a list's end.
  private readonly names: string[] = ['', '', '', ''];
  private readonly flags: Flag[] = FLAGS.slice();
  private readonly columns: number[] = new Array<number>(2 * FLAGS.length).fill(0);
  private readonly fields: A.Field[] = new Array<A.Field>(PLAIN_FIELDS.length);
  /**
   * The flag lists and column lists handed out, by the flags written (a digit per flag): a long
   * flow writes a handful of flag combinations, at the same columns line after line, and its
   * nodes share these lists (never written to) instead of a copy each.
   */
  private readonly flagLists = new Map<number, readonly Flag[]>();
  private readonly columnLists = new Map<number, readonly number[]>();

  /**
   * The segment node the parser makes of line `line`, `text.slice(from, to)`, or undefined for
   * the scanner and parser. Columns are offsets less `from`.
   */
  read(text: string, from: number, to: number, line: number): SegmentNode | undefined {
    // The next backslash is known for lines read in order; another text, or a line before the last, looks again.
    if (text !== this.text || from < this.from) {
      this.text = text;
      this.backslash = -1;
    }
    this.from = from;
    this.to = to;
    let i = from;
    while (isBlank(this.at(i))) i++;
    const start = i;
    // The sender, the arrow, the receiver.
    i = this.participant(i, 0);
    if (i < 0) return undefined;
    const fromName = this.names[0]!;
    while (isBlank(this.at(i))) i++;
    if (this.at(i) !== MINUS) return undefined;
    const arrowStart = i;
    const arrowChar = this.at(i + 1);
    let lost = false;
    if (arrowChar === GREATER) i += 2;
    else if ((arrowChar === LOWER_X || arrowChar === UPPER_X) && isBlank(this.at(i + 2))) {
      lost = true;
      i += 2;
    } else return undefined;
    while (isBlank(this.at(i))) i++;
    const toStart = i;
    i = this.participant(i, 1);
    if (i < 0) return undefined;
    const toName = this.names[1]!;
    while (isBlank(this.at(i))) i++;
    if (this.at(i) === COLON) {
      i++;
      if (!endsToken(this.at(i))) return undefined;
    }
    // Flags, then fields and at most one payload, each followed by a blank or the end of the line.
    const { flags, columns, fields } = this;
    let flagCount = 0;
    let flagKey = 0;
    let fieldCount = 0;
    let payload: A.StringLit | undefined;
    let end = i;
    for (;;) {
      while (isBlank(this.at(i))) i++;
      if (i >= to) break;
      const c = this.at(i);
      const itemStart = i;
      if (c === QUOTE) {
        if (payload) return undefined;
        const close = text.indexOf('"', i + 1);
        if (close < 0 || close >= to) return undefined;
        if (this.backslashIn(i + 1, close)) return undefined;
        i = close + 1;
        if (!endsToken(this.at(i))) return undefined;
        payload = new StringNode(text.slice(itemStart + 1, close), line, itemStart - from, i - from);
      } else if (isLetter(c)) {
        i = this.nameEnd(i);
        if (i < 0) return undefined;
        if (this.at(i) === EQUALS) {
          const field = this.field(line, from, itemStart, i, fieldCount);
          if (!field) return undefined;
          fields[fieldCount++] = field;
          i = field.end + from;
        } else {
          // A flag: before any field or payload, once.
          if (fieldCount > 0 || payload || !endsToken(this.at(i))) return undefined;
          const flagIndex = FLAG_WORDS.indexOf(text, itemStart, i);
          if (flagIndex < 0) return undefined;
          const flag = FLAGS[flagIndex]!;
          for (let k = 0; k < flagCount; k++) if (flags[k] === flag) return undefined;
          flagKey = flagKey * 9 + flagIndex + 1;
          columns[2 * flagCount] = itemStart - from;
          columns[2 * flagCount + 1] = i - from;
          flags[flagCount++] = flag;
        }
      } else return undefined;
      end = i;
    }
    if (flagCount === 0) return undefined;
    return new SegmentNode({
      line,
      start: start - from,
      end: end - from,
      crossing: false,
      inferred: false,
      label: undefined,
      fromText: fromName,
      fromStart: start - from,
      arrowStart: arrowStart - from,
      lost,
      compatArrow: false,
      toText: toName,
      toStart: toStart - from,
      tcpPrefix: undefined,
      flagNames: this.flagList(flagKey, flagCount),
      flagColumns: this.columnList(flagKey, 2 * flagCount),
      fields: fields.slice(0, fieldCount),
      payload,
    });
  }

  /** The flags written, as a shared list. */
  private flagList(key: number, count: number): readonly Flag[] {
    let list = this.flagLists.get(key);
    if (!list) this.flagLists.set(key, (list = this.flags.slice(0, count)));
    return list;
  }

  /** The flags' columns, as the list of the last line with these flags when they are the same. */
  private columnList(key: number, count: number): readonly number[] {
    const columns = this.columns;
    const last = this.columnLists.get(key);
    if (last) {
      let k = 0;
      while (k < count && last[k] === columns[k]) k++;
      if (k === count) return last;
    }
    const list = columns.slice(0, count);
    this.columnLists.set(key, list);
    return list;
  }

  /** Whether `text[from, to)` holds a backslash (an escape: the parser's). Linear over a whole text read line by line in order. */
  private backslashIn(from: number, to: number): boolean {
    if (this.backslash < from) {
      const at = this.text.indexOf('\\', from);
      this.backslash = at < 0 ? this.text.length : at;
    }
    return this.backslash < to;
  }

  /** The character code at `i`, or -1 past the line's end (reading past a string's end would make V8 drop its optimised code). */
  private at(i: number): number {
    return i < this.to ? this.text.charCodeAt(i) : -1;
  }

  /** `name=value` from `start` (the `=` at `eq`), or undefined where the parser has something to say. */
  private field(line: number, from: number, start: number, eq: number, count: number): FieldNode | undefined {
    const nameIndex = FIELD_WORDS.indexOf(this.text, start, eq);
    if (nameIndex < 0) return undefined;
    const name = PLAIN_FIELDS[nameIndex]!;
    const fields = this.fields;
    for (let k = 0; k < count; k++) if (fields[k]!.name === name) return undefined;
    const valueStart = eq + 1;
    let i = valueStart;
    const c = this.at(i);
    if (isDigit(c)) {
      const limit = name === 'wscale' ? MAX_WSCALE : MAX_SEQ;
      let value = 0;
      for (let d = c; isDigit(d); d = this.at(++i)) {
        value = value * 10 + d - 48;
        if (value > limit) return undefined;
      }
      if (!endsToken(this.at(i))) return undefined;
      return new FieldNode(name, value, undefined, line, start - from, eq - from, valueStart - from, i - from);
    }
    // A symbol with an optional offset (`x`, `x+1`, `y-2`): seq= and ack= only.
    if (!isLetter(c) || (name !== 'seq' && name !== 'ack')) return undefined;
    i = this.nameEnd(i);
    if (i < 0) return undefined;
    const symbol = this.name(valueStart, i, name === 'seq' ? 2 : 3);
    let offset = 0;
    const op = this.at(i);
    if ((op === PLUS || op === MINUS) && isDigit(this.at(i + 1))) {
      let value = 0;
      for (let d = this.at(++i); isDigit(d); d = this.at(++i)) {
        value = value * 10 + d - 48;
        if (value > MAX_SEQ) return undefined;
      }
      offset = op === PLUS ? value : -value;
    }
    if (!endsToken(this.at(i))) return undefined;
    return new FieldNode(name, offset, symbol, line, start - from, eq - from, valueStart - from, i - from);
  }

  /** The participant's name at `i`, kept as `names[slot]`: where it ends, or -1 where no plain name starts. */
  private participant(i: number, slot: number): number {
    if (!isLetter(this.at(i))) return -1;
    const end = this.nameEnd(i);
    if (end >= 0) this.name(i, end, slot);
    return end;
  }

  /** Where the ASCII name from `i` ends, or -1 where a character beyond ASCII follows (a name may go on in any script). */
  private nameEnd(i: number): number {
    let c = this.at(i);
    while (isNameChar(c)) c = this.at(++i);
    return c >= 128 ? -1 : i;
  }

  /** The name at `text[start, end)`: the string of the line before when it is the same. */
  private name(start: number, end: number, slot: number): string {
    const last = this.names[slot]!;
    if (last.length === end - start && this.text.startsWith(last, start)) return last;
    const fresh = this.text.slice(start, end);
    this.names[slot] = fresh;
    return fresh;
  }
}
