/**
 * "TCP Flow: Import Capture…": pick a pcap, pcapng or tcpdump text file (or get one from the
 * explorer's context menu), choose the interface and the connection when it holds several, and
 * open the imported flow in a new editor with the preview beside it. A pcap or pcapng file is
 * read in 4 MB pieces (captureFileAccess.ts) through the streaming scanner, under a progress
 * notification with the share read and a Cancel button.
 */

import * as vscode from 'vscode';
import {
  CaptureError,
  CaptureScanner,
  CHUNK_SIZE,
  captureFormat,
  earlierToKeep,
  importCapture,
  importScanned,
  interfaceText,
  notACapture,
  type ImportOptions,
  type ImportResult,
  type Scanned,
} from '../capture/index.js';
import { particles } from '../core/index.js';
import { openCaptureFile, type OpenedCapture } from './captureFileAccess.js';

/** Text bigger than this is not something anyone pasted (the CLI's limit too). */
const MAX_TEXT = 256 * 1024 * 1024;

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
  const file = uri;
  try {
    const run = await importer(file, name);
    // One pass reads the first connection and lists them all; another only if the user picks another.
    let result = await run({ source: name });
    if (!result) return cancelled(name);
    // A pcapng file with TCP on several interfaces: one is read (never merged); the user picks it.
    const withTcp = result.interfaces.filter((i) => i.tcpSegments > 0);
    if (withTcp.length > 1) {
      const pick = await vscode.window.showQuickPick(
        withTcp.map((i) => ({ label: interfaceText(i), description: vscode.l10n.t('{0} TCP segments', i.tcpSegments), detail: i.description, index: i.index })),
        { title: vscode.l10n.t('{0} holds TCP from {1} interfaces: which one?', name, withTcp.length) },
      );
      if (!pick) return;
      if (!result.interfaces.find((i) => i.index === pick.index)?.read) result = await run({ source: name, interface: pick.index });
      if (!result) return cancelled(name);
    }
    const iface = result.interfaces.find((i) => i.read)?.index;
    if (result.connectionCount > 1) {
      const { connections } = result;
      const choice = await vscode.window.showQuickPick(
        connections.map((c) => ({
          label: `${c.a} → ${c.b}`,
          description: vscode.l10n.t('{0} segments', c.segments),
          detail: c.opened ? undefined : vscode.l10n.t('no handshake in the capture'),
          index: c.index,
        })),
        { title: vscode.l10n.t('{0} holds {1} connections: which one?', name, connections.length), matchOnDescription: true },
      );
      if (!choice) return;
      if (choice.index !== result.chosen.index)
        result = await run({ connection: choice.index, source: name, ...(iface !== undefined ? { interface: iface } : {}) });
      if (!result) return cancelled(name);
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

function cancelled(name: string): void {
  void vscode.window.showInformationMessage(vscode.l10n.t('TCP Flow: the import of {0} was cancelled', name));
}

/** How the file is imported with some options: undefined when the user cancelled the reading. */
async function importer(uri: vscode.Uri, name: string): Promise<(options: ImportOptions) => Promise<ImportResult | undefined>> {
  const first = await openCaptureFile(uri);
  const head = new Uint8Array(Math.min(4096, first.size));
  const got = await first.read(head);
  await first.close();
  const problem = notACapture(head.subarray(0, got), first.size);
  if (problem) throw new CaptureError(problem);
  if (captureFormat(head) === 'text') {
    if (first.size > MAX_TEXT) throw new CaptureError(`neither a pcap nor a pcapng file, and too big (${first.size} bytes) to be tcpdump text`);
    const whole = await openCaptureFile(uri);
    const bytes = new Uint8Array(whole.size);
    let at = 0;
    for (let n = 1; n > 0 && at < bytes.length; at += n) n = await whole.read(bytes.subarray(at));
    await whole.close();
    const text = new TextDecoder().decode(bytes.subarray(0, at));
    return (options) => Promise.resolve(importCapture({ text }, options));
  }
  return (options) => Promise.resolve(scanWithProgress(uri, name, options));
}

/**
 * A pcap or pcapng file read under a progress notification (the share read, and a Cancel button
 * that stops between two pieces), then imported: the import, or undefined when cancelled. A
 * connection whose SYN met the socket of an earlier one on its four-tuple is written with that
 * one, so the file is then read a second time, keeping that one's packets too.
 */
function scanWithProgress(uri: vscode.Uri, name: string, options: ImportOptions): Thenable<ImportResult | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('TCP Flow: reading {0}', name), cancellable: true },
    async (progress, token) => {
      const read = async (alsoKeep: number | undefined): Promise<Scanned | undefined> => {
        const file: OpenedCapture = await openCaptureFile(uri);
        try {
          const scanner = new CaptureScanner({ connection: options.connection ?? 1, interface: options.interface, alsoKeep });
          const buffer = new Uint8Array(Math.max(1, Math.min(CHUNK_SIZE, file.size)));
          // The second reading's share counts from 0 again: the bar moves on its own half.
          let shown = 0;
          for (;;) {
            if (token.isCancellationRequested) return undefined;
            const n = await file.read(buffer);
            if (n === 0) break;
            scanner.push(buffer.subarray(0, n));
            const share = file.size > 0 ? Math.floor((100 * scanner.bytesRead) / file.size) : 100;
            if (share > shown) {
              const message = vscode.l10n.t('{0} % of {1} MB', share, (file.size / 1e6).toFixed(0));
              progress.report({
                increment: alsoKeep === undefined ? share - shown : 0,
                message: alsoKeep === undefined ? message : vscode.l10n.t('again, for the connection it reuses: {0}', message),
              });
              shown = share;
            }
            // Let the Cancel button (and the rest of the window) be heard between two pieces.
            await new Promise<void>((resolve) => setTimeout(resolve, 0));
          }
          return token.isCancellationRequested ? undefined : scanner.end();
        } finally {
          await file.close();
        }
      };
      const first = await read(undefined);
      if (!first) return undefined;
      const earlier = earlierToKeep(first, options);
      const scanned = earlier === undefined ? first : await read(earlier);
      return scanned && importScanned(scanned, options);
    },
  );
}
