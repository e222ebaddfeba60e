/**
 * The VS Code extension: starts the tcpflow language server (node IPC), shows its state in the
 * status bar, registers the preview and its commands, and extends the Markdown preview. All
 * the language smarts live in the server and the core; this file only wires VS Code to them.
 */

import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { convertBlockToMermaid } from './convertBlock.js';
import { exportPresentation } from './exportPresentation.js';
import { importCaptureCommand } from './importCaptureCommand.js';
import { tcpflowPlugin } from './markdownIt.js';
import { PreviewManager } from './preview.js';

let client: LanguageClient | undefined;

function statusItem(c: LanguageClient): vscode.Disposable[] {
  const status = vscode.window.createStatusBarItem('tcpflow.server', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('TCP Flow Language Server');
  status.command = 'tcpflow.restartServer';
  const show = (state: State): void => {
    const running = state === State.Running;
    status.text = running ? '$(pulse) TCP Flow' : state === State.Starting ? '$(sync~spin) TCP Flow' : '$(error) TCP Flow';
    status.tooltip = running ? vscode.l10n.t('TCP Flow: the checker is running. Click to restart it.') : vscode.l10n.t('TCP Flow: the checker is not running. Click to restart it.');
    status.backgroundColor = running || state === State.Starting ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
  };
  const visibility = (editor: vscode.TextEditor | undefined): void => {
    if (editor?.document.languageId === 'tcpflow') status.show();
    else status.hide();
  };
  show(State.Starting);
  visibility(vscode.window.activeTextEditor);
  return [status, c.onDidChangeState((e) => show(e.newState)), vscode.window.onDidChangeActiveTextEditor(visibility)];
}

export async function activate(context: vscode.ExtensionContext): Promise<{ extendMarkdownIt(md: MarkdownIt): MarkdownIt }> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'tcpflow' }, { language: 'markdown' }],
    synchronize: { configurationSection: 'tcpflow' },
    initializationOptions: { locale: vscode.env.language, settings: vscode.workspace.getConfiguration('tcpflow') },
    outputChannelName: vscode.l10n.t('TCP Flow Language Server'),
  };
  const c = new LanguageClient('tcpflow', vscode.l10n.t('TCP Flow Language Server'), serverOptions, clientOptions);
  client = c;
  const preview = new PreviewManager(context, c);
  const command = (id: string, fn: (...args: unknown[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, fn);
  context.subscriptions.push(
    ...statusItem(c),
    preview,
    command('tcpflow.restartServer', () => c.restart()),
    command('tcpflow.openPreview', (uri?: unknown) => preview.open(false, uri instanceof vscode.Uri ? uri : undefined)),
    command('tcpflow.openPreviewToSide', (uri?: unknown) => preview.open(true, uri instanceof vscode.Uri ? uri : undefined)),
    command('tcpflow.exportSvg', () => preview.export('svg')),
    command('tcpflow.exportPng', () => preview.export('png')),
    command('tcpflow.copySource', () => preview.copySource()),
    command('tcpflow.toggleLock', () => preview.toggleLock()),
    command('tcpflow.present', (uri?: unknown) => preview.present(uri instanceof vscode.Uri ? uri : undefined)),
    command('tcpflow.exportPresentation', (uri?: unknown) => exportPresentation(context.extensionUri, uri)),
    command('tcpflow.convertToMermaid', () => convertBlockToMermaid(vscode.window.activeTextEditor)),
    command('tcpflow.importCapture', (uri?: unknown) => importCaptureCommand(uri, () => preview.open(true, undefined))),
    { dispose: () => void c.stop() },
  );
  // Not awaited: the Markdown preview needs extendMarkdownIt even while the server starts.
  c.start().catch((e: unknown) => void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: the language server did not start: {0}', String(e))));
  return {
    extendMarkdownIt(md: MarkdownIt): MarkdownIt {
      tcpflowPlugin(md, {
        showStates: () => vscode.workspace.getConfiguration('tcpflow').get<boolean>('preview.showStates', true),
        lang: () => (vscode.env.language.startsWith('ko') ? 'ko' : 'en'),
      });
      return md;
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
