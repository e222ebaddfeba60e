/**
 * Where each participant name, sequence symbol, connection name and segment label occurs in a
 * flow: for definition, references and rename. A connection is defined by the `connection` line
 * that starts it; later `connection` lines and `reuses` refer to it. A label is defined by the
 * first segment that carries it (`@d1`); `arrives` lines refer to it.
 */

import type { Name, Span } from '../core/index.js';
import type { Flow } from './analysis.js';

export interface Occurrence {
  readonly kind: 'participant' | 'symbol' | 'connection' | 'label';
  readonly text: string;
  readonly span: Span;
  /** A declaration (`client C`), a symbol's first use (which binds it), a label's first segment (`@d1`). */
  readonly defining: boolean;
}

export function occurrences(flow: Flow): Occurrence[] {
  const out: Occurrence[] = [];
  const seenSymbols = new Set<string>();
  const seenLabels = new Set<string>();
  const label = (n: Name, defining: boolean): void => {
    out.push({ kind: 'label', text: n.text, span: n.range, defining: defining && !seenLabels.has(n.text) });
    if (defining) seenLabels.add(n.text);
  };
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
        if (s.label) label(s.label, true);
        break;
      case 'arrives':
        label(s.label, false);
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
