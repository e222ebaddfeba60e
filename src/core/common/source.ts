/**
 * Positions and ranges in a document: 0-based line and UTF-16 character, the same shape
 * the Language Server Protocol uses, so the server passes them through unchanged.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * A stretch of one line: the syntax tree stores these (one small object instead of three), and
 * they become LSP-shaped ranges only where a diagnostic, edit or hover needs one.
 */
export interface Span {
  readonly line: number;
  readonly start: number;
  readonly end: number;
}

export function span(line: number, start: number, end: number): Span {
  return { line, start, end };
}

export function toRange(s: Span | Range): Range {
  return 'line' in s ? { start: { line: s.line, character: s.start }, end: { line: s.line, character: s.end } } : s;
}

/** Splits text into lines, accepting \n, \r\n and \r, without the line terminators. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
