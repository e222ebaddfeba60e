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

/**
 * The lines of a text one after another, cut where splitLines cuts them (`\r\n`, `\r`, `\n`), as
 * offsets into the text: a reader that wants a line's characters reads them in place, and no string
 * is made per line.
 */
export class LineCursor {
  /** The current line: `text.slice(start, end)`. */
  start = 0;
  end = 0;
  private pos = 0;
  private lf: number;
  private cr: number;

  constructor(private readonly text: string) {
    this.lf = text.indexOf('\n');
    this.cr = text.indexOf('\r');
  }

  /** Moves to the next line (the first, on the first call); false past the last. */
  next(): boolean {
    const { text, pos } = this;
    if (pos > text.length) return false;
    if (this.lf >= 0 && this.lf < pos) this.lf = text.indexOf('\n', pos);
    if (this.cr >= 0 && this.cr < pos) this.cr = text.indexOf('\r', pos);
    const { lf, cr } = this;
    const end = lf < 0 ? (cr < 0 ? text.length : cr) : cr < 0 || lf < cr ? lf : cr;
    this.start = pos;
    this.end = end;
    this.pos = end === text.length ? end + 1 : end + (end === cr && lf === end + 1 ? 2 : 1);
    return true;
  }
}

/** How many lines splitLines would give, without making them. */
export function countLines(text: string): number {
  const c = new LineCursor(text);
  let n = 0;
  while (c.next()) n++;
  return n;
}
