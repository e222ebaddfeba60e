/**
 * What the HTML slide file carries: the flow's diagram (Mermaid text, drawn elements, marks) and
 * present mode's steps, made from a check result by the CLI and by "Export Presentation…".
 */

import { presentation, toMermaid, type CheckResult, type Lang } from '../core/index.js';
import { diagramData } from './diagramData.js';
import type { Diagram } from './previewProtocol.js';

export interface SlideData {
  readonly title: string;
  readonly lang: Lang;
  readonly diagram: Diagram;
  /** Set by `render --format svg`: the page writes each step's SVG into the page for the CLI to read. */
  readonly exportSvg?: boolean;
}

export const SLIDE_DATA_ID = 'tcpflow-slides';
export const SVG_EXPORT_ID = 'tcpflow-svg-export';

/** `lineOffset`: where the flow starts in its file (a Markdown block), so presenter notes name the file's lines. */
export function slideData(
  result: CheckResult,
  fallbackTitle: string,
  lang: Lang,
  options: { readonly exportSvg?: boolean; readonly lineOffset?: number } = {},
): SlideData {
  const exportSvg = options.exportSvg ?? false;
  const at = (line: number): number => line + (options.lineOffset ?? 0);
  const title = result.document.statements.find((s) => s.kind === 'title');
  const out = toMermaid(result, { showStates: true });
  const steps = presentation(result);
  const diagram: Diagram = {
    ...diagramData(result, out, lang, options.lineOffset ?? 0, out.elements.filter((e) => e.kind === 'message').length),
    presentation: { ...steps, steps: steps.steps.map((s) => ({ ...s, line: at(s.line) })) },
  };
  return { title: title?.kind === 'title' ? title.text : fallbackTitle, lang, diagram, ...(exportSvg ? { exportSvg } : {}) };
}
