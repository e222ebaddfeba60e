/**
 * The web extension (vscode.dev, github.dev, the web worker extension host): the same extension
 * as extension.ts, with the language server in a web worker (dist/browser/server.js) instead of
 * a Node process. Nothing here or in what it imports uses Node; esbuild's browser build checks it.
 */

import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, clientOptions, CLIENT_NAME } from './activate.js';

/** The web worker extension host's Worker (this part's type-check has no DOM). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

let client: LanguageClient | undefined;

/**
 * The server's worker. On vscode.dev the extension is served over https and the worker loads
 * from there; VS Code refuses workers from a remote server's extensions (code-server, Codespaces),
 * so there the script is read through vscode.workspace.fs and started from a blob URL.
 */
async function serverWorker(extensionUri: vscode.Uri): Promise<ConstructorParameters<typeof LanguageClient>[3]> {
  const serverMain = vscode.Uri.joinPath(extensionUri, 'dist', 'browser', 'server.js');
  if (serverMain.scheme === 'https' || serverMain.scheme === 'http') return new Worker(serverMain.toString(true));
  const code = await vscode.workspace.fs.readFile(serverMain);
  return new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
}

export async function activate(context: vscode.ExtensionContext): Promise<{ extendMarkdownIt(md: MarkdownIt): MarkdownIt }> {
  const worker = await serverWorker(context.extensionUri);
  client = new LanguageClient('tcpflow', CLIENT_NAME(), clientOptions(), worker);
  return activateWith(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
