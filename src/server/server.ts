/**
 * The tcpflow language server: it only wires. Each handler lives in its own file (hover, completion,
 * codeActions, navigation, structure, formatting, diagram) around the pure core; here they are wired to
 * a connection that an entry makes — main.ts over stdio or node IPC, browserMain.ts in a web
 * worker. It checks `.tcpflow` documents and the ```tcpflow blocks of Markdown documents.
 */

import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../core/index.js';
import { AnalysisCache, type Analysis } from './analysis.js';
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
import { lineOf, positionOf, rangeOf } from './positions.js';
import type { Traffic } from './traffic.js';
import { VERSION } from '../shared/version.js';

/** `traffic`: the connection's message counter (its messageStrategy), so that checks wait for the messages already received. */
export function startServer(connection: Connection, traffic?: Traffic): void {
  const documents = new TextDocuments(TextDocument);
  let settings: Settings = DEFAULT_SETTINGS;
  let lang: Lang = 'en';
  let canPullConfig = false;
  const cache = new AnalysisCache(() => settings);
  /** An open document, if the client gave it a text (a didOpen without one opens nothing). */
  const openDocument = (uri: string): TextDocument | undefined => {
    const doc = documents.get(uri);
    return doc && typeof doc.getText() === 'string' ? doc : undefined;
  };

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
    openDocument,
    publish,
    // Before its first check a document's cost is estimated from its size (about 10 µs a line).
    (uri) => cache.peek(uri)?.elapsedMs ?? (openDocument(uri)?.lineCount ?? 0) / 100,
    traffic,
  );

  connection.onInitialize((params): InitializeResult => {
    const opts = (params.initializationOptions && typeof params.initializationOptions === 'object' ? params.initializationOptions : {}) as {
      locale?: unknown;
      settings?: unknown;
    };
    const locale = opts.locale ?? params.locale;
    lang = langOf(typeof locale === 'string' ? locale : undefined);
    if (opts.settings) settings = readSettings(opts.settings);
    canPullConfig = !!params.capabilities?.workspace?.configuration;
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

  /**
   * The analysis a feature reads, at the request's turn (scheduler.ts: cheaper work and the
   * document's due check first), or undefined when the document is not open or the editor gave
   * up on the request meanwhile (it is then answered at once, empty).
   */
  const analysed = async (uri: string | undefined, token: CancellationToken): Promise<{ doc: TextDocument; a: Analysis } | undefined> => {
    if (typeof uri !== 'string' || !openDocument(uri)) return undefined;
    await new Promise<void>((resolve) => {
      const cancelled = token.onCancellationRequested(() => resolve());
      void scheduler.turn(uri).then(() => {
        cancelled.dispose();
        resolve();
      });
    });
    const doc = token.isCancellationRequested ? undefined : openDocument(uri);
    return doc ? { doc, a: cache.use(doc) } : undefined;
  };

  connection.onHover(async (p, token) => {
    const x = await analysed(p.textDocument?.uri, token);
    const pos = positionOf(p.position);
    return x && pos ? hover(x.a, pos, lang) : null;
  });
  connection.onCompletion(async (p, token) => {
    const x = await analysed(p.textDocument?.uri, token);
    const pos = positionOf(p.position);
    if (!x || !pos) return [];
    return complete(x.a, pos, lineOf(x.doc, pos.line), lang);
  });
  connection.onCodeAction(codeActions);
  connection.languages.inlayHint.on(async (p, token) => {
    const x = await analysed(p.textDocument?.uri, token);
    const range = rangeOf(p.range);
    return x && range ? inlayHints(x.a, range, settings) : [];
  });
  connection.onDocumentSymbol(async (p, token) => {
    const x = await analysed(p.textDocument?.uri, token);
    return x ? documentSymbols(x.a) : [];
  });
  connection.onFoldingRanges(async (p, token) => {
    const x = await analysed(p.textDocument?.uri, token);
    return x ? foldingRanges(x.a) : [];
  });
  connection.onDocumentFormatting(async (p, token) => {
    const x = await analysed(p.textDocument?.uri, token);
    return x ? format(x.a) : [];
  });

  connection.onDefinition(async (p, token) => {
    const x = await analysed(p.textDocument?.uri, token);
    const pos = positionOf(p.position);
    return x && pos ? definition(x.a, x.doc.uri, pos) : null;
  });
  connection.onReferences(async (p, token) => {
    const x = await analysed(p.textDocument?.uri, token);
    const pos = positionOf(p.position);
    return x && pos ? references(x.a, x.doc.uri, pos, p.context?.includeDeclaration !== false) : [];
  });
  connection.onPrepareRename(async (p, token) => {
    const x = await analysed(p.textDocument?.uri, token);
    const pos = positionOf(p.position);
    return x && pos ? prepareRename(x.a, pos) : null;
  });
  connection.onRenameRequest(async (p, token) => {
    const x = await analysed(p.textDocument?.uri, token);
    const pos = positionOf(p.position);
    return x && pos ? rename(x.a, x.doc.uri, pos, p.newName, lang) : null;
  });

  connection.onRequest(DiagramRequest, async (p, token) => {
    const x = await analysed(p?.uri, token);
    const cursorLine = typeof p.cursorLine === 'number' && Number.isFinite(p.cursorLine) ? p.cursorLine : undefined;
    const d = x ? diagramFor(x.a, p.showStates === true, cursorLine, lang, p.showOptions === true) : null;
    return d && x && p.present ? withPresentation(d, x.a) : d;
  });

  documents.listen(connection);
  connection.listen();
}
