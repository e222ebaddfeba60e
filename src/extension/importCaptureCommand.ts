/**
 * "TCP Flow: Import Capture…": pick a pcap, pcapng or tcpdump text file (or get one from the
 * explorer's context menu), choose the interface and the connection when it holds several, and
 * open the imported flow in a new editor with the preview beside it.
 */

import * as vscode from 'vscode';
import { captureFormat, CaptureError, importCapture, interfaceText, memorySource, notACapture, type CaptureInput } from '../capture/index.js';
import { particles } from '../core/index.js';

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
    // A pcapng file with TCP on several interfaces: one is read (never merged); the user picks it.
    const withTcp = result.interfaces.filter((i) => i.tcpSegments > 0);
    if (withTcp.length > 1) {
      const pick = await vscode.window.showQuickPick(
        withTcp.map((i) => ({ label: interfaceText(i), description: vscode.l10n.t('{0} TCP segments', i.tcpSegments), detail: i.description, index: i.index })),
        { title: vscode.l10n.t('{0} holds TCP from {1} interfaces: which one?', name, withTcp.length) },
      );
      if (!pick) return;
      if (!result.interfaces.find((i) => i.index === pick.index)?.read) result = importCapture(input, { source: name, interface: pick.index });
    }
    const iface = result.interfaces.find((i) => i.read)?.index;
    const { connections } = result;
    if (connections.length > 1) {
      const choice = await vscode.window.showQuickPick(
        connections.map((c) => ({ label: `${c.a} → ${c.b}`, description: vscode.l10n.t('{0} segments', c.segments), detail: c.opened ? undefined : vscode.l10n.t('no handshake in the capture'), index: c.index })),
        { title: vscode.l10n.t('{0} holds {1} connections: which one?', name, connections.length), matchOnDescription: true },
      );
      if (!choice) return;
      if (choice.index !== result.chosen.index) result = importCapture(input, { connection: choice.index, source: name, ...(iface !== undefined ? { interface: iface } : {}) });
    }
    const doc = await vscode.workspace.openTextDocument({ language: 'tcpflow', content: result.text });
    await vscode.window.showTextDocument(doc, { preview: false });
    await openPreview();
    if (result.warnings.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('TCP Flow: {0}', result.warnings.join('; ')));
  } catch (e) {
    const message = e instanceof CaptureError ? e.message : String(e);
    void vscode.window.showErrorMessage(particles(vscode.l10n.t('TCP Flow: cannot import {0}: {1}', name, message)));
  }
}
