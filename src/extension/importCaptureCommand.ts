/**
 * "TCP Flow: Import Capture…": pick a pcap, pcapng or tcpdump text file (or get one from the
 * explorer's context menu), choose the connection when it holds several, and open the imported
 * flow in a new editor with the preview beside it.
 */

import * as vscode from 'vscode';
import { captureFormat, CaptureError, importCapture, memorySource, notACapture, type CaptureInput } from '../capture/index.js';

export async function importCaptureCommand(arg: unknown, openPreview: () => Promise<unknown> | unknown): Promise<void> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: vscode.l10n.t('Import'),
      title: vscode.l10n.t('Import a TCP connection from a capture'),
      filters: { [vscode.l10n.t('Captures')]: ['pcap', 'pcapng', 'cap', 'txt', 'log'], [vscode.l10n.t('All files')]: ['*'] },
    });
    uri = picked?.[0];
  }
  if (!uri) return;
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    const problem = notACapture(bytes, bytes.length);
    if (problem) throw new CaptureError(problem);
    const input: CaptureInput = captureFormat(bytes) === 'text' ? { text: new TextDecoder().decode(bytes) } : { bytes: memorySource(bytes) };
    // One pass reads the first connection and lists them all; a second only if the user picks another.
    let result = importCapture(input, { source: name });
    const { connections } = result;
    if (connections.length > 1) {
      const choice = await vscode.window.showQuickPick(
        connections.map((c) => ({ label: `${c.a} → ${c.b}`, description: vscode.l10n.t('{0} segments', c.segments), detail: c.opened ? undefined : vscode.l10n.t('no handshake in the capture'), index: c.index })),
        { title: vscode.l10n.t('{0} holds {1} connections: which one?', name, connections.length), matchOnDescription: true },
      );
      if (!choice) return;
      if (choice.index !== result.chosen.index) result = importCapture(input, { connection: choice.index, source: name });
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'tcpflow', content: result.text });
    await vscode.window.showTextDocument(doc, { preview: false });
    await openPreview();
    if (result.warnings.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('TCP Flow: {0}', result.warnings.join('; ')));
  } catch (e) {
    const message = e instanceof CaptureError ? e.message : String(e);
    void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: cannot import {0}: {1}', name, message));
  }
}
