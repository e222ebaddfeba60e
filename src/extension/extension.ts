/**
 * The VS Code extension: starts the tcpflow language server (node IPC), restarts it on demand,
 * shows its state in the status bar, and passes the display language and settings. All the
 * language smarts live in the server; this file only wires VS Code to it.
 */

import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
  client = new LanguageClient('tcpflow', vscode.l10n.t('TCP Flow Language Server'), serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('tcpflow.server', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('TCP Flow Language Server');
  status.command = 'tcpflow.restartServer';
  const show = (state: State): void => {
    const running = state === State.Running;
    status.text = running ? '$(pulse) TCP Flow' : state === State.Starting ? '$(sync~spin) TCP Flow' : '$(error) TCP Flow';
    status.tooltip = running ? vscode.l10n.t('TCP Flow: the checker is running. Click to restart it.') : vscode.l10n.t('TCP Flow: the checker is not running. Click to restart it.');
    status.backgroundColor = running || state === State.Starting ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
  };
  const updateVisibility = (editor: vscode.TextEditor | undefined): void => {
    if (editor?.document.languageId === 'tcpflow') status.show();
    else status.hide();
  };
  context.subscriptions.push(
    status,
    client.onDidChangeState((e) => show(e.newState)),
    vscode.window.onDidChangeActiveTextEditor(updateVisibility),
    vscode.commands.registerCommand('tcpflow.restartServer', async () => {
      await client?.restart();
    }),
    { dispose: () => void client?.stop() },
  );
  show(State.Starting);
  updateVisibility(vscode.window.activeTextEditor);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
