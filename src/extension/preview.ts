/**
 * The preview pane: one webview that follows the active .tcpflow editor (or stays on one file
 * when locked), asks the language server for the diagram on every change, highlights the
 * cursor's line, takes the editor to a clicked arrow's line, exports SVG/PNG and copies the
 * Mermaid source. Restored after a window reload by a serializer.
 */

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { particles } from '../core/index.js';
import { previewHtml } from '../shared/previewHtml.js';
import { DiagramRequest, SettingsAppliedNotification } from '../shared/lspMessages.js';
import type { Diagram, DiagramParams, FromWebview, ToWebview } from '../shared/previewProtocol.js';
import { fromWebview, nonceText, restoredUri } from '../shared/webviewGuards.js';
import { editorDrawSettings, editorLang } from './settings.js';

const VIEW_TYPE = 'tcpflow.preview';
const UPDATE_DELAY_MS = 10;

/** The CSP nonce: 16 bytes from Web Crypto (the operating system's cryptographic source; in Node and in a web worker alike). */
function nonce(): string {
  return nonceText(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

const isFlow = (d: vscode.TextDocument | undefined): d is vscode.TextDocument => d?.languageId === 'tcpflow';

export class PreviewManager implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private locked = false;
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastDiagram: Diagram | undefined;
  private requestSeq = 0;
  private pendingExport: ((data: { format: string; data: string }) => void) | undefined;
  private renderedWaiters: (() => void)[] = [];
  /** Present mode: the webview presents (steps asked for), or will once it is ready. */
  private presenting = false;
  private presentOnReady = false;
  private readonly stepLine = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    borderColor: new vscode.ThemeColor('editor.findMatchBorder'),
    borderStyle: 'solid',
    borderWidth: '1px 0',
  });
  private readonly disposables: vscode.Disposable[] = [];
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: BaseLanguageClient,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          // The state comes from the webview: only a .tcpflow document's URI is taken from it.
          const uri = restoredUri(state);
          const active = vscode.window.activeTextEditor?.document;
          this.attach(panel, uri ? vscode.Uri.parse(uri, true) : isFlow(active) ? active.uri : undefined);
        },
      }),
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (!this.panel || this.locked || !isFlow(e?.document)) return;
        this.uri = e.document.uri;
        this.panel.title = this.title();
        this.schedule(0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && this.uri && e.document.uri.toString() === this.uri.toString()) this.schedule(UPDATE_DELAY_MS);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.panel && this.uri && e.textEditor.document.uri.toString() === this.uri.toString()) {
          this.post({ type: 'highlight', line: e.selections[0]?.active.line ?? 0 });
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tcpflow.preview')) this.schedule(0);
      }),
      // The server checks with the new stack or MSL only once it has read them: redraw then.
      client.onNotification(SettingsAppliedNotification, () => this.schedule(0)),
    );
  }

  open(toSide: boolean, uri?: vscode.Uri): void {
    const target = uri ?? (isFlow(vscode.window.activeTextEditor?.document) ? vscode.window.activeTextEditor.document.uri : this.uri);
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a .tcpflow file to preview it.'));
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    if (this.panel) {
      this.uri = target;
      this.panel.title = this.title();
      this.panel.reveal(column, toSide);
      this.schedule(0);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, '', { viewColumn: column, preserveFocus: toSide }, {});
    this.attach(panel, target);
  }

  private attach(panel: vscode.WebviewPanel, uri: vscode.Uri | undefined): void {
    this.panel = panel;
    this.uri = uri;
    this.ready = false;
    const ext = this.context.extensionUri;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(ext, 'dist'), vscode.Uri.joinPath(ext, 'media')] };
    panel.iconPath = vscode.Uri.joinPath(ext, 'media', 'tcpflow-file.svg');
    panel.title = this.title();
    panel.webview.html = previewHtml({
      cspSource: panel.webview.cspSource,
      nonce: nonce(),
      mermaidUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(ext, 'dist', 'mermaid.js')).toString(),
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(ext, 'dist', 'webview.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(ext, 'media', 'preview.css')).toString(),
      lang: editorLang(),
    });
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        // The webview is not trusted: a message of any other shape is ignored.
        const m = fromWebview(raw);
        if (m) void this.onMessage(m).catch((e: unknown) => console.error('tcpflow preview:', e));
      }),
      panel.onDidDispose(() => this.closed()),
      // A hidden webview is torn down; when it shows again its script says 'ready' and redraws.
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.ready = false;
      }),
    );
    void vscode.commands.executeCommand('setContext', 'tcpflowPreviewOpen', true);
  }

  private closed(): void {
    this.panel = undefined;
    this.presenting = false;
    this.clearStep();
    this.ready = false;
    this.lastDiagram = undefined;
    this.panelDisposables.forEach((d) => d.dispose());
    this.panelDisposables = [];
    void vscode.commands.executeCommand('setContext', 'tcpflowPreviewOpen', false);
  }

  private title(): string {
    const name = this.uri ? this.uri.path.split('/').pop() : '';
    return `${this.locked ? '🔒 ' : ''}${vscode.l10n.t('Preview {0}', name ?? '')}`;
  }

  private post(m: ToWebview): void {
    if (this.panel && this.ready) void this.panel.webview.postMessage(m);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const panel = this.panel;
    const uri = this.uri;
    if (!panel || !uri || !this.ready) return;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
    const version = doc.version;
    const seq = ++this.requestSeq;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const params: DiagramParams = {
      uri: uri.toString(),
      ...editorDrawSettings(),
      ...(editor ? { cursorLine: editor.selection.active.line } : {}),
      ...(this.presenting ? { present: true } : {}),
    };
    let diagram: Diagram | null;
    try {
      diagram = await this.client.sendRequest(DiagramRequest, params);
    } catch (e) {
      this.post({ type: 'message', text: vscode.l10n.t('The language server could not draw this flow: {0}', e instanceof Error ? e.message : String(e)) });
      return;
    }
    if (seq !== this.requestSeq || !diagram) return; // a newer request is on its way
    this.lastDiagram = diagram;
    this.post({ type: 'update', uri: uri.toString(), version, diagram, locked: this.locked });
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        // A (re)loaded webview is not presenting, unless the Present command is waiting for it.
        this.ready = true;
        this.presenting = false;
        this.clearStep();
        await this.update();
        if (this.presentOnReady) this.post({ type: 'present', on: true });
        this.presentOnReady = false;
        break;
      case 'presenting':
        this.presenting = m.on;
        if (m.on) {
          this.schedule(0);
          // The keys go to the presentation (the command palette may have handed focus back to the editor).
          this.panel?.reveal(this.panel.viewColumn, false);
        } else this.clearStep();
        break;
      case 'presentStep':
        this.showStep(m.line);
        break;
      case 'reveal': {
        if (!this.uri) return;
        const doc = await vscode.workspace.openTextDocument(this.uri);
        const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri?.toString())?.viewColumn ?? vscode.ViewColumn.One;
        const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
        const line = Math.min(m.line, doc.lineCount - 1);
        const end = doc.lineAt(line).range.end;
        editor.selection = new vscode.Selection(line, 0, line, end.character);
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
        break;
      }
      case 'rendered':
        this.renderedWaiters.splice(0).forEach((w) => w());
        break;
      case 'exported':
        this.pendingExport?.(m);
        this.pendingExport = undefined;
        break;
      case 'command':
        await vscode.commands.executeCommand(`tcpflow.${m.command}`); // one of WEBVIEW_COMMANDS (fromWebview)
        break;
      default:
        break;
    }
  }

  /** "TCP Flow: Present": the preview (opened beside the editor if needed) presents the flow, with the keyboard's focus. */
  present(uri?: vscode.Uri): void {
    const wasReady = !!this.panel && this.ready;
    this.open(true, uri);
    if (!this.panel) return;
    this.panel.reveal(this.panel.viewColumn, false);
    if (wasReady) this.post({ type: 'present', on: true });
    else this.presentOnReady = true;
  }

  /** The presented step's line, selected and highlighted in the flow's editor (which keeps its place on screen). */
  private showStep(line: number): void {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.uri?.toString());
    if (!editor) return;
    const at = Math.min(line, editor.document.lineCount - 1);
    const range = editor.document.lineAt(at).range;
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    editor.setDecorations(this.stepLine, [range]);
  }

  private clearStep(): void {
    for (const e of vscode.window.visibleTextEditors) e.setDecorations(this.stepLine, []);
  }

  toggleLock(): void {
    this.locked = !this.locked;
    if (this.panel) this.panel.title = this.title();
    this.schedule(0);
  }

  async copySource(): Promise<void> {
    if (!this.lastDiagram) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the preview of a .tcpflow file first.'));
      return;
    }
    await vscode.env.clipboard.writeText(this.lastDiagram.mermaid);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Mermaid source copied'), 3000);
  }

  async export(format: 'svg' | 'png'): Promise<void> {
    if (!this.panel || !this.uri) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open the preview of a .tcpflow file first.'));
      return;
    }
    let background: 'theme' | 'white' = 'theme';
    if (format === 'png') {
      const themed = vscode.l10n.t('Theme background');
      const white = vscode.l10n.t('White background');
      const pick = await vscode.window.showQuickPick([themed, white], { placeHolder: vscode.l10n.t('Background of the PNG') });
      if (!pick) return;
      background = pick === white ? 'white' : 'theme';
    }
    if (!this.panel.visible || !this.ready) {
      const drawn = new Promise<void>((resolve) => this.renderedWaiters.push(resolve));
      this.panel.reveal(undefined, true);
      await drawn;
    }
    const data = await new Promise<{ format: string; data: string }>((resolve) => {
      this.pendingExport = resolve;
      this.post({ type: 'export', format, background });
    });
    const base = this.uri.path.replace(/\.tcpflow$/i, '');
    const target = await vscode.window.showSaveDialog({
      defaultUri: this.uri.with({ path: `${base}.${format}` }),
      filters: format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] },
    });
    if (!target) return;
    const bytes = format === 'svg' ? new TextEncoder().encode(data.data) : Uint8Array.from(atob(data.data), (c) => c.charCodeAt(0));
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.setStatusBarMessage(particles(vscode.l10n.t('Saved {0}', target.path.split('/').pop() ?? '')), 3000);
  }

  dispose(): void {
    this.panel?.dispose();
    this.stepLine.dispose();
    this.disposables.forEach((d) => d.dispose());
    if (this.timer) clearTimeout(this.timer);
  }
}
