/**
 * The author's flow drawn as the checker draws it (Mermaid), with what the kernel did marked
 * beside each line it disagrees with: `✗ Linux: ack=x+1`, `✗ Linux sent nothing`, and the
 * segments it sent more. The arrows stay the author's; nothing is corrected silently.
 */

import { escapeText, toMermaid, type Diagnostic, type MermaidOutput } from '../core/index.js';

type DiagramElement = MermaidOutput['elements'][number];
import type { LineResult, RunResult } from './runner.js';

/** The marks of one line, or none when the kernel agreed. */
export function marks(l: LineResult): string[] {
  const out: string[] = [];
  if (l.verdict === 'differs') out.push(`✗ Linux: ${(l.differences ?? []).map((d) => (d.field === 'state' ? d.kernel : `${d.field}=${d.kernel}`)).join(' ')}`);
  if (l.verdict === 'nothing') out.push('✗ Linux sent nothing');
  for (const e of l.extras) out.push(`+ Linux sent more: ${e.replace(/^\S+ -> \S+: /, '')}`);
  return out;
}

export function markedDiagram(r: RunResult, showStates = true): string {
  return markedDiagramOutput(r, showStates).text;
}

/**
 * The marked diagram with each drawn element's line (in Mermaid's drawing order, as the preview
 * maps them): the author's arrows and notes, and each mark a note of its line, in error.
 */
export function markedDiagramOutput(r: RunResult, showStates = true): MermaidOutput {
  const result = r.plan.result;
  // The disagreeing lines drawn in the error colour, as the checker's errors are.
  const diagnostics: Diagnostic[] = r.lines
    .filter((l) => l.verdict === 'differs' || l.verdict === 'nothing')
    .map(
      (l) =>
        ({
          code: 'TF201',
          severity: 'error',
          range: { start: { line: l.line, character: 0 }, end: { line: l.line, character: 0 } },
          args: {},
          related: [],
          fixes: [],
        }) as unknown as Diagnostic,
    );
  const out = toMermaid({ ...result, diagnostics }, { showStates });
  const ids = new Map(result.simulation.participants.map((p, i) => [p.name, `P${i + 1}`]));
  const k = ids.get(r.kernel) ?? 'P1';
  const pending = r.lines.filter((l) => marks(l).length > 0);
  const drawn: string[] = [];
  const elements: DiagramElement[] = [];
  const note = (l: LineResult): void => {
    for (const m of marks(l)) {
      drawn.push(`    Note right of ${k}: ${escapeText(m)}`);
      elements.push({ kind: 'note', line: l.line, error: true });
    }
  };
  let el = 0;
  let next = 0;
  for (const line of out.text.replace(/\n$/, '').split('\n')) {
    drawn.push(line);
    if (/^\s*(P\d+\s*-|Note )/.test(line) && el < out.elements.length) {
      const e = out.elements[el++]!;
      elements.push(e);
      while (next < pending.length && pending[next]!.line <= e.line) note(pending[next++]!);
    }
  }
  while (next < pending.length) note(pending[next++]!);
  return { text: drawn.join('\n'), elements };
}
