/**
 * The diagram's data as the preview and the slide file both carry it: the Mermaid text, each
 * drawn element and each diagnostic's mark on its document line, the syntax errors counted.
 * Made once here for the server's `tcpflow/diagram` answer and for the slide file.
 */

import { isSyntaxError, messageOf, type CheckResult, type Lang, type MermaidOutput } from '../core/index.js';
import type { Diagram, DiagramMark } from './previewProtocol.js';

/** The parts every diagram has; `lineOffset`: where the flow starts in its file (a Markdown block). */
export function diagramData(result: CheckResult, out: MermaidOutput, lang: Lang, lineOffset: number, segments: number): Diagram {
  let syntaxErrors = 0;
  const marks = result.diagnostics.map((d): DiagramMark => {
    const mark = { line: d.range.start.line + lineOffset, severity: d.severity, message: `${d.code}: ${messageOf(d, lang)}` };
    if (!isSyntaxError(d)) return mark;
    syntaxErrors++;
    return { ...mark, syntax: true };
  });
  return {
    mermaid: out.text,
    elements: out.elements.map((e) => ({ ...e, line: e.line + lineOffset })),
    marks,
    syntaxErrors,
    segments,
  };
}
