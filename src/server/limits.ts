/**
 * The editor's limits applied to what the server publishes: a document over the size limit
 * gets its one TF900; any other gets at most EDITOR_LIMITS.maxDiagnostics diagnostics, the most
 * severe first, the last of them a TF901 that says how many were left out.
 */

import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { capped, EDITOR_LIMITS, leftOutDiagnostic, type Lang, type Severity } from '../core/index.js';
import type { Analysis } from './analysis.js';
import { toLsp, toLspDiagnostics } from './convert.js';
import type { Settings } from './settings.js';

const SEVERITY: readonly Severity[] = ['error', 'error', 'warning', 'information', 'hint']; // by LSP number

export function publishedDiagnostics(a: Analysis, uri: string, lang: Lang, settings: Settings): LspDiagnostic[] {
  if (a.tooLarge) return [toLsp(a.tooLarge, 0, uri, lang)];
  if (!settings.diagnostics) return [];
  const all = a.flows.flatMap((f) => toLspDiagnostics(f, uri, lang, settings));
  return capped(
    all,
    EDITOR_LIMITS.maxDiagnostics,
    (d) => SEVERITY[d.severity ?? 1]!,
    (left) => toLsp(leftOutDiagnostic(left), 0, uri, lang),
  );
}
