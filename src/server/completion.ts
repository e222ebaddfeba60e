/**
 * Completion from the line's prefix: statement keywords and whole-flow snippets at the start,
 * participant names, arrows and calls after a name, flags (what the sender may send in its
 * current state first, the answer it owes before all) and fields with the values a real TCP
 * would use, state names (the simulated one first), durations and stacks, connection names
 * after `connection` (the ones started above, then a new one) and `reuses`, and after `arrives`
 * the labels of segments sent before the line (those still in flight first).
 */

import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import {
  BARE_FIELDS,
  CALLS,
  FIELDS,
  FLAGS,
  formatSeq,
  PROFILE_OPTIONS,
  PROFILES,
  STATEMENT_KEYWORDS,
  STATES,
  type Lang,
  type Snapshot,
  type TcpState,
} from '../core/index.js';
import { flowAt, type Analysis, type Flow } from './analysis.js';
import { own } from './own.js';
import { SNIPPETS } from './snippets.js';
import { STATE_TEXT, ui } from './texts.js';

const PREFERRED: Record<TcpState, string[]> = {
  CLOSED: ['SYN', 'RST ACK'],
  LISTEN: ['SYN'],
  SYN_SENT: ['SYN', 'ACK'],
  SYN_RECEIVED: ['SYN ACK', 'ACK', 'FIN ACK', 'RST'],
  ESTABLISHED: ['ACK', 'PSH ACK', 'FIN ACK', 'RST'],
  FIN_WAIT_1: ['ACK', 'FIN ACK'],
  FIN_WAIT_2: ['ACK'],
  CLOSE_WAIT: ['ACK', 'PSH ACK', 'FIN ACK', 'RST'],
  CLOSING: ['ACK'],
  LAST_ACK: ['ACK', 'FIN ACK'],
  TIME_WAIT: ['ACK'],
};
/** The longest line prefix completion reads. */
const MAX_PREFIX = 4096;
const ANSWER_FLAGS = { 'syn-ack': 'SYN ACK', ack: 'ACK', rst: 'RST', syn: 'SYN', fin: 'FIN ACK' } as const;

/** An endpoint as the simulation left it just before `line`. */
function stateBefore(flow: Flow, name: string, line: number): { snap?: Snapshot; owed: string[] } {
  const steps = flow.result.simulation.steps;
  let found;
  for (const s of steps) {
    if (s.line >= line) break;
    found = s;
  }
  const initial = flow.result.simulation.participants.find((p) => p.name === name)?.initial;
  const snap = found ? own(found.after, name) : initial ? ({ state: initial, rcvWnd: 65535 } as Snapshot) : undefined;
  return { ...(snap ? { snap } : {}), owed: (own(found?.owed, name) ?? []).map((o) => ANSWER_FLAGS[o.kind]) };
}

const item = (label: string, kind: CompletionItemKind, sortText: string, extra: Partial<CompletionItem> = {}): CompletionItem => ({
  label,
  kind,
  sortText,
  ...extra,
});

