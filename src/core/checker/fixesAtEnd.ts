/**
 * Quick fixes that add lines after the last one (TF600's missing answer) are computed as an
 * insertion at the start of the line after the last; a file without a final newline has no
 * such line, and an editor would glue the new text onto the last line. This turns each such
 * edit into an insertion at the end of the last line that starts with a line break.
 */

import type { Diagnostic, Fix, TextEdit } from '../common/diagnostics.js';

export function fixesPastTheEnd(diagnostics: Diagnostic[], text: string, lineCount: number): void {
  const lastLine = lineCount - 1;
  const past = (e: TextEdit): boolean => e.range.start.line > lastLine;
  let moved: ((e: TextEdit) => TextEdit) | undefined;
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i]!;
    if (!d.fixes.some((f) => f.edits.some(past))) continue;
    // Where the text ends and its line break, looked for only when a fix needs them (the text may be megabytes long).
    moved ??= movedTo(text, lastLine, past);
    const fixes: Fix[] = d.fixes.map((f) => ({ title: f.title, edits: f.edits.map(moved!) }));
    diagnostics[i] = { ...d, fixes };
  }
}

function movedTo(text: string, lastLine: number, past: (e: TextEdit) => boolean): (e: TextEdit) => TextEdit {
  const lastBreak = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  const end = { line: lastLine, character: text.length - (lastBreak + 1) };
  const eol = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n'; // the file's own line break
  return (e) => (past(e) ? { range: { start: end, end }, newText: `${eol}${e.newText.replace(/\r?\n$/, '')}` } : e);
}
