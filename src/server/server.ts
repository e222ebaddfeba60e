/**
 * The tcpflow language server: it only wires. Each handler lives in its own file (hover, completion,
 * codeActions, navigation, structure, formatting, diagram) around the pure core; here they are wired to
 * a connection that an entry makes — main.ts over stdio or node IPC, browserMain.ts in a web
 * worker. It checks `.tcpflow` documents and the ```tcpflow blocks of Markdown documents.
 */

import { CodeActionKind, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../core/index.js';
import { AnalysisCache } from './analysis.js';
import { codeActions } from './codeActions.js';
import { complete } from './completion.js';
import { diagramFor } from './diagram.js';
import { DiagramRequest, SettingsAppliedNotification } from '../shared/lspMessages.js';
import { format } from './formatting.js';
import { hover } from './hover.js';
import { publishedDiagnostics } from './limits.js';
import { definition, prepareRename, references, rename } from './navigation.js';
import { withPresentation } from './presentation.js';
import { DiagnosticsScheduler } from './scheduler.js';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings.js';
import { documentSymbols, foldingRanges, inlayHints } from './structure.js';
import { langOf } from '../shared/lang.js';
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
  connection.onCodeAction(codeActions);
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

  connection.onDefinition((p) => {
    const x = analysed(p.textDocument.uri);
    return x ? definition(x.a, p.textDocument.uri, p.position) : null;
  });
  connection.onReferences((p) => {
    const x = analysed(p.textDocument.uri);
    return x ? references(x.a, p.textDocument.uri, p.position, p.context.includeDeclaration) : [];
  });
  connection.onPrepareRename((p) => {
    const x = analysed(p.textDocument.uri);
    return x ? prepareRename(x.a, p.position) : null;
  });
  connection.onRenameRequest((p) => {
    const x = analysed(p.textDocument.uri);
    return x ? rename(x.a, p.textDocument.uri, p.position, p.newName, lang) : null;
  });

  connection.onRequest(DiagramRequest, (p) => {
    const x = analysed(p.uri);
    const d = x ? diagramFor(x.a, p.showStates, p.cursorLine, lang, p.showOptions === true) : null;
    return d && x && p.present ? withPresentation(d, x.a) : d;
  });

  documents.listen(connection);
  connection.listen();
}
