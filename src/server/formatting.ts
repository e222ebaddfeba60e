/**
 * Formatting: segment lines get one spelling, the core's segmentLine (shared with the capture
 * importer) — `A -> B: FLAGS fields "payload"` with single spaces, flags in the canonical order
 * (`SYN ACK`), `>` as `->`, no `TCP` prefix — and their arrows aligned within each run of
 * consecutive segment lines; other lines lose trailing blanks. A line with a syntax error is
 * left exactly as it is.
 */

import type { TextEdit } from 'vscode-languageserver';
import { isSyntaxError, segmentLine, segmentLineParts, type SegmentStmt } from '../core/index.js';
import type { Analysis, Flow } from './analysis.js';

function commentOf(line: string, from: number): string {
  const rest = line.slice(from);
  const m = /(#|\/\/).*$/.exec(rest);
  return m ? m[0].trimEnd() : '';
}

function formatFlow(flow: Flow): TextEdit[] {
  const edits: TextEdit[] = [];
  const broken = new Set(flow.result.diagnostics.filter(isSyntaxError).map((d) => d.range.start.line));
  const segs = flow.result.document.statements.filter((s): s is SegmentStmt => s.kind === 'segment' && !broken.has(s.line));
  // Runs of segments on consecutive lines share a column for the arrow.
  const width = new Map<SegmentStmt, number>();
  for (let i = 0; i < segs.length;) {
    let j = i;
    while (segs[j + 1] && segs[j + 1]!.line === segs[j]!.line + 1) j++;
    const run = segs.slice(i, j + 1);
    let w = 0;
    for (const s of run) w = Math.max(w, s.fromText.length + (s.spoofs ? 4 + s.spoofs.text.length : 0)); // no spread: a run may be thousands of lines
    run.forEach((s) => width.set(s, w));
    i = j + 1;
  }
  const handled = new Set<number>();
  for (const s of segs) {
    const src = flow.lines[s.line] ?? '';
    // Every flag, field and mark as written, a repeated one (TF110) included: nothing is dropped.
    const text = segmentLine({ ...segmentLineParts(s, src), fromWidth: width.get(s) ?? 0, comment: commentOf(src, s.range.end) });
    handled.add(s.line);
    if (text !== src)
      edits.push({
        range: { start: { line: s.line + flow.lineOffset, character: 0 }, end: { line: s.line + flow.lineOffset, character: src.length } },
        newText: text,
      });
  }
  flow.lines.forEach((src, i) => {
    if (handled.has(i) || broken.has(i)) return;
    const trimmed = src.trimEnd();
    if (trimmed !== src)
      edits.push({
        range: { start: { line: i + flow.lineOffset, character: trimmed.length }, end: { line: i + flow.lineOffset, character: src.length } },
        newText: '',
      });
  });
  return edits;
}

export function format(a: Analysis): TextEdit[] {
  return a.flows.flatMap(formatFlow);
}
