/**
 * The scanner: turns one line of a `.tcpflow` document into tokens. The language is
 * line-oriented, so scanning line by line keeps every error local to its line and makes
 * recovery trivial: a bad character becomes an `unknown` token, never an exception.
 */

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
  /** Column where a comment starts, or -1. */
  readonly commentStart: number;
}

const LETTER = /[\p{L}]/u;
const NAME_CHAR = /[\p{L}\p{N}_]/u;

// ASCII fast paths: the Unicode property tests run only for characters beyond ASCII.
function isLetter(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER.test(ch);
}
function isNameChar(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;
  return NAME_CHAR.test(ch);
}
function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
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
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95) {
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

const SINGLE: Readonly<Record<string, TokenKind>> = {
  '>': 'compatArrow',
  '&': 'amp',
  '?': 'question',
  '@': 'at',
  ':': 'colon',
  ',': 'comma',
  '+': 'plus',
  '-': 'minus',
  '/': 'slash',
  '=': 'equals',
};

export function scanLine(line: string, pool?: TokenPool): ScannedLine {
  const tokens: Token[] = pool ? pool.tokens : [];
  tokens.length = 0;
  // Every token has the same shape (value and error set or not), which keeps V8's accesses fast.
  const make = (kind: TokenKind, start: number, end: number, value: string | undefined, error: string | undefined): void => {
    const text = line.slice(start, end);
    const t = pool?.objects[tokens.length];
    if (!t) {
      const fresh: MutableToken = { kind, text, start, end, value, error };
      pool?.objects.push(fresh);
      tokens.push(fresh);
      return;
    }
    t.kind = kind;
    t.text = text;
    t.start = start;
    t.end = end;
    t.value = value;
    t.error = error;
    tokens.push(t);
  };
  let i = 0;
  let commentStart = -1;
  const push = (kind: TokenKind, start: number, end: number): void => make(kind, start, end, undefined, undefined);
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\uFEFF') {
      i++;
      continue;
    }
    if (ch === '#' || (ch === '/' && line[i + 1] === '/')) {
      commentStart = i;
      break;
    }
    const start = i;
    if (ch === '"') {
      i = scanString(line, i, make);
      continue;
    }
    if (isDigit(ch)) {
      while (isDigit(line[i])) i++;
      let kind: TokenKind = 'number';
      if (line[i] === '.' && isDigit(line[i + 1])) {
        i++;
        while (isDigit(line[i])) i++;
        kind = 'duration';
      }
      if (isLetter(charAt(line, i))) {
        i = nameEnd(line, i);
        kind = 'duration';
      }
      push(kind, start, i);
      continue;
    }
    const c = charAt(line, i);
    if (isLetter(c)) {
      i = nameEnd(line, i);
      push('word', start, i);
      continue;
    }
    if (ch === '-' && line[i + 1] === '>') {
      push('arrow', start, (i += 2));
      continue;
    }
    if (ch === '-' && (line[i + 1] === 'x' || line[i + 1] === 'X') && !isNameChar(charAt(line, i + 2)) && tokens.length > 0) {
      push('lostArrow', start, (i += 2));
      continue;
    }
    if (ch === '=' && line[i + 1] === '=' && tokens.length === 0) {
      push('section', start, (i += 2));
      continue;
    }
    const kind = SINGLE[ch];
    i += c.length || 1;
    push(kind ?? 'unknown', start, i);
  }
  return { tokens, commentStart };
}

/** `\"` and `\\` from the design, plus `\n`, `\r`, `\t`: payloads such as HTTP lines need them. */
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', r: '\r', t: '\t' };

function scanString(line: string, start: number, make: (kind: 'string', start: number, end: number, value: string, error: string | undefined) => void): number {
  const close = line.indexOf('"', start + 1);
  // A backslash is looked for only up to the closing quote: a line of many strings stays linear.
  let backslash = -1;
  for (let j = start + 1; j < close; j++) {
    if (line.charCodeAt(j) === 92) {
      backslash = j;
      break;
    }
  }
  if (close >= 0 && backslash < 0) {
    // The common case, no escapes: one slice instead of a string built character by character.
    make('string', start, close + 1, line.slice(start + 1, close), undefined);
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
  make('string', start, i, parts.join(''), error);
  return i;
}
