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

  /** `known`: the diagnostics and lines of a block with the same text, when they are valid here too. */
  constructor(
    readonly text: string,
    readonly lineOffset: number,
    private readonly settings: Settings,
    known?: { readonly diagnostics: readonly Diagnostic[]; readonly lines: readonly string[] },
  ) {
    this.lines = known?.lines ?? text.split(/\r\n|\r|\n/);
    this.lineCount = this.lines.length;
    this.diagnostics = known?.diagnostics ?? diagnosticsWith(text, settings, lineOffset);
  }

  get result(): CheckResult {
    return (this.full ??= checkWith(this.text, this.settings, this.lineOffset));
  }

  /** Whether the full check is held (the cache counts them). */
  get holdsFullCheck(): boolean {
    return this.full !== undefined;
  }

  /** Lets the full check go (its tree and trace); the diagnostics stay, and `result` makes it again when asked. */
  dropFullCheck(): void {
    this.full = undefined;
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

/**
 * The flows of the previous version of a Markdown note, found by place and by text: a block whose
 * text and place did not change keeps its result (the settings are the same: a settings change
 * clears the cache), so an edit re-checks only the block it is in. A block that moved keeps its
 * diagnostics only if it has none (the messages of the others name the note's lines); a block
 * with the same text as a block without diagnostics, here or before, is not checked again either
 * (a note of thousands of empty blocks is checked once). One lookup a block, never a search.
 */
class Reusable {
  private readonly byPlace = new Map<number, Flow>();
  private readonly clean = new Map<string, Flow>();

  constructor(previous: readonly Flow[] | undefined) {
    for (const f of previous ?? []) {
      this.byPlace.set(f.lineOffset, f);
      if (f.diagnostics.length === 0 && !this.clean.has(f.text)) this.clean.set(f.text, f);
    }
  }

  flowOf(text: string, lineOffset: number, settings: Settings): Flow {
    const same = this.byPlace.get(lineOffset);
    if (same && same.text === text) return same;
    const clean = this.clean.get(text);
    const flow = new CheckedFlow(text, lineOffset, settings, clean ? { diagnostics: clean.diagnostics, lines: clean.lines } : undefined);
    if (!clean && flow.diagnostics.length === 0) this.clean.set(text, flow);
    return flow;
  }
}

export function analyse(doc: TextDocument, settings: Settings, previous?: Analysis): Analysis {
  const t0 = performance.now();
  const big = tooLarge(doc.getText().length, EDITOR_LIMITS);
  if (big) return { uri: doc.uri, version: doc.version, flows: [], elapsedMs: performance.now() - t0, tooLarge: big };
  const text = doc.getText();
  let flows: Flow[];
  if (isMarkdown(doc)) {
    const reusable = new Reusable(previous?.flows);
    flows = settings.markdown ? findTcpflowBlocks(text).map((b) => reusable.flowOf(b.content, b.startLine, settings)) : [];
  } else {
    flows = [new CheckedFlow(text, 0, settings)];
  }
  return { uri: doc.uri, version: doc.version, flows, elapsedMs: performance.now() - t0 };
}

/** The flow that contains a document line, with the line inside the flow (the flows are in line order: a binary search). */
export function flowAt(a: Analysis, line: number): { flow: Flow; line: number } | undefined {
  const flows = a.flows;
  let lo = 0;
  let hi = flows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (flows[mid]!.lineOffset <= line) lo = mid + 1;
    else hi = mid;
  }
  const flow = flows[lo - 1];
  return flow && line >= flow.lineOffset && line < flow.lineOffset + flow.lineCount ? { flow, line: line - flow.lineOffset } : undefined;
}

/** How many documents' full checks (tree and trace) the cache holds at most: the ones a feature used last. */
export const FULL_CHECKS_KEPT = 4;

/**
 * The analyses of the open documents, one per document (its latest version). Every document's
 * diagnostics are kept; the full checks — hundreds of bytes a segment — only for the few documents
 * a feature (hover, outline, the diagram…) used most recently: 500 documents hovered once do not
 * hold 500 trees. A document whose full check was let go makes it again when a feature asks.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Analysis>();
  /** Documents whose full checks may be held, the least recently used first. */
  private readonly recent = new Set<string>();

  constructor(
    private readonly settings: () => Settings,
    private readonly fullChecksKept = FULL_CHECKS_KEPT,
  ) {}

  /** The document's analysis, for its diagnostics. */
  get(doc: TextDocument): Analysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version) return hit;
    const a = analyse(doc, this.settings(), hit);
    this.entries.set(doc.uri, a);
    return a;
  }

  /** The document's analysis for a feature that reads its full check: the document becomes the most recently used. */
  use(doc: TextDocument): Analysis {
    const a = this.get(doc);
    this.recent.delete(doc.uri);
    this.recent.add(doc.uri);
    for (const uri of this.recent) {
      if (this.recent.size <= this.fullChecksKept) break;
      this.recent.delete(uri);
      this.dropFullChecks(uri);
    }
    return a;
  }

  /** How many documents hold a full check (tests read it: the cap is what keeps the memory bounded). */
  documentsHoldingFullChecks(): number {
    let n = 0;
    for (const a of this.entries.values()) if (a.flows.some((f) => f instanceof CheckedFlow && f.holdsFullCheck)) n++;
    return n;
  }

  peek(uri: string): Analysis | undefined {
    return this.entries.get(uri);
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.recent.delete(uri);
  }

  clear(): void {
    this.entries.clear();
    this.recent.clear();
  }

  private dropFullChecks(uri: string): void {
    for (const f of this.entries.get(uri)?.flows ?? []) if (f instanceof CheckedFlow) f.dropFullCheck();
  }
}
