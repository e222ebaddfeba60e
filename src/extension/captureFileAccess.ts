/**
 * How Import Capture… reads a capture file: in pieces, so a big file shows progress and can be
 * cancelled between them. The default reads the whole file through vscode.workspace.fs (the
 * web extension, any file system) and hands it out in pieces; on the desktop extension.ts
 * installs nodeCaptureFile.ts, which reads a local file 4 MB at a time and never holds it whole.
 */

import * as vscode from 'vscode';

export interface OpenedCapture {
  readonly size: number;
  /** Fills `into` with the next bytes of the file; how many (0 at the end). */
  read(into: Uint8Array): Promise<number>;
  close(): Promise<void>;
}

export type CaptureOpener = (uri: vscode.Uri) => Promise<OpenedCapture | undefined>;

let opener: CaptureOpener | undefined;

/** The desktop extension's way to read local files in pieces (undefined: not a file it reads). */
export function useCaptureOpener(open: CaptureOpener): void {
  opener = open;
}

export async function openCaptureFile(uri: vscode.Uri): Promise<OpenedCapture> {
  const direct = opener ? await opener(uri) : undefined;
  if (direct) return direct;
  const bytes = await vscode.workspace.fs.readFile(uri);
  let at = 0;
  return {
    size: bytes.length,
    read(into) {
      const n = Math.min(into.length, bytes.length - at);
      into.set(bytes.subarray(at, at + n));
      at += n;
      return Promise.resolve(n);
    },
    close: () => Promise.resolve(),
  };
}
