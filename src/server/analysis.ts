/**
 * One analysed document: a .tcpflow file is one flow; a Markdown document holds one flow per
 * ```tcpflow block. Positions are translated between the document and each flow (a block's
 * line 0 is the Markdown line after its opening fence). Results are cached per version.
 */

import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkWith, diagnosticsWith, EDITOR_LIMITS, findTcpflowBlocks, tooLarge, type CheckResult, type Diagnostic } from '../core/index.js';
import type { Settings } from './settings.js';

export interface Flow {
  /**
   * The flow's diagnostics, from the check that keeps neither tree nor trace (the same list the
   * full check gives): a keystroke's diagnostics are published without waiting for the rest.
   */
  readonly diagnostics: readonly Diagnostic[];
  /** The full check — tree, trace and diagnostics — made when a feature first reads it (hover, the diagram, …). */
  readonly result: CheckResult;
  readonly text: string;
  readonly lines: readonly string[];
  /** Document line of the flow's line 0. */
  readonly lineOffset: number;
  /** Number of lines the flow spans in the document. */
  readonly lineCount: number;
}

class CheckedFlow implements Flow {
  readonly diagnostics: readonly Diagnostic[];
  readonly lines: readonly string[];
  readonly lineCount: number;
  private full: CheckResult | undefined;

  constructor(
    readonly text: string,
    readonly lineOffset: number,
    private readonly settings: Settings,
  ) {
    this.lines = text.split(/\r\n|\r|\n/);
    this.lineCount = this.lines.length;
    this.diagnostics = diagnosticsWith(text, settings, lineOffset);
  }

  get result(): CheckResult {
    return (this.full ??= checkWith(this.text, this.settings, this.lineOffset));
  }
}

export interface Analysis {
  readonly uri: string;
  readonly version: number;
  readonly flows: readonly Flow[];
  /** How long the check took (ms): the scheduler adapts its debounce to it. */
  readonly elapsedMs: number;
  /** Set when the document is over the editor's size limit: it is not checked, and this says so (TF900). */
  readonly tooLarge?: Diagnostic;
}

export function isMarkdown(doc: TextDocument): boolean {
  return doc.languageId === 'markdown' || /\.(md|markdown)$/i.test(doc.uri);
}

function flowOf(text: string, lineOffset: number, settings: Settings, previous?: readonly Flow[]): Flow {
  // A Markdown block whose text and place did not change keeps its result (the settings are the
  // same: a settings change clears the cache): an edit re-checks only the block it is in. A block
  // that moved is checked again, since its messages name the note's lines.
  const same = previous?.find((f) => f.text === text && f.lineOffset === lineOffset);
  return same ?? new CheckedFlow(text, lineOffset, settings);
}

export function analyse(doc: TextDocument, settings: Settings, previous?: Analysis): Analysis {
  const t0 = performance.now();
  const big = tooLarge(doc.getText().length, EDITOR_LIMITS);
  if (big) return { uri: doc.uri, version: doc.version, flows: [], elapsedMs: performance.now() - t0, tooLarge: big };
  const text = doc.getText();
  let flows: Flow[];
  if (isMarkdown(doc)) {
    flows = settings.markdown ? findTcpflowBlocks(text).map((b) => flowOf(b.content, b.startLine, settings, previous?.flows)) : [];
  } else {
    flows = [flowOf(text, 0, settings)];
  }
  return { uri: doc.uri, version: doc.version, flows, elapsedMs: performance.now() - t0 };
}

/** The flow that contains a document line, with the line inside the flow. */
export function flowAt(a: Analysis, line: number): { flow: Flow; line: number } | undefined {
  for (const flow of a.flows) {
    if (line >= flow.lineOffset && line < flow.lineOffset + flow.lineCount) return { flow, line: line - flow.lineOffset };
  }
  return undefined;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Analysis>();

  constructor(private readonly settings: () => Settings) {}

  get(doc: TextDocument): Analysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const a = analyse(doc, this.settings(), hit);
    this.entries.set(doc.uri, a);
    return a;
  }

  peek(uri: string): Analysis | undefined {
    return this.entries.get(uri);
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
