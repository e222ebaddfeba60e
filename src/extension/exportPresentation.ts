/**
 * "TCP Flow: Export Presentation…": the flow in the active editor (a .tcpflow file, or the
 * ```tcpflow block at the cursor of a Markdown note) as the HTML slide file `tcpflow-cli render
 * --format html` writes — self-contained, offline, in VS Code's display language. Reads and
 * writes through vscode.workspace.fs and hashes with Web Crypto, so it works on the web too.
 */

import * as vscode from 'vscode';
import { checkWith, findTcpflowBlocks } from '../core/index.js';
import { slideData } from '../shared/slideData.js';
import { slideHtml, slideScript } from '../shared/slideHtml.js';
import { editorCheckSettings, editorLang } from './settings.js';

/** The flow to present and where it starts in the document (a Markdown block: the one at the cursor, or the first). */
function flowOf(doc: vscode.TextDocument, cursorLine: number): { text: string; lineOffset: number } | undefined {
  if (doc.languageId === 'tcpflow') return { text: doc.getText(), lineOffset: 0 };
  const blocks = findTcpflowBlocks(doc.getText());
  const block = blocks.find((b) => cursorLine >= b.fenceLine && cursorLine <= b.endLine) ?? blocks[0];
  return block && { text: block.content, lineOffset: block.startLine };
}

async function sha256Base64(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let bin = '';
  for (const b of digest) bin += String.fromCharCode(b);
  return btoa(bin);
}

export async function exportPresentation(extensionUri: vscode.Uri, arg?: unknown): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : editor?.document;
  const flow = doc && flowOf(doc, doc === editor?.document ? editor.selection.active.line : 0);
  if (!doc || !flow) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Open a .tcpflow file (or a Markdown note with a ```tcpflow block) to export it as a presentation.'),
    );
    return;
  }
  const result = checkWith(flow.text, editorCheckSettings());
  const name = doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '') || 'flow';
  const lang = editorLang();
  const dist = async (name: string): Promise<string> =>
    new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', name)));
  const script = slideScript(await dist('mermaid.js'), await dist('slides.js'));
  const html = slideHtml({ data: slideData(result, name, lang, { lineOffset: flow.lineOffset }), script, scriptHash: await sha256Base64(script) });
  const base = doc.isUntitled ? undefined : doc.uri.with({ path: doc.uri.path.replace(/\.[^./]+$/, '') + '.html' });
  const target = await vscode.window.showSaveDialog({
    ...(base ? { defaultUri: base } : {}),
    filters: { HTML: ['html'] },
    title: vscode.l10n.t('Export the flow as a presentation'),
  });
  if (!target) return;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
  void vscode.window.setStatusBarMessage(vscode.l10n.t('Saved {0}', target.path.split('/').pop() ?? ''), 3000);
}
