/**
 * "Convert tcpflow Block to Mermaid": in a Markdown editor, replaces the ```tcpflow block at the
 * cursor (or the first one) with a ```mermaid block of its diagram, for sites that only know Mermaid.
 * The block is checked and drawn as the settings say (`tcpflow.stack`, `tcpflow.msl`,
 * `tcpflow.preview.showStates`, `tcpflow.preview.showOptions`), like everywhere else.
 */

import * as vscode from 'vscode';
import { checkWith, findTcpflowBlocks, mermaidFence, toMermaidIn } from '../core/index.js';
import { editorCheckSettings, editorDrawSettings, editorLang } from './settings.js';

export async function convertBlockToMermaid(editor: vscode.TextEditor | undefined): Promise<boolean> {
  if (!editor) return false;
  const doc = editor.document;
  const blocks = findTcpflowBlocks(doc.getText());
  const cursor = editor.selection.active.line;
  const block = blocks.find((b) => cursor >= b.fenceLine && cursor <= b.endLine) ?? blocks[0];
  if (!block) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no ```tcpflow block in this document.'));
    return false;
  }
  const mermaid = toMermaidIn(checkWith(block.content, editorCheckSettings()), editorDrawSettings(), editorLang()).text;
  const endLine = Math.min(block.endLine, doc.lineCount - 1);
  const range = new vscode.Range(block.fenceLine, 0, endLine, doc.lineAt(endLine).text.length);
  return editor.edit((b) => b.replace(range, mermaidFence(mermaid)));
}
