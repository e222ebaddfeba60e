/**
 * Quick fixes: each tcpflow diagnostic carries its fixes (in its `data`, made by convert.ts); the
 * first is the preferred one.
 */

import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { DiagnosticData } from './convert.js';

export function codeActions(p: CodeActionParams): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of p.context.diagnostics) {
    const data = d.data as DiagnosticData | undefined;
    if (d.source !== 'tcpflow' || !data?.fixes) continue;
    data.fixes.forEach((f, i) => {
      actions.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0, edit: { changes: { [p.textDocument.uri]: [...f.edits] } } });
    });
  }
  return actions;
}