export function complete(a: Analysis, pos: Position, lineText: string, lang: Lang): CompletionItem[] {
  const at = flowAt(a, pos.line);
  if (!at) return [];
  const { flow, line } = at;
  const prefix = lineText.slice(0, pos.character);
  // The patterns below read the line before the cursor from its start; past this length (no line
  // of the language is that long but a payload) nothing is offered, and nothing is read.
  if (prefix.length > MAX_PREFIX) return [];
  const names = flow.result.simulation.participants.map((p) => p.name);
  const out: CompletionItem[] = [];

  const arrives = /^\s*arrives\s+@?([\p{L}\p{N}_]*)$/u.exec(prefix);
  if (arrives) return labelsBefore(flow, line, lang);
  // After `arrives d1`: `dropped`, the receiver's kernel discards it there.
  if (/^\s*arrives\s+@?[\p{L}][\p{L}\p{N}_]*\s+[a-z]*$/u.test(prefix)) return [droppedItem(lang, '0')];
  // A forged segment (`Attacker as C -> S`): after `as`, the endpoint whose addresses it carries.
  const forgedAs = /^\s*(?:[&?]\s*)*[\p{L}][\p{L}\p{N}_]*\s+as\s+[\p{L}\p{N}_]*$/u.exec(prefix);
  if (forgedAs) return names.map((n, i) => item(n, CompletionItemKind.Variable, String(i)));
  const seg = /^\s*(?:[&?]\s*)*([\p{L}][\p{L}\p{N}_]*)(?:\s+as\s+[\p{L}][\p{L}\p{N}_]*)?\s*(->|-x|>)\s*([\p{L}][\p{L}\p{N}_]*)\s*:?\s+(.*)$/u.exec(prefix);
  if (seg) {
    const [, from, , , rest] = seg;
    const { snap, owed } = stateBefore(flow, from!, line);
    const state = snap?.state && snap.state !== 'RAW' ? snap.state : undefined;
    const already = new Set((rest ?? '').toUpperCase().split(/[\s+,/-]+/));
    const seen = new Set<string>();
    const add = (label: string, rank: string, detail?: string): void => {
      if (seen.has(label)) return;
      seen.add(label);
      out.push(item(label, CompletionItemKind.EnumMember, rank, detail ? { detail } : {}));
    };
    if (!/=/.test(rest ?? '')) {
      owed.forEach((f, i) => add(f, `0${i}`, `${from}: ${ui('canSend', lang)}`));
      if (state) PREFERRED[state].forEach((f, i) => add(f, `1${i}`, `${from} ${state}: ${ui('canSend', lang)}`));
      FLAGS.filter((f) => !already.has(f)).forEach((f, i) => add(f, `2${i}`));
    }
    if (snap?.sndNxt && !snap.sndNxt.base.startsWith('?') && !/\bseq=/.test(rest ?? ''))
      out.push(item(`seq=${formatSeq(snap.sndNxt)}`, CompletionItemKind.Property, '30', { detail: ui('expected', lang) }));
    if (snap?.rcvNxt && !snap.rcvNxt.base.startsWith('?') && !/\back=/.test(rest ?? ''))
      out.push(item(`ack=${formatSeq(snap.rcvNxt)}`, CompletionItemKind.Property, '31', { detail: ui('expected', lang) }));
    for (const f of FIELDS.map((name) => `${name}=`)) if (!(rest ?? '').includes(f)) out.push(item(f, CompletionItemKind.Property, '4' + f));
    for (const f of BARE_FIELDS) if (!new RegExp(`\\b${f}\\b(?!=)`, 'i').test(rest ?? '')) out.push(item(f, CompletionItemKind.Property, '5' + f));
    // A segment that reaches its receiver's host may be discarded by its kernel (not a lost one).
    if (seg[3] !== '-x' && !/\bdropped\b/.test(rest ?? '')) out.push(droppedItem(lang, '6'));
    return out;
  }
  const isState = /(?:\bis|\bstate)\s+[\w-]*$/.exec(prefix);
  if (isState) {
    const subject = /^\s*([\p{L}][\p{L}\p{N}_]*)\s+is\b/u.exec(prefix)?.[1];
    const current = subject ? stateBefore(flow, subject, line + 1).snap?.state : undefined;
    return STATES.map((s) =>
      item(s, CompletionItemKind.EnumMember, s === current ? '0' : `1${s}`, {
        detail: s === current ? ui('current', lang) : '',
        documentation: STATE_TEXT[s][lang],
        ...(s === current ? { preselect: true } : {}),
      }),
    );
  }
  if (/^\s*wait\s+\S*$/.test(prefix)) return ['2MSL', 'MSL', '60s', '1s', '500ms'].map((d, i) => item(d, CompletionItemKind.Value, String(i)));
  if (/^\s*stack\s+\S*$/.test(prefix)) return PROFILES.map((p, i) => item(p, CompletionItemKind.EnumMember, String(i)));
  if (/^\s*stack\s+\S+\s+/.test(prefix)) return PROFILE_OPTIONS.map((p, i) => item(p, CompletionItemKind.EnumMember, String(i)));
  const conn = connectionCompletion(flow, line, prefix, lang);
  if (conn) return conn;
  if (/^\s*note\s+\S*$/.test(prefix)) return ['over', 'left of', 'right of'].map((p, i) => item(p, CompletionItemKind.Keyword, String(i)));
  if (/^\s*note\s+(over|left of|right of)\s+[^:]*$/.test(prefix)) return names.map((n, i) => item(n, CompletionItemKind.Variable, String(i)));
  if (/^\s*(client|server|peer)\s+\S+\s+/.test(prefix)) return ['as ""', 'state', 'raw'].map((p, i) => item(p, CompletionItemKind.Keyword, String(i)));
  const arrowThen = /^\s*(?:[&?]\s*)*([\p{L}][\p{L}\p{N}_]*)(?:\s+as\s+([\p{L}][\p{L}\p{N}_]*))?\s*(->|-x|>)\s*[\p{L}\p{N}_]*$/u.exec(prefix);
  if (arrowThen) return names.filter((n) => n !== (arrowThen[2] ?? arrowThen[1])).map((n, i) => item(n, CompletionItemKind.Variable, String(i)));
  const afterName = /^\s*(?:[&?]\s*)*([\p{L}][\p{L}\p{N}_]*)\s+\S*$/u.exec(prefix);
  if (afterName && names.includes(afterName[1]!)) {
    return [
      item('->', CompletionItemKind.Operator, '0'),
      item('-x', CompletionItemKind.Operator, '1'),
      item('is', CompletionItemKind.Keyword, '2'),
      ...CALLS.map((c, i) => item(c, CompletionItemKind.Function, `3${i}`)),
    ];
  }
  if (/^\s*(?:[&?]\s*)*[\p{L}\p{N}_]*$/u.test(prefix)) {
    STATEMENT_KEYWORDS.forEach((k, i) => out.push(item(k, CompletionItemKind.Keyword, `1${i}`)));
    names.forEach((n, i) => out.push(item(n, CompletionItemKind.Variable, `0${i}`)));
    out.push(item('== section ==', CompletionItemKind.Keyword, '2', { insertText: '== ${1:section} ==', insertTextFormat: InsertTextFormat.Snippet }));
    for (const s of SNIPPETS)
      out.push(
        item(s.label, CompletionItemKind.Snippet, `3${s.label}`, { detail: ui(s.title, lang), insertText: s.body, insertTextFormat: InsertTextFormat.Snippet }),
      );
  }
  return out;
}

