/**
 * "TCP Flow: Run Against Linux": the flow of the active .tcpflow editor (or the ```tcpflow block
 * at the cursor of a Markdown note) played against this machine's Linux TCP. Asks which
 * participant the kernel plays (the last choice per document first), runs under a progress
 * notification whose Cancel stops the helper, and shows the comparison in the panel
 * (kernelRunPanel.ts) with the kernel's own run one click away. Where no run can happen (the web
 * extension, macOS, Windows, a machine without namespaces) it says why, in one line.
 */

import * as vscode from 'vscode';
import { findTcpflowBlocks, parse, particles, type ParticipantStmt } from '../core/index.js';
import { kernelRunner } from './kernelRunAccess.js';
import { KernelRunPanel, openKernelFlow } from './kernelRunPanel.js';
import { editorDrawSettings } from './settings.js';

interface Target {
  readonly doc: vscode.TextDocument;
  readonly text: string;
  readonly lineOffset: number;
  readonly file: string;
}

let panel: KernelRunPanel | undefined;

/** The flow to run: the .tcpflow document, or the Markdown block at the cursor (else the first). */
async function target(arg: unknown): Promise<Target | undefined> {
  const editor = vscode.window.activeTextEditor;
  const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : editor?.document;
  if (!doc) return undefined;
  const file = doc.uri.path.split('/').pop() ?? '';
  if (doc.languageId === 'tcpflow') return { doc, text: doc.getText(), lineOffset: 0, file };
  if (doc.languageId !== 'markdown') return undefined;
  const blocks = findTcpflowBlocks(doc.getText());
  const cursor = editor?.document === doc ? editor.selection.active.line : -1;
  const block = blocks.find((b) => cursor >= b.fenceLine && cursor <= b.endLine) ?? blocks[0];
  return block ? { doc, text: block.content, lineOffset: block.startLine, file } : undefined;
}

/** Which participant the kernel plays: a quick pick of the flow's two, the last choice first. */
async function pickKernelSide(context: vscode.ExtensionContext, t: Target): Promise<string | undefined> {
  const participants = parse(t.text).document.statements.filter((s): s is ParticipantStmt => s.kind === 'participant');
  if (participants.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: {0} declares no participants to run.', t.file));
    return undefined;
  }
  const key = `tcpflow.kernelPlays:${t.doc.uri.toString()}:${t.lineOffset}`;
  const last = context.workspaceState.get<string>(key);
  const items = participants.map((p) => ({ label: p.name.text, description: p.role, picked: p.name.text === last }));
  items.sort((a, b) => Number(b.picked) - Number(a.picked));
  const pick = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Run Against Linux: which participant does the Linux kernel play?'),
    placeHolder: vscode.l10n.t('tcpflow plays the other one, with real packets'),
  });
  if (pick) await context.workspaceState.update(key, pick.label);
  return pick?.label;
}

export async function runAgainstLinux(context: vscode.ExtensionContext, arg: unknown): Promise<void> {
  const runner = kernelRunner();
  if (!runner) {
    void vscode.window.showErrorMessage(
      vscode.l10n.t(
        'TCP Flow: Run Against Linux is not available in the web extension: it needs VS Code on the desktop (or code-server) on Linux, where it can start the helper that drives the kernel.',
      ),
    );
    return;
  }
  const t = await target(arg);
  if (!t) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a .tcpflow file (or put the cursor in a ```tcpflow block) to run it against Linux.'));
    return;
  }
  const problem = await runner.unavailable();
  if (problem) {
    void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: cannot run against Linux here: {0}', problem));
    return;
  }
  const kernelPlays = await pickKernelSide(context, t);
  if (!kernelPlays) return;
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: particles(vscode.l10n.t('TCP Flow: running {0} against Linux (the kernel plays {1})', t.file, kernelPlays)),
      cancellable: true,
    },
    (_progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      return runner
        .run({ text: t.text, kernelPlays, file: t.file, lineOffset: t.lineOffset, showStates: editorDrawSettings().showStates }, controller.signal)
        .finally(() => cancel.dispose());
    },
  );
  if (outcome.kind === 'cancelled') {
    void vscode.window.showInformationMessage(
      vscode.l10n.t('TCP Flow: the run against Linux was cancelled; its helper process and network namespace are gone.'),
    );
    return;
  }
  if (outcome.kind === 'problem') {
    void vscode.window.showErrorMessage(vscode.l10n.t('TCP Flow: cannot run against Linux here: {0}', outcome.message));
    return;
  }
  panel ??= new KernelRunPanel(context);
  panel.show(outcome.view, t.doc.uri, outcome.kernelFlow);
  const open = vscode.l10n.t('Open Linux Run (.tcpflow)');
  const message = outcome.view.agrees
    ? particles(vscode.l10n.t('TCP Flow: Linux agrees with every line of {0}.', t.file))
    : particles(vscode.l10n.t('TCP Flow: Linux disagrees with {0}: {1}', t.file, outcome.view.summary));
  const choice = await (outcome.view.agrees ? vscode.window.showInformationMessage : vscode.window.showWarningMessage)(
    message,
    ...(outcome.kernelFlow ? [open] : []),
  );
  if (choice === open && outcome.kernelFlow) await openKernelFlow(outcome.kernelFlow);
}
