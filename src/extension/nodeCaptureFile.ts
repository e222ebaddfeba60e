/** Desktop only: a local capture file read 4 MB at a time through Node's fs (captureFileAccess.ts). */

import { open } from 'node:fs/promises';
import type * as vscode from 'vscode';
import type { OpenedCapture } from './captureFileAccess.js';

export async function openLocalCapture(uri: vscode.Uri): Promise<OpenedCapture | undefined> {
  if (uri.scheme !== 'file') return undefined;
  const handle = await open(uri.fsPath, 'r');
  const { size } = await handle.stat();
  let position = 0;
  return {
    size,
    async read(into) {
      let got = 0;
      while (got < into.length) {
        const { bytesRead } = await handle.read(into, got, into.length - got, position);
        if (bytesRead === 0) break;
        got += bytesRead;
        position += bytesRead;
      }
      return got;
    },
    close: () => handle.close(),
  };
}
