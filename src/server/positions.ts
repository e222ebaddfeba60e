/**
 * Positions and ranges as a client sends them, checked before any feature reads them: whole,
 * non-negative numbers, or nothing (the request is answered empty, never with a crash). A line
 * past the end of the document is simply on no flow.
 */

import type { Position, Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

const count = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

export function positionOf(p: unknown): Position | undefined {
  const o = p as { line?: unknown; character?: unknown } | null | undefined;
  return o && typeof o === 'object' && count(o.line) && count(o.character) ? { line: o.line, character: o.character } : undefined;
}

export function rangeOf(r: unknown): Range | undefined {
  const o = r as { start?: unknown; end?: unknown } | null | undefined;
  const start = o && typeof o === 'object' ? positionOf(o.start) : undefined;
  const end = o && typeof o === 'object' ? positionOf(o.end) : undefined;
  return start && end ? { start, end } : undefined;
}

/** The text of one line of the document, without its line break ('' past the end). */
export function lineOf(doc: TextDocument, line: number): string {
  if (line >= doc.lineCount) return '';
  return doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}
