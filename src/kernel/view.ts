/**
 * A kernel run as the "Run Against Linux" panel shows it (src/shared/kernelRunProtocol.ts): the
 * text report's per-line verdicts, the summary, and the author's diagram with the kernel's
 * disagreements marked (diagram.ts), each drawn element and mark on its line of the document.
 */

import type { Diagram, DiagramMark } from '../shared/previewProtocol.js';
import type { KernelRunLine, KernelRunView } from '../shared/kernelRunProtocol.js';
import { markedDiagramOutput, marks } from './diagram.js';
import { allAgree, headingText, summary, summaryText, verdictText } from './report.js';
import type { LineResult, RunResult } from './runner.js';

const disagrees = (l: LineResult): boolean => l.verdict === 'differs' || l.verdict === 'nothing';

/**
 * The panel's view of a run. `lineOffset`: where the flow starts in its document (a Markdown
 * note's ```tcpflow block), so every line named is the document's.
 */
export function kernelRunView(
  r: RunResult,
  file: string,
  o: { readonly lineOffset?: number; readonly hasKernelFlow: boolean; readonly showStates?: boolean },
): KernelRunView {
  const at = o.lineOffset ?? 0;
  const lines: KernelRunLine[] = r.lines.map((l) => ({
    line: l.line + at,
    source: l.source.trim(),
    who: l.who,
    verdict: l.verdict,
    mark: l.verdict === 'agrees' ? 'agrees' : disagrees(l) ? 'disagrees' : 'none',
    text: verdictText(l),
    ...(l.kernelSent && disagrees(l) ? { kernelSent: l.kernelSent } : {}),
    extras: [...l.extras],
    ...(l.note ? { note: l.note } : {}),
  }));
  const drawn = markedDiagramOutput(r, o.showStates ?? true);
  // Each drawn line's explanation, shown when the pointer rests on its arrow.
  const diagramMarks: DiagramMark[] = [];
  for (const l of r.lines) {
    const m = marks(l);
    if (m.length === 0) continue;
    const sent = l.kernelSent && disagrees(l) ? [`the kernel sent: ${l.kernelSent}`] : [];
    diagramMarks.push({ line: l.line + at, severity: disagrees(l) ? 'error' : 'warning', message: [verdictText(l), ...sent, ...m].join('\n') });
  }
  const diagram: Diagram = {
    mermaid: drawn.text,
    elements: drawn.elements.map((e) => ({ ...e, line: e.line + at })),
    marks: diagramMarks,
    syntaxErrors: 0,
    segments: drawn.elements.filter((e) => e.kind === 'message').length,
  };
  const s = summary(r);
  return {
    file,
    heading: headingText(r),
    notes: [...r.notes],
    lines,
    final: `the kernel ended in ${r.final.kernel}; the flow ends it in ${r.final.checker}`,
    finalDiffers: s.finalDiffers,
    summary: summaryText(r),
    agrees: allAgree(r),
    cancelled: r.cancelled,
    diagram,
    hasKernelFlow: o.hasKernelFlow,
  };
}
