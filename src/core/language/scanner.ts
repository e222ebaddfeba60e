/**
 * The scanner: turns one line of a `.tcpflow` document into tokens. The language is
 * line-oriented, so scanning line by line keeps every error local to its line and makes
 * recovery trivial: a bad character becomes an `unknown` token, never an exception.
 */

import { tally } from '../common/work.js';
import {
  AMP,
  AT,
  BACKSLASH,
  BOM,
  COLON,
  COMMA,
  DOT,
  EQUALS,
  GREATER,
  HASH,
  isAsciiDigit,
  isAsciiLetter,
  isAsciiNameChar,
  LOWER_X,
  MINUS,
  PLUS,
  QUESTION,
  QUOTE,
  SLASH,
  SPACE,
  TAB,
  UPPER_X,
} from './charCodes.js';

export type TokenKind =
  | 'word' // names, keywords, flags, states, symbols
  | 'number'
  | 'duration' // 2MSL, 60s, 500ms, 1.5s
  | 'string'
  | 'arrow' // ->
  | 'lostArrow' // -x
  | 'compatArrow' // >
  | 'amp' // &
  | 'question' // ? (a segment the capture did not see)
  | 'at' // @ (a segment's label: `@d1`)
  | 'colon'
  | 'comma'
  | 'plus'
  | 'minus'
  | 'slash'
  | 'equals'
  | 'section' // == at the start of a line
  | 'unknown';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number; // UTF-16 column, inclusive
  readonly end: number; // exclusive
  /** For strings: the unescaped content. */
  readonly value?: string;
  /** For strings: what is wrong with it (unterminated, bad escape). */
  readonly error?: string;
}

type MutableToken = { -readonly [K in keyof Token]: Token[K] };

/**
 * Token objects and a token list to reuse from line to line. A parser that handles one line
 * at a time passes one pool for the whole document: a 100k-line flow then scans without
 * making a million short-lived objects. Tokens from a pool are valid until the next line.
 */
export class TokenPool {
  readonly objects: MutableToken[] = [];
  readonly tokens: Token[] = [];
}

export interface ScannedLine {
  readonly tokens: Token[];
  /**
   * How many of `tokens` are this line's. Without a pool it is their length; with one, the list
   * keeps the tokens of longer lines past it: shortening and regrowing it line after line would
   * reallocate its storage each time.
   */
  readonly count: number;
  /** Column where a comment starts, or -1. */
  readonly commentStart: number;
}

const LETTER = /[\p{L}]/u;
const NAME_CHAR = /[\p{L}\p{N}_]/u;

// ASCII fast paths: the Unicode property tests run only for characters beyond ASCII.
function isLetter(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return isAsciiLetter(c);
  return LETTER.test(ch);
}
function isNameChar(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return isAsciiNameChar(c);
  return NAME_CHAR.test(ch);
}

/** Reads one code point (so a letter outside the BMP stays whole). */
function charAt(line: string, i: number): string {
  const c = line.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return line[i] ?? '';
  const cp = line.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Where a run of name characters starting at `i` ends (ASCII without making strings). */
function nameEnd(line: string, i: number): number {
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c < 128) {
      if (isAsciiNameChar(c)) {
        i++;
        continue;
      }
      return i;
    }
    const ch = charAt(line, i);
    if (!isNameChar(ch)) return i;
    i += ch.length;
  }
  return i;
}

/** The token of a one-character symbol (by its character code: no string to look up). */
function singleKind(code: number): TokenKind {
  switch (code) {
    case GREATER:
      return 'compatArrow';
    case AMP:
      return 'amp';
    case QUESTION:
      return 'question';
    case AT:
      return 'at';
    case COLON:
      return 'colon';
    case COMMA:
      return 'comma';
    case PLUS:
      return 'plus';
    case MINUS:
      return 'minus';
    case SLASH:
      return 'slash';
    case EQUALS:
      return 'equals';
    default:
      return 'unknown';
  }
}

/** A token into the list (from the pool when there is one). Every token has the same shape (value and error set or not), which keeps V8's accesses fast. */
function make(
  tokens: Token[],
  count: number,
  pool: TokenPool | undefined,
  line: string,
  kind: TokenKind,
  start: number,
  end: number,
  value: string | undefined,
  error: string | undefined,
): void {
  const t = pool?.objects[count];
  if (!t) {
    const fresh: MutableToken = { kind, text: line.slice(start, end), start, end, value, error };
    pool?.objects.push(fresh);
    tokens[count] = fresh;
    return;
  }
  // A pooled token whose last text is this one (`C`, `->`, `seq`, `=` on line after line) keeps
  // its string: no new string for most tokens of a long flow.
  if (t.text.length !== end - start || !line.startsWith(t.text, start)) t.text = line.slice(start, end);
  t.kind = kind;
  t.start = start;
  t.end = end;
  t.value = value;
  t.error = error;
  tokens[count] = t;
}

