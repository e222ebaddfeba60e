/**
 * Hovers: on a segment, both endpoints' states before → after with their sequence variables,
 * what each flag and each TCP option means, and whether the segment was dropped; on a labelled segment and on its
 * `arrives` lines, both the send and each arrival with both endpoints' states at that moment, and
 * "not in the capture" on a `?` segment; on a state name, what it means and
 * how it is left; on a `connection` line, the connection's label, where it starts, what it
 * reuses and its endpoints' states there and at the end; on a diagnostic, the code's explanation.
 */

import type { Hover, Position } from 'vscode-languageserver';
import { CODES, formatSeq, particles, segmentOptions, TRANSITIONS, type Lang, type Span, type TcpState } from '../core/index.js';
import type { Snapshot } from '../core/index.js';
import type { ArrivesStmt, ConnectionStmt, KernelDrop, SegmentStmt, Statement, Step } from '../core/index.js';
import { flowAt, type Analysis, type Flow } from './analysis.js';
import { statementOn, stepIndexOn, stepOn } from './lineIndex.js';
import { own } from './own.js';
import { eventText, FLAG_TEXT, OPTION_TEXT, STATE_TEXT, ui } from './texts.js';

const inside = (s: Span | undefined, line: number, ch: number): boolean => !!s && s.line === line && ch >= s.start && ch <= s.end;

export function statementAt(flow: Flow, line: number): Statement | undefined {
  return statementOn(flow.result, line);
}

function vars(s: Snapshot | undefined): string {
  if (!s) return '';
  const f = (label: string, v: { base: string; offset: number } | undefined): string | undefined =>
    v && !v.base.startsWith('?') ? `${label}=${formatSeq(v)}` : undefined;
  return [f('ISS', s.iss), f('IRS', s.irs), f('SND.UNA', s.sndUna), f('SND.NXT', s.sndNxt), f('RCV.NXT', s.rcvNxt)].filter(Boolean).join(' ');
}

function segmentHover(flow: Flow, stmt: SegmentStmt, line: number, ch: number, lang: Lang): string {
  const steps = flow.result.simulation.steps;
  const i = stepIndexOn(flow.result, line);
  const step = steps[i];
  if (!step?.segment) return '';
  // In a crossing group the deliveries happen after the group's last segment.
  let last = i;
  while (steps[last + 1]?.segment?.group === step.segment.group) last++;
  const after = steps[last]!.after;
  const seg = step.segment;
  const out: string[] = [];
  const num = [`seq=${formatSeq(seg.sent.seq)}`, seg.sent.ack ? `ack=${formatSeq(seg.sent.ack)}` : '', seg.sent.dataLen ? `len=${seg.sent.dataLen}` : '']
    .filter(Boolean)
    .join(' ');
  const connection = flow.result.simulation.connections.length > 1 && step.connection ? `${step.connection}: ` : '';
  const fate = seg.kernelDrop ? ` — ${ui('kernelDropped', lang).replace('{to}', seg.to)}` : seg.delivered ? '' : ` — ${ui('lost', lang)}`;
  out.push(`**${connection}${seg.from} → ${seg.to}** \`${stmt.flags.map((f) => f.flag).join('+')}\` ${num}${fate}`);
  out.push('', `| | ${ui('before', lang)} | ${ui('after', lang)} |`, '|---|---|---|');
  for (const p of flow.result.simulation.participants) {
    out.push(`| ${p.name} | ${own(step.before, p.name)?.state ?? ''} | ${own(after, p.name)?.state ?? ''} |`);
  }
  out.push('');
  for (const p of flow.result.simulation.participants) {
    const v = vars(own(after, p.name));
    if (v) out.push(`- ${p.name}: \`${v}\``);
  }
  const owed = steps[last]!.owed;
  for (const p of flow.result.simulation.participants) {
    for (const o of own(owed, p.name) ?? [])
      if (o.line === line || steps[last]!.line === o.line) out.push(`- ${ui('owes', lang)} (${p.name}): ${o.kind.toUpperCase()} — ${o.reason[lang]}`);
  }
  if (seg.dropped) out.push(`- ${ui('dropped', lang)}: ${seg.dropped[lang]}`);
  if (seg.notCaptured) out.push(`- ${ui('notCaptured', lang)}`);
  if (seg.kernelDrop) kernelDropLines(out, seg, seg.kernelDrop, lang);
  if (seg.forgedAs !== undefined) out.push(`- ${ui('forged', lang).replace('{as}', seg.forgedAs).replace('{from}', seg.from).replace('{to}', seg.to)}`);
  if (seg.label !== undefined) for (const l of arrivalsOf(flow, seg.arrivals ?? [], lang)) out.push(l); // no spread: a label may arrive on thousands of lines
  const onFlag = stmt.flags.find((f) => inside(f.range, line, ch));
  out.push('', `${ui('flags', lang)}:`);
  for (const f of stmt.flags) out.push(`- ${f === onFlag ? `**${f.flag}**` : f.flag}: ${FLAG_TEXT[f.flag][lang]}`);
  const options = segmentOptions(stmt);
  if (options.length) {
    out.push('', `${ui('options', lang)}:`);
    for (const o of options) out.push(`- \`${o.written}\`: ${OPTION_TEXT[o.name]?.[lang] ?? ''}`);
  }
  if (seg.sent.fastOpen) out.push('', ui(seg.sent.fastOpen === 'accepted' ? 'fastOpenAccepted' : 'fastOpenRefused', lang));
  return out.join('\n');
}

