/**
 * The VS Code extension on the desktop (Node extension host): starts the tcpflow language server
 * over node IPC and wires it to VS Code (activate.ts), with what only Node can do: reading a
 * capture in pieces and running a flow against the kernel. All the language smarts live in the server
 * and the core; browserExtension.ts is the same extension for vscode.dev and github.dev.
 */

import type MarkdownIt from 'markdown-it';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateWith, clientOptions, CLIENT_NAME } from './activate.js';
import { useCaptureOpener } from './captureFileAccess.js';
import { openLocalCapture } from './nodeCaptureFile.js';
import { useKernelRunner } from './kernelRunAccess.js';
import { nodeKernelRunner } from './nodeKernelRunner.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ extendMarkdownIt(md: MarkdownIt): MarkdownIt }> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  client = new LanguageClient('tcpflow', CLIENT_NAME(), serverOptions, clientOptions());
  useCaptureOpener(openLocalCapture); // Import Capture… reads a local file in pieces
  useKernelRunner(nodeKernelRunner); // Run Against Linux starts the kernel helper (Linux only; it says why elsewhere)

  return activateWith(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