/** The tokens of one line. With a pool, only the first `count` of the returned list are this line's. */
export function scanLine(line: string, pool?: TokenPool): ScannedLine {
  const tokens: Token[] = pool ? pool.tokens : [];
  // Written by index, the length set once at the end: emptying a long list first would drop its
  // storage and grow it again token by token.
  let count = 0;
  let i = 0;
  let commentStart = -1;
  const n = line.length;
  // Character codes, not one-character strings: ASCII is decided without a string or a regular expression.
  while (i < n) {
    const code = line.charCodeAt(i);
    if (code === SPACE || code === TAB || code === BOM) {
      i++;
      continue;
    }
    if (code === HASH || (code === SLASH && line.charCodeAt(i + 1) === SLASH)) {
      commentStart = i;
      break;
    }
    const start = i;
    if (code === QUOTE) {
      i = scanString(line, i, tokens, count++, pool);
      continue;
    }
    if (isAsciiDigit(code)) {
      i++;
      while (i < n && isAsciiDigit(line.charCodeAt(i))) i++;
      let kind: TokenKind = 'number';
      if (line.charCodeAt(i) === DOT && isAsciiDigit(line.charCodeAt(i + 1))) {
        i += 2;
        while (i < n && isAsciiDigit(line.charCodeAt(i))) i++;
        kind = 'duration';
      }
      if (i < n && (isAsciiLetter(line.charCodeAt(i)) || (line.charCodeAt(i) >= 128 && isLetter(charAt(line, i))))) {
        i = nameEnd(line, i);
        kind = 'duration';
      }
      make(tokens, count++, pool, line, kind, start, i, undefined, undefined);
      continue;
    }
    if (isAsciiLetter(code) || (code >= 128 && isLetter(charAt(line, i)))) {
      i = nameEnd(line, i);
      make(tokens, count++, pool, line, 'word', start, i, undefined, undefined);
      continue;
    }
    if (code === MINUS) {
      const next = line.charCodeAt(i + 1);
      if (next === GREATER) {
        make(tokens, count++, pool, line, 'arrow', start, (i += 2), undefined, undefined);
        continue;
      }
      if ((next === LOWER_X || next === UPPER_X) && !isNameChar(charAt(line, i + 2)) && count > 0) {
        make(tokens, count++, pool, line, 'lostArrow', start, (i += 2), undefined, undefined);
        continue;
      }
    }
    if (code === EQUALS && line.charCodeAt(i + 1) === EQUALS && count === 0) {
      make(tokens, count++, pool, line, 'section', start, (i += 2), undefined, undefined);
      continue;
    }
    // One code point (a character outside the BMP is two code units).
    i += code < 0xd800 || code > 0xdbff ? 1 : charAt(line, i).length || 1;
    make(tokens, count++, pool, line, singleKind(code), start, i, undefined, undefined);
  }
  return { tokens, count, commentStart };
}

/** `\"` and `\\` from the design, plus `\n`, `\r`, `\t`: payloads such as HTTP lines need them. */
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t' };

function scanString(line: string, start: number, tokens: Token[], count: number, pool: TokenPool | undefined): number {
  const close = line.indexOf('"', start + 1);
  tally((close < 0 ? line.length : close) - start); // the characters looked at (tests of growth count them)
  // A backslash is looked for only up to the closing quote: a line of many strings stays linear.
  let backslash = -1;
  for (let j = start + 1; j < close; j++) {
    if (line.charCodeAt(j) === BACKSLASH) {
      backslash = j;
      break;
    }
  }
  if (close >= 0 && backslash < 0) {
    // The common case, no escapes: one slice instead of a string built character by character.
    make(tokens, count, pool, line, 'string', start, close + 1, line.slice(start + 1, close), undefined);
    return close + 1;
  }
  let i = start + 1;
  const parts: string[] = [];
  let error: string | undefined;
  while (i < line.length && line[i] !== '"') {
    if (line[i] === '\\') {
      const next = line[i + 1];
      const escaped = next === undefined ? undefined : ESCAPES[next];
      if (escaped !== undefined) {
        parts.push(escaped);
        i += 2;
        continue;
      }
      error ??= `bad escape \\${next ?? ''}`;
      i += next === undefined ? 1 : 2;
      continue;
    }
    parts.push(line[i]!);
    i++;
  }
  if (i >= line.length) error = 'unterminated string';
  else i++; // closing quote
  make(tokens, count, pool, line, 'string', start, i, parts.join(''), error);
  return i;
}
