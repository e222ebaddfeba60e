/**
 * Outline (document symbols), folding ranges and inlay hints: views of a flow's structure and
 * trace. Each connection of a flow with `connection` lines is an outline entry (from the line
 * that starts it to its last line) and each stretch of it a fold (up to the next `connection` line).
 */

import { FoldingRangeKind, InlayHintKind, SymbolKind, type DocumentSymbol, type FoldingRange, type InlayHint, type Range } from 'vscode-languageserver';
import { formatSeq, type ConnectionStmt, type Statement } from '../core/index.js';
import type { Analysis, Flow } from './analysis.js';
import type { Settings } from './settings.js';

type ConnectionInfo = Flow['result']['simulation']['connections'][number];

const lspRange = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

/** Each `connection` line's stretch: to the line before the next `connection` line, or the last statement. */
function connectionStretches(flow: Flow): { stmt: ConnectionStmt; end: number }[] {
  const stmts = flow.result.document.statements;
  const out: { stmt: ConnectionStmt; end: number }[] = [];
  let open: ConnectionStmt | undefined;
  let last = 0;
  for (const s of stmts) {
    if (s.kind === 'connection') {
      if (open) out.push({ stmt: open, end: last });
      open = s;
    }
    last = s.line;
  }
  if (open) out.push({ stmt: open, end: last });
  return out;
}

/** Each section's last line: the line of the statement before the next section, or of the last statement (one pass). */
function sectionEnds(flow: Flow): Map<Statement, number> {
  const ends = new Map<Statement, number>();
  let open: Statement | undefined;
  let last = 0;
  for (const s of flow.result.document.statements) {
    if (s.kind === 'section') {
      if (open) ends.set(open, last);
      open = s;
    }
    last = s.line;
  }
  if (open) ends.set(open, last);
  return ends;
}

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const flow of a.flows) {
    const o = flow.lineOffset;
    const ends = sectionEnds(flow);
    // Each connection by the `connection` line that starts it: one lookup a line, not a search.
    const started = new Map<Statement, ConnectionInfo>();
    for (const c of flow.result.simulation.connections) if (c.declaration) started.set(c.declaration, c);
    for (const s of flow.result.document.statements) {
      const sel = lspRange(s.line + o, s.range.start, s.range.end);
      if (s.kind === 'title')
        out.push({ name: s.text, kind: SymbolKind.File, range: sel, selectionRange: lspRange(s.line + o, s.textRange.start, s.textRange.end) });
      else if (s.kind === 'participant') {
        out.push({
          name: s.name.text,
          detail: `${s.role}${s.raw ? ' raw' : ''}${s.initialState ? ` · ${s.initialState.text}` : ''}`,
          kind: SymbolKind.Object,
          range: sel,
          selectionRange: lspRange(s.line + o, s.name.range.start, s.name.range.end),
        });
      } else if (s.kind === 'section') {
        const end = ends.get(s) ?? s.line;
        out.push({
          name: s.title || '(section)',
          kind: SymbolKind.Namespace,
          range: { start: sel.start, end: { line: end + o, character: flow.lines[end]?.length ?? 0 } },
          selectionRange: sel,
        });
      } else if (s.kind === 'connection') {
        const conn = started.get(s);
        if (!conn) continue; // a return to a connection: its entry is where it starts
        const end = Math.max(conn.lastLine, s.line);
        const detail = [
          conn.label,
          s.reuses ? `reuses ${s.reuses.text}` : '',
          `${Object.entries(conn.final)
            .map(([n, f]) => `${n} ${f.state}`)
            .join(', ')}`,
        ]
          .filter(Boolean)
          .join(' · ');
        out.push({
          name: `connection ${s.name.text}`,
          detail,
          kind: SymbolKind.Interface,
          range: { start: sel.start, end: { line: end + o, character: flow.lines[end]?.length ?? 0 } },
          selectionRange: lspRange(s.line + o, s.name.range.start, s.name.range.end),
        });
      }
    }
  }
  return out;
}

export function foldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const flow of a.flows) {
    const o = flow.lineOffset;
    for (const [s, end] of sectionEnds(flow)) if (end > s.line) out.push({ startLine: s.line + o, endLine: end + o, kind: FoldingRangeKind.Region });
    for (const { stmt, end } of connectionStretches(flow))
      if (end > stmt.line) out.push({ startLine: stmt.line + o, endLine: end + o, kind: FoldingRangeKind.Region });
    const comments = flow.result.document.commentLines;
    for (let i = 0; i < comments.length;) {
      let j = i;
      while (comments[j + 1] === comments[j]! + 1) j++;
      if (j > i) out.push({ startLine: comments[i]! + o, endLine: comments[j]! + o, kind: FoldingRangeKind.Comment });
      i = j + 1;
    }
  }
  return out;
}

export function inlayHints(a: Analysis, range: Range, settings: Settings): InlayHint[] {
  const out: InlayHint[] = [];
  for (const flow of a.flows) {
    const o = flow.lineOffset;
    const steps = flow.result.simulation.steps;
    // The steps are in line order: the first one in the range is found by a binary search, and
    // the hints of the lines on screen cost as much in a 200,000-line flow as in a short one.
    let lo = 0;
    let hi = steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (steps[mid]!.line + o < range.start.line) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < steps.length; i++) {
      const step = steps[i]!;
      const line = step.line + o;
      if (line > range.end.line) break;
      if (line < range.start.line) continue;
      const stmt = step.stmt;
      if (settings.inlayNumbers && step.segment && stmt.kind === 'segment' && stmt.flagsRange) {
        const sent = step.segment.sent;
        const parts = [sent.inferredSeq ? `seq=${formatSeq(sent.seq)}` : '', sent.inferredAck && sent.ack ? `ack=${formatSeq(sent.ack)}` : ''].filter(Boolean);
        if (parts.length)
          out.push({ position: { line, character: stmt.flagsRange.end }, label: parts.join(' '), kind: InlayHintKind.Parameter, paddingLeft: true });
      }
      if (settings.inlayStates && step.changes.length) {
        const label = step.changes.map((c) => `${c.connection ? `${c.connection} ` : ''}${c.name}: ${c.from} → ${c.to}`).join(', ');
        out.push({ position: { line, character: stmt.range.end }, label, paddingLeft: true });
      }
    }
  }
  return out;
}
