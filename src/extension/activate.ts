/**
 * What the desktop and the web extension share: the client's options, the status bar item, the
 * preview and its commands, and the Markdown preview plugin. Each entry (extension.ts for the
 * Node extension host, browserExtension.ts for the web worker one) makes its own language
 * client — the server over node IPC, or in a web worker — and hands it here.
 */

import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { State, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import { convertBlockToMermaid } from './convertBlock.js';
import { exportPresentation } from './exportPresentation.js';
import { importCaptureCommand } from './importCaptureCommand.js';
import { tcpflowPlugin } from './markdownIt.js';
import { PreviewManager } from './preview.js';
import { runAgainstLinux } from './runAgainstLinux.js';
import { editorCheckSettings, editorDrawSettings, editorLang } from './settings.js';

export const CLIENT_NAME = (): string => vscode.l10n.t('TCP Flow Language Server');

export function clientOptions(): LanguageClientOptions {
  return {
    documentSelector: [{ language: 'tcpflow' }, { language: 'markdown' }],
    synchronize: { configurationSection: 'tcpflow' },
    // Plain data: a web worker gets it through postMessage, which cannot clone the configuration object's methods.
    initializationOptions: { locale: vscode.env.language, settings: JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('tcpflow'))) as unknown },
    outputChannelName: CLIENT_NAME(),
  };
}

function statusItem(c: BaseLanguageClient): vscode.Disposable[] {
  const status = vscode.window.createStatusBarItem('tcpflow.server', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('TCP Flow Language Server');
  status.command = 'tcpflow.restartServer';
  const show = (state: State): void => {
    const running = state === State.Running;
    status.text = running ? '$(pulse) TCP Flow' : state === State.Starting ? '$(sync~spin) TCP Flow' : '$(error) TCP Flow';
    status.tooltip = running
      ? vscode.l10n.t('TCP Flow: the checker is running. Click to restart it.')
      : vscode.l10n.t('TCP Flow: the checker is not running. Click to restart it.');
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

export function activateWith(context: vscode.ExtensionContext, c: BaseLanguageClient): { extendMarkdownIt(md: MarkdownIt): MarkdownIt } {
  const preview = new PreviewManager(context, c);
  const command = (id: string, fn: (...args: unknown[]) => unknown): vscode.Disposable => vscode.commands.registerCommand(id, fn);
  context.subscriptions.push(
    ...statusItem(c),
    preview,
    command('tcpflow.restartServer', async () => {
      await c.stop();
      await c.start();
    }),
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
    command('tcpflow.runAgainstLinux', (uri?: unknown) => runAgainstLinux(context, uri)),
    // The Markdown preview draws ```tcpflow blocks as the settings say: redraw when they change.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tcpflow')) void vscode.commands.executeCommand('markdown.preview.refresh');
    }),
    { dispose: () => void c.stop() },
  );
  // Not awaited: the Markdown preview needs extendMarkdownIt even while the server starts.
  c.start().catch((e: unknown) => void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: the language server did not start: {0}', String(e))));
  return {
    extendMarkdownIt(md: MarkdownIt): MarkdownIt {
      tcpflowPlugin(md, {
        showStates: () => editorDrawSettings().showStates,
        showOptions: () => editorDrawSettings().showOptions,
        lang: editorLang,
        settings: editorCheckSettings,
      });
      return md;
    },
  };
}
