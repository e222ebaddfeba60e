/** Conversions from the core's results to LSP shapes, with a flow's line offset applied. */

import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import { messageOf, particles, type Diagnostic, type Fix, type Lang, type Range } from '../core/index.js';
import type { Flow } from './analysis.js';
import type { Settings } from './settings.js';

const SOURCE = 'tcpflow';

export function shift(r: Range, lineOffset: number): LspRange {
  return { start: { line: r.start.line + lineOffset, character: r.start.character }, end: { line: r.end.line + lineOffset, character: r.end.character } };
}

const SEVERITY = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

/** What a diagnostic carries for the code-action handler: its fixes, already in document lines. */
export interface DiagnosticData {
  readonly fixes: readonly { readonly title: string; readonly edits: readonly LspTextEdit[] }[];
}

function fixesFor(fixes: readonly Fix[], lineOffset: number, lang: Lang): DiagnosticData['fixes'] {
  return fixes.map((f) => ({ title: particles(f.title[lang]), edits: f.edits.map((e) => ({ range: shift(e.range, lineOffset), newText: e.newText })) }));
}

export function toLspDiagnostics(flow: Flow, uri: string, lang: Lang, settings: Settings): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  for (const d of flow.diagnostics) {
    if (!settings.hints && /^TF[67]/.test(d.code)) continue;
    out.push(toLsp(d, flow.lineOffset, uri, lang));
  }
  return out;
}

export function toLsp(d: Diagnostic, lineOffset: number, uri: string, lang: Lang): LspDiagnostic {
  const data: DiagnosticData = { fixes: fixesFor(d.fixes, lineOffset, lang) };
  return {
    range: shift(d.range, lineOffset),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: SOURCE,
    message: messageOf(d, lang),
    ...(d.code === 'TF191' ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(d.related.length
      ? { relatedInformation: d.related.map((r) => ({ location: { uri, range: shift(r.range, lineOffset) }, message: particles(r.message[lang]) })) }
      : {}),
    data,
  };
}
