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

export async function activate(context: vscode.ExtensionContext): Promise<{ extendMarkdownIt(md: MarkdownIt): MarkdownIt }> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const worker = new Worker(serverMain.toString(true));
  client = new LanguageClient('tcpflow', CLIENT_NAME(), clientOptions(), worker);
  return activateWith(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
