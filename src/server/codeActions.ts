/**
 * Quick fixes: each tcpflow diagnostic carries its fixes (in its `data`, made by convert.ts); the
 * first is the preferred one.
 */

import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { DiagnosticData } from './convert.js';

export function codeActions(p: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  // What the client sends back is checked: a diagnostic that is not ours, or data not as convert.ts made it, has no fix.
  const uri = p.textDocument?.uri;
  const diagnostics: unknown = p.context?.diagnostics;
  if (typeof uri !== 'string' || !Array.isArray(diagnostics)) return actions;
  for (const d of diagnostics as Diagnostic[]) {
    const fixes = (d?.data as DiagnosticData | undefined)?.fixes;
    if (d?.source !== 'tcpflow' || !Array.isArray(fixes)) continue;
    fixes.forEach((f, i) => {
      if (typeof f?.title !== 'string' || !Array.isArray(f.edits)) return;
      actions.push({
        title: f.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: i === 0,
        edit: { changes: { [uri]: Array.from(f.edits) } },
      });
    });
  }
  return actions;
}