/** Labels sent before `line`: those not arrived yet first, then those that did (a duplicate arrival). */
function labelsBefore(flow: Flow, line: number, lang: Lang): CompletionItem[] {
  const base = flow.result.simulation.lineBase;
  const out: CompletionItem[] = [];
  for (const s of flow.result.simulation.steps) {
    if (s.line >= line) break;
    const label = s.segment?.label;
    if (label === undefined) continue;
    const arrived = (s.segment!.arrivals ?? []).some((l) => l < line);
    out.push(
      item(label, CompletionItemKind.Reference, `${arrived ? 1 : 0}${String(s.line).padStart(8, '0')}`, {
        detail: `${ui('labelCompletion', lang)} ${s.line + base}${arrived ? ` (${ui('duplicate', lang)})` : ''}`,
      }),
    );
  }
  return out;
}

/** After `connection`: the connections started above and a new name; after `reuses`: the ones started above; after a name: `as`, `reuses`. */
function connectionCompletion(flow: Flow, line: number, prefix: string, lang: Lang): CompletionItem[] | undefined {
  // `connection is …` and `connection close` are a participant named `connection`.
  const word = /^\s*connection\s+([a-z]+)\b/.exec(prefix)?.[1];
  if (!/^\s*connection\s/.test(prefix) || word === 'is' || (CALLS as readonly string[]).includes(word ?? '')) return undefined;
  const started = new Set<string>(); // in the order they start
  for (const s of flow.result.document.statements) {
    if (s.line >= line) break;
    if (s.kind === 'connection') started.add(s.name.text);
  }
  const above = Array.from(started);
  const reused = new Map(flow.result.simulation.connections.flatMap((c) => (c.reusedBy ? [[c.name, c.reusedBy.name] as const] : [])));
  if (/^\s*connection\s+[\p{L}\p{N}_]*$/u.test(prefix)) {
    const all = new Set(flow.result.document.statements.flatMap((s) => (s.kind === 'connection' ? [s.name.text] : [])));
    let n = all.size + 1;
    while (all.has(`c${n}`)) n++;
    return [
      ...above.filter((c) => !reused.has(c)).map((c, i) => item(c, CompletionItemKind.Module, `0${i}`, { detail: ui('returnToConnection', lang) })),
      item(`c${n}`, CompletionItemKind.Module, '1', { detail: ui('newConnection', lang) }),
    ];
  }
  const current = /^\s*connection\s+([\p{L}][\p{L}\p{N}_]*)\s+(?:as\s+"[^"]*"\s+)?reuses\s+[\p{L}\p{N}_]*$/u.exec(prefix);
  if (current)
    return above
      .filter((c) => c !== current[1] && !reused.has(c))
      .map((c, i) => item(c, CompletionItemKind.Module, String(i), { detail: ui('reuseConnection', lang) }));
  if (/^\s*connection\s+[\p{L}][\p{L}\p{N}_]*\s+(?:as\s+"[^"]*"\s+)?\S*$/u.test(prefix))
    return ['as ""', 'reuses'].map((p, i) => item(p, CompletionItemKind.Keyword, String(i)));
  return [];
}

/** `dropped "…"`: the receiver's kernel discards the segment where it arrives (a snippet for the reason). */
function droppedItem(lang: Lang, sortText: string): CompletionItem {
  return item('dropped', CompletionItemKind.Keyword, sortText, {
    detail: ui('kernelDropCompletion', lang),
    insertText: 'dropped "${1:accept queue full}"',
    insertTextFormat: InsertTextFormat.Snippet,
  });
}
