/**
 * The "Run Against Linux" panel: one webview beside the editor that shows the last run — the
 * author's arrows with the kernel's answers marked, each line's verdict explained — drawn by the
 * package's own Mermaid (dist/mermaid.js) under a strict Content Security Policy. A click on a
 * line or an arrow takes the editor there; its button opens the kernel's own run as an untitled
 * .tcpflow document. The page draws the user's text, so what it sends back is checked.
 */

import * as vscode from 'vscode';
import { fromKernelRunPanel, type FromKernelRunPanel, type KernelRunView, type ToKernelRunPanel } from '../shared/kernelRunProtocol.js';
import { kernelRunHtml } from '../shared/kernelRunHtml.js';
import { nonceText } from '../shared/webviewGuards.js';
import { editorLang } from './settings.js';

const VIEW_TYPE = 'tcpflow.kernelRun';

/** The kernel's own run as an untitled .tcpflow document, beside the editor. */
export async function openKernelFlow(text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'tcpflow', content: text });
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.Beside });
}

export class KernelRunPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private shown: { readonly view: KernelRunView; readonly source: vscode.Uri; readonly kernelFlow: string | undefined } | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {
    context.subscriptions.push(this);
  }

  /** Shows a run (in the open panel, or a new one beside the editor). */
  show(view: KernelRunView, source: vscode.Uri, kernelFlow: string | undefined): void {
    this.shown = { view, source, kernelFlow };
    if (this.panel) {
      this.panel.title = this.title();
      this.panel.reveal(undefined, true);
      this.post();
      return;
    }
    const ext = this.context.extensionUri;
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      this.title(),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(ext, 'dist'), vscode.Uri.joinPath(ext, 'media')],
      },
    );
    this.panel = panel;
    this.ready = false;
    panel.iconPath = vscode.Uri.joinPath(ext, 'media', 'tcpflow-file.svg');
    const uri = (...p: string[]): string => panel.webview.asWebviewUri(vscode.Uri.joinPath(ext, ...p)).toString();
    panel.webview.html = kernelRunHtml({
      cspSource: panel.webview.cspSource,
      nonce: nonceText(globalThis.crypto.getRandomValues(new Uint8Array(16))),
      mermaidUri: uri('dist', 'mermaid.js'),
      scriptUri: uri('dist', 'kernel-run.js'),
      styleUris: [uri('media', 'preview.css'), uri('media', 'kernel-run.css')],
      lang: editorLang(),
    });
    panel.webview.onDidReceiveMessage((raw: unknown) => {
      const m = fromKernelRunPanel(raw);
      if (m) void this.onMessage(m).catch((e: unknown) => console.error('tcpflow run against Linux:', e));
    });
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
    });
    // A hidden webview is torn down; shown again, its script says 'ready' and the run is posted again.
    panel.onDidChangeViewState((e) => {
      if (!e.webviewPanel.visible) this.ready = false;
    });
  }

  private title(): string {
    return vscode.l10n.t('Linux run: {0}', this.shown?.view.file ?? '');
  }

  private post(): void {
    if (!this.panel || !this.ready || !this.shown) return;
    const m: ToKernelRunPanel = { type: 'show', view: this.shown.view };
    void this.panel.webview.postMessage(m);
  }

  private async onMessage(m: FromKernelRunPanel): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.post();
        break;
      case 'openKernelFlow':
        if (this.shown?.kernelFlow) await openKernelFlow(this.shown.kernelFlow);
        break;
      case 'reveal': {
        if (!this.shown) return;
        const doc = await vscode.workspace.openTextDocument(this.shown.source);
        const column = vscode.window.visibleTextEditors.find((e) => e.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
        const editor = await vscode.window.showTextDocument(doc, { viewColumn: column });
        const line = Math.min(m.line, doc.lineCount - 1);
        editor.selection = new vscode.Selection(line, 0, line, doc.lineAt(line).range.end.character);
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        break;
      }
      case 'renderError':
        console.error('tcpflow run against Linux: Mermaid could not draw the run:', m.message);
        break;
      default:
        break;
    }
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
