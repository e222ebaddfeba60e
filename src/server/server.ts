/**
 * The tcpflow language server: the handlers, each a thin adapter around the pure core, wired to
 * a connection that an entry makes — main.ts over stdio or node IPC, browserMain.ts in a web
 * worker. It checks `.tcpflow` documents and the ```tcpflow blocks of Markdown documents.
 */

import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeResult,
  type Location,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { particles, type Lang } from '../core/index.js';
import { AnalysisCache, flowAt } from './analysis.js';
import { complete } from './completion.js';
import { diagramFor } from './diagram.js';
import { DiagramRequest, SettingsAppliedNotification } from '../shared/lspMessages.js';
import { type DiagnosticData } from './convert.js';
import { format } from './formatting.js';
import { hover } from './hover.js';
import { publishedDiagnostics } from './limits.js';
import { occurrenceAt, occurrences } from './occurrences.js';
import { withPresentation } from './presentation.js';
import { DiagnosticsScheduler } from './scheduler.js';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings.js';
import { documentSymbols, foldingRanges, inlayHints } from './structure.js';
import { langOf } from './texts.js';
import { VERSION } from '../shared/version.js';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let settings: Settings = DEFAULT_SETTINGS;
  let lang: Lang = 'en';
  let canPullConfig = false;
  const cache = new AnalysisCache(() => settings);

  const publish = (doc: TextDocument): void => {
    try {
      const a = cache.get(doc);
      void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: publishedDiagnostics(a, doc.uri, lang, settings) });
    } catch (e) {
      // A bug in the checker must not take the server down: say so and keep serving.
      connection.console.error(`tcpflow: checking ${doc.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  };
  const scheduler = new DiagnosticsScheduler(
    (uri) => documents.get(uri),
    publish,
    // Before its first check a document's cost is estimated from its size (about 10 µs a line).
    (uri) => cache.peek(uri)?.elapsedMs ?? (documents.get(uri)?.lineCount ?? 0) / 100,
  );

  connection.onInitialize((params): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as { locale?: string; settings?: unknown };
    lang = langOf(opts.locale ?? params.locale);
    if (opts.settings) settings = readSettings(opts.settings);
    canPullConfig = !!params.capabilities.workspace?.configuration;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '>', '=', '&'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        inlayHintProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
      },
      serverInfo: { name: 'tcpflow-language-server', version: VERSION },
    };
  });

  const refreshSettings = async (): Promise<void> => {
    if (canPullConfig) settings = readSettings(await connection.workspace.getConfiguration('tcpflow'));
    cache.clear();
    for (const d of documents.all()) scheduler.now(d.uri);
    void connection.languages.inlayHint.refresh().catch(() => undefined);
    void connection.sendNotification(SettingsAppliedNotification);
  };
  connection.onInitialized(() => void refreshSettings().catch((e: unknown) => connection.console.error(String(e))));
  connection.onDidChangeConfiguration((change) => {
    const s = (change.settings as { tcpflow?: unknown } | undefined)?.tcpflow;
    if (s && !canPullConfig) settings = readSettings(s);
    void refreshSettings().catch((e: unknown) => connection.console.error(String(e)));
  });

  documents.onDidOpen((e) => scheduler.now(e.document.uri));
  documents.onDidChangeContent((e) => scheduler.changed(e.document.uri));
  documents.onDidClose((e) => {
    scheduler.cancel(e.document.uri);
    cache.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const analysed = (uri: string) => {
    const doc = documents.get(uri);
    return doc ? { doc, a: cache.get(doc) } : undefined;
  };

  connection.onHover((p) => {
    const x = analysed(p.textDocument.uri);
    return x ? hover(x.a, p.position, lang) : null;
  });
  connection.onCompletion((p) => {
    const x = analysed(p.textDocument.uri);
    if (!x) return [];
    const lineText = x.doc.getText({ start: { line: p.position.line, character: 0 }, end: { line: p.position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
    return complete(x.a, p.position, lineText, lang);
  });
  connection.onCodeAction((p) => {
    const actions: CodeAction[] = [];
    for (const d of p.context.diagnostics) {
      const data = d.data as DiagnosticData | undefined;
      if (d.source !== 'tcpflow' || !data?.fixes) continue;
      data.fixes.forEach((f, i) => {
        actions.push({ title: f.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0, edit: { changes: { [p.textDocument.uri]: [...f.edits] } } });
      });
    }
    return actions;
  });
  connection.languages.inlayHint.on((p) => {
    const x = analysed(p.textDocument.uri);
    return x ? inlayHints(x.a, p.range, settings) : [];
  });
  connection.onDocumentSymbol((p) => {
    const x = analysed(p.textDocument.uri);
    return x ? documentSymbols(x.a) : [];
  });
  connection.onFoldingRanges((p) => {
    const x = analysed(p.textDocument.uri);
    return x ? foldingRanges(x.a) : [];
  });
  connection.onDocumentFormatting((p) => {
    const x = analysed(p.textDocument.uri);
    return x ? format(x.a) : [];
  });

  const occurrenceFor = (uri: string, line: number, character: number) => {
    const x = analysed(uri);
    const at = x && flowAt(x.a, line);
    if (!at) return undefined;
    const occ = occurrenceAt(at.flow, at.line, character);
    return occ ? { occ, flow: at.flow } : undefined;
  };
  const toLocation = (uri: string, offset: number, o: { span: { line: number; start: number; end: number } }): Location => ({
    uri,
    range: { start: { line: o.span.line + offset, character: o.span.start }, end: { line: o.span.line + offset, character: o.span.end } },
  });
  connection.onDefinition((p) => {
    const hit = occurrenceFor(p.textDocument.uri, p.position.line, p.position.character);
    if (!hit) return null;
    const def = occurrences(hit.flow).find((o) => o.kind === hit.occ.kind && o.text === hit.occ.text && o.defining);
    return def ? toLocation(p.textDocument.uri, hit.flow.lineOffset, def) : null;
  });
  connection.onReferences((p) => {
    const hit = occurrenceFor(p.textDocument.uri, p.position.line, p.position.character);
    if (!hit) return [];
    return occurrences(hit.flow)
      .filter((o) => o.kind === hit.occ.kind && o.text === hit.occ.text && (p.context.includeDeclaration || !o.defining))
      .map((o) => toLocation(p.textDocument.uri, hit.flow.lineOffset, o));
  });
  connection.onPrepareRename((p) => {
    const hit = occurrenceFor(p.textDocument.uri, p.position.line, p.position.character);
    return hit ? { range: toLocation(p.textDocument.uri, hit.flow.lineOffset, hit.occ).range, placeholder: hit.occ.text } : null;
  });
  connection.onRenameRequest((p): WorkspaceEdit | null => {
    const hit = occurrenceFor(p.textDocument.uri, p.position.line, p.position.character);
    if (!hit) return null;
    if (!/^[\p{L}][\p{L}\p{N}_]*$/u.test(p.newName)) {
      throw new Error(lang === 'ko' ? `${particles(`'${p.newName}'은(는)`)} 이름이 될 수 없습니다: 글자로 시작하고 글자, 숫자, _만 씁니다` : `'${p.newName}' is not a name: letters, digits and _, starting with a letter`);
    }
    const edits = occurrences(hit.flow)
      .filter((o) => o.kind === hit.occ.kind && o.text === hit.occ.text)
      .map((o) => ({ range: toLocation(p.textDocument.uri, hit.flow.lineOffset, o).range, newText: p.newName }));
    return { changes: { [p.textDocument.uri]: edits } };
  });

  connection.onRequest(DiagramRequest, (p) => {
    const x = analysed(p.uri);
    const d = x ? diagramFor(x.a, p.showStates, p.cursorLine, lang) : null;
    return d && x && p.present ? withPresentation(d, x.a) : d;
  });

  documents.listen(connection);
  connection.listen();
}