/** Adds the states before → after a step to `out`, one line per endpoint (pushed one by one: no spread). */
function statesAround(out: string[], flow: Flow, step: Step): void {
  for (const p of flow.result.simulation.participants)
    out.push(`| ${p.name} | ${own(step.before, p.name)?.state ?? ''} | ${own(step.after, p.name)?.state ?? ''} |`);
}

/** On the send line of a labelled segment: each arrival, with both endpoints' states there. */
function arrivalsOf(flow: Flow, lines: readonly number[], lang: Lang): string[] {
  const base = flow.result.simulation.lineBase;
  if (lines.length === 0) return [`- ${ui('inFlightAtEnd', lang)}`];
  const out: string[] = [];
  for (const l of lines) {
    const step = stepOn(flow.result, l);
    if (!step) continue;
    out.push(
      '',
      `**${ui('arrivesAt', lang)} ${l + base}**${step.arrival?.duplicate ? ` — ${ui('duplicate', lang)}` : ''}`,
      '',
      `| | ${ui('before', lang)} | ${ui('after', lang)} |`,
      '|---|---|---|',
    );
    statesAround(out, flow, step);
    if (step.arrival?.dropped) out.push('', `- ${ui('dropped', lang)}: ${step.arrival.dropped[lang]}`);
  }
  return out;
}

/** On an `arrives` line: the segment as it was sent, and what its arrival does to both endpoints. */
function arrivesHover(flow: Flow, stmt: ArrivesStmt, lang: Lang): string {
  const step = stepOn(flow.result, stmt.line);
  const a = step?.arrival;
  if (!step || !a) return '';
  const seg = a.segment;
  const base = flow.result.simulation.lineBase;
  const num = [`seq=${formatSeq(seg.sent.seq)}`, seg.sent.ack ? `ack=${formatSeq(seg.sent.ack)}` : '', seg.sent.dataLen ? `len=${seg.sent.dataLen}` : '']
    .filter(Boolean)
    .join(' ');
  const flags = [...seg.sent.flags].join('+');
  const out: string[] = [
    `**${a.label}: ${seg.from} → ${seg.to}** \`${flags}\` ${num} — ${ui('sentAt', lang)} ${a.sendLine + base}${a.duplicate ? `; ${ui('duplicate', lang)}` : ''}`,
  ];
  if (seg.notCaptured) out.push('', `- ${ui('notCaptured', lang)}`);
  const sent = stepOn(flow.result, a.sendLine);
  if (sent) {
    out.push('', `**${ui('atSend', lang)}** (${a.sendLine + base})`, '', `| | ${ui('before', lang)} | ${ui('after', lang)} |`, '|---|---|---|');
    statesAround(out, flow, sent);
  }
  out.push('', `**${ui('atArrival', lang)}** (${stmt.line + base})`, '', `| | ${ui('before', lang)} | ${ui('after', lang)} |`, '|---|---|---|');
  statesAround(out, flow, step);
  out.push('');
  for (const p of flow.result.simulation.participants) {
    const v = vars(own(step.after, p.name));
    if (v) out.push(`- ${p.name}: \`${v}\``);
  }
  for (const o of own(step.owed, seg.to) ?? [])
    if (o.line === a.sendLine) out.push(`- ${ui('owes', lang)} (${seg.to}): ${o.kind.toUpperCase()} — ${o.reason[lang]}`);
  if (a.dropped) out.push(`- ${ui('dropped', lang)}: ${a.dropped[lang]}`);
  if (a.kernelDrop) kernelDropLines(out, seg, a.kernelDrop, lang);
  return out.join('\n');
}

