/**
 * The `tcpflow/diagram` request: the preview's Mermaid text from the server's own analysis (one
 * parse, one source of truth), with the source line of every drawn element. Flows longer than
 * Mermaid draws in reasonable time are drawn around the cursor, and say so.
 */

import { messageOf, T, toMermaidIn, type Lang } from '../core/index.js';
import { diagramData } from '../shared/diagramData.js';
import type { Diagram } from '../shared/previewProtocol.js';
import type { Analysis } from './analysis.js';

/** Mermaid draws 1,000 messages in about a second here; beyond this the preview shows a window. */
const MAX_DRAWN_SEGMENTS = 1200;
const WINDOW_SEGMENTS = 1000;

/** `showOptions`: TCP options in the labels (`tcpflow.preview.showOptions`, sent by the preview). */
export function diagramFor(a: Analysis, showStates: boolean, cursorLine: number | undefined, lang: Lang, showOptions = false): Diagram | null {
  if (a.tooLarge) return { mermaid: '', elements: [], marks: [], syntaxErrors: 0, segments: 0, tooLarge: messageOf(a.tooLarge, lang) };
  const flow = a.flows[0];
  if (!flow) return null;
  const result = flow.result;
  const segmentLines = result.simulation.steps.filter((s) => s.segment).map((s) => s.line);
  let lineWindow: { from: number; to: number } | undefined;
  let truncated: string | undefined;
  if (segmentLines.length > MAX_DRAWN_SEGMENTS) {
    const cursor = cursorLine ?? 0;
    let at = segmentLines.findIndex((l) => l >= cursor);
    if (at < 0) at = segmentLines.length - 1;
    const first = Math.max(0, Math.min(at - WINDOW_SEGMENTS / 2, segmentLines.length - WINDOW_SEGMENTS));
    const last = first + WINDOW_SEGMENTS - 1;
    lineWindow = { from: segmentLines[first]!, to: segmentLines[last]! };
    truncated = T(
      `A long flow: drawing the ${WINDOW_SEGMENTS} segments around the cursor (lines ${lineWindow.from + 1}–${lineWindow.to + 1}) of ${segmentLines.length}.`,
      `긴 흐름입니다: 세그먼트 ${segmentLines.length}개 중 커서 주변 ${WINDOW_SEGMENTS}개(${lineWindow.from + 1}–${lineWindow.to + 1}행)만 그립니다.`,
    )[lang];
  }
  const out = toMermaidIn(result, { showStates, showOptions, ...(lineWindow ? { lineWindow } : {}) }, lang);
  const diagram = diagramData(result, out, lang, flow.lineOffset, segmentLines.length);
  return truncated ? { ...diagram, truncated } : diagram;
}
