/**
 * Where each participant name, sequence symbol and connection name occurs in a flow: for
 * definition, references and rename. A connection is defined by the `connection` line that
 * starts it; later `connection` lines and `reuses` refer to it.
 */

import type { Name, Span } from '../core/index.js';
import type { Flow } from './analysis.js';

export interface Occurrence {
  readonly kind: 'participant' | 'symbol' | 'connection';
  readonly text: string;
  readonly span: Span;
  /** A declaration (`client C`), or a symbol's first use (which binds it). */
  readonly defining: boolean;
}

export function occurrences(flow: Flow): Occurrence[] {
  const out: Occurrence[] = [];
  const seenSymbols = new Set<string>();
  const seenConnections = new Set<string>();
  const name = (n: Name, defining = false): void => void out.push({ kind: 'participant', text: n.text, span: n.range, defining });
  for (const s of flow.result.document.statements) {
    switch (s.kind) {
      case 'participant':
        name(s.name, true);
        break;
      case 'segment':
        name(s.from);
        name(s.to);
        for (const f of s.fields) {
          const sym = f.value?.symbol;
          if (!sym) continue;
          out.push({ kind: 'symbol', text: sym.text, span: sym.range, defining: !seenSymbols.has(sym.text) });
          seenSymbols.add(sym.text);
        }
        break;
      case 'assert':
      case 'call':
        name(s.subject);
        break;
      case 'note':
        s.targets.forEach((t) => name(t));
        break;
      case 'connection':
        if (s.reuses) out.push({ kind: 'connection', text: s.reuses.text, span: s.reuses.range, defining: false });
        out.push({ kind: 'connection', text: s.name.text, span: s.name.range, defining: !seenConnections.has(s.name.text) });
        seenConnections.add(s.name.text);
        break;
      default:
        break;
    }
  }
  // Participants that are never declared are defined where they first appear.
  const declared = new Set(out.filter((o) => o.kind === 'participant' && o.defining).map((o) => o.text));
  const firstUse = new Set<string>();
  return out.map((o) => {
    if (o.kind !== 'participant' || declared.has(o.text) || firstUse.has(o.text)) return o;
    firstUse.add(o.text);
    return { ...o, defining: true };
  });
}

export function occurrenceAt(flow: Flow, line: number, character: number): Occurrence | undefined {
  return occurrences(flow).find((o) => o.span.line === line && character >= o.span.start && character <= o.span.end);
}