/** What a kernel's drop means (`dropped "reason"`), with the author's reason as plain text. */
function kernelDropLines(out: string[], seg: { readonly from: string; readonly to: string }, drop: KernelDrop, lang: Lang): void {
  const fill = (t: string): string => t.replaceAll('{to}', seg.to).replaceAll('{from}', seg.from);
  out.push(`- ${fill(ui('kernelDropped', lang))}${drop.reason ? ` (${ui('reason', lang)}: ${plain(drop.reason)})` : ''}: ${fill(ui('kernelDropWhy', lang))}`);
}

/** The author's words in a Markdown hover, read as plain text (no emphasis, links or HTML). */
function plain(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~-]/g, '\\$&');
}

function connectionHover(flow: Flow, stmt: ConnectionStmt, line: number, lang: Lang): string {
  const sim = flow.result.simulation;
  const conn = sim.connections.find((c) => c.name === stmt.name.text);
  if (!conn) return '';
  const step = stepOn(flow.result, line);
  const start = conn.declaration ? conn.declaration.line + flow.lineOffset + 1 : undefined;
  const head = [`**${ui('connection', lang)} ${conn.name}**${conn.label ? ` — ${conn.label}` : ''}`];
  if (start !== undefined) head.push(`${ui('connectionStarts', lang)} ${start}${conn.declaration?.reuses ? ` · reuses ${conn.declaration.reuses.text}` : ''}`);
  if (conn.reusedBy) head.push(`${ui('connectionReusedBy', lang)} ${conn.reusedBy.name} (${conn.reusedBy.line + flow.lineOffset + 1})`);
  const out = [head.join('  \n'), '', `| | ${ui('atThisLine', lang)} | ${ui('atTheEnd', lang)} |`, '|---|---|---|'];
  // On `reuses c1`, "here" is c1 as the new connection took its four-tuple over.
  const here = step?.connection === conn.name ? step.after : conn.reusedBy?.line === line ? conn.final : undefined;
  for (const p of sim.participants) out.push(`| ${p.name} | ${own(here, p.name)?.state ?? ''} | ${own(conn.final, p.name)?.state ?? ''} |`);
  return out.join('\n');
}

function stateHover(state: TcpState, lang: Lang): string {
  const leaves = TRANSITIONS.filter((t) => t.from === state).map(
    (t) => `- ${eventText(t.event, lang)} → ${t.to}${t.sends !== '–' ? ` (${ui('sends', lang)} ${t.sends})` : ''} — RFC 9293 ${t.rfc}`,
  );
  return [`**${state}** — ${STATE_TEXT[state][lang]}`, '', `${ui('leaves', lang)}:`, ...leaves].join('\n');
}

export function hover(a: Analysis, pos: Position, lang: Lang): Hover | null {
  const at = flowAt(a, pos.line);
  if (!at) return null;
  const { flow, line } = at;
  const ch = pos.character;
  const parts: string[] = [];
  const stmt = statementAt(flow, line);
  if (stmt?.kind === 'assert' && stmt.state.state && inside(stmt.state.range, line, ch)) parts.push(stateHover(stmt.state.state, lang));
  else if (stmt?.kind === 'participant' && stmt.initialState?.state && inside(stmt.initialState.range, line, ch))
    parts.push(stateHover(stmt.initialState.state, lang));
  else if (stmt?.kind === 'segment') parts.push(segmentHover(flow, stmt, line, ch, lang));
  else if (stmt?.kind === 'arrives') parts.push(arrivesHover(flow, stmt, lang));
  else if (stmt?.kind === 'connection')
    parts.push(connectionHover(flow, inside(stmt.reuses?.range, line, ch) ? { ...stmt, name: stmt.reuses! } : stmt, line, lang));
  else if (stmt?.kind === 'assert' || stmt?.kind === 'call' || stmt?.kind === 'wait') {
    const step = stepOn(flow.result, line);
    if (step)
      parts.push(
        flow.result.simulation.participants.map((p) => `${p.name}: ${own(step.before, p.name)?.state} → ${own(step.after, p.name)?.state}`).join('  \n'),
      );
    if (stmt.kind === 'call' && stmt.call === 'resets')
      parts.push(
        `${ui('kernelResets', lang).replaceAll('{name}', stmt.subject.text)}${stmt.reason ? ` (${ui('reason', lang)}: ${plain(stmt.reason.value)})` : ''}`,
      );
  }
  for (const d of flow.result.diagnostics) {
    if (d.range.start.line <= line && d.range.end.line >= line && ch >= d.range.start.character && ch <= d.range.end.character) {
      parts.push(`\`${d.code}\` — ${CODES[d.code][lang === 'ko' ? 'summaryKo' : 'summary']} (docs/diagnostics.md#${d.code.toLowerCase()})`);
    }
  }
  const value = particles(parts.filter(Boolean).join('\n\n---\n\n'));
  return value ? { contents: { kind: 'markdown', value } } : null;
}
