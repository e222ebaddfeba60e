/**
 * The Mermaid generator: turns a checked flow into a `sequenceDiagram` — participants with
 * their labels, one arrow per segment labelled with flags and numbers (inferred ones too),
 * lost segments as `-x`, crossing groups inside a `par` block, state changes as notes beside
 * each endpoint, the file's notes and sections, and segments with errors inside a red `rect`.
 * A labelled segment (`@d1`) is drawn where it arrives, `d1: … (sent ↑ line 7)`, with a note
 * `d1 sent` on its sender's lifeline where it was sent; a second arrival is drawn again,
 * `(duplicate)`; a segment the capture did not see (`?`) is dashed, `(not captured)`; one its
 * receiver's kernel discarded (`dropped "reason"`) ends in a cross at the receiver, `(dropped by S's
 * kernel: reason)`, and a kernel's reset (`S resets`) is a note beside that endpoint.
 * A flow with several connections keeps one pair of lifelines: each stretch of a connection sits
 * in a `rect` band of its own colour (cycling) opened by a note naming it, and its arrows and
 * states are prefixed with its name (`c2: SYN seq=u`, `c1: TIME_WAIT`).
 * With `showOptions` each label carries the segment's TCP options after its numbers (`SACK
 * x+1:x+101`, `TS 510/120`); a Fast Open cookie always shows, and a SYN+ACK that accepts Fast Open
 * data gets `SYN_RECEIVED, data delivered` beside the server.
 * It also returns which source line each drawn message or note comes from, in drawing order.
 * Its own words come from `diagramWords.ts`, in the reader's language (`lang`).
 */

import type { CheckResult } from '../checker/check.js';
import { escapeText, showPayload } from './mermaidEscape.js';
import { flagsText } from '../model/segmentKind.js';
import { format } from '../model/seq.js';
import type { KernelDrop, SegmentInfo, Step } from '../checker/simulate.js';
import type { SentSegment } from '../checker/send.js';
import type { SegmentStmt } from '../language/ast.js';
import { segmentOptions } from './segmentOptions.js';
import { diagramWords, type DiagramWords } from './diagramWords.js';
import type { Lang } from '../common/diagnosticCodes.js';

export interface MermaidOptions {
  /** Draw the states beside each endpoint (default true). */
  readonly showStates?: boolean;
  /** Only draw steps on these lines (inclusive); the rest is summarised. */
  readonly lineWindow?: { readonly from: number; readonly to: number };
  /** Draw each segment's TCP options after its numbers (`SACK x+1:x+101`, `TS 510/120`); a Fast Open `cookie` always shows. */
  readonly showOptions?: boolean;
  /** The language of the diagram's own words (default English); the author's text is drawn as written. */
  readonly lang?: Lang;
}

export interface DiagramElement {
  readonly kind: 'message' | 'note';
  readonly line: number;
  /** The segment has an error diagnostic. */
  readonly error?: boolean;
}

export interface MermaidOutput {
  readonly text: string;
  /** One entry per drawn message or note, in the order Mermaid draws them. */
  readonly elements: readonly DiagramElement[];
}

export const ERROR_FILL = 'rgba(220, 38, 38, 0.18)';

/**
 * The connections' band colours, in turn: translucent, so they read on light and dark themes
 * alike, and none of them the error band's red.
 */
export const CONNECTION_FILLS = [
  'rgba(59, 130, 246, 0.10)',
  'rgba(16, 185, 129, 0.10)',
  'rgba(245, 158, 11, 0.10)',
  'rgba(168, 85, 247, 0.10)',
  'rgba(20, 184, 166, 0.10)',
  'rgba(236, 72, 153, 0.10)',
];

export function toMermaid(result: CheckResult, options: MermaidOptions = {}): MermaidOutput {
  const showStates = options.showStates ?? true;
  const showOptions = options.showOptions ?? false;
  const words = diagramWords(options.lang ?? 'en');
  const { simulation: sim, document: doc } = result;
  // Each segment's options after its numbers (all of them, or only a Fast Open cookie), from its line.
  const withFields = new Map<number, SegmentStmt>();
  for (const st of doc.statements) if (st.kind === 'segment' && st.fields.length > 0) withFields.set(st.line, st);
  const optionsOf = (seg: SegmentInfo): string => {
    const st = withFields.get(seg.sent.line);
    return st
      ? segmentOptions(st)
          .filter((o) => showOptions || o.name === 'cookie')
          .map((o) => o.label)
          .join(' ')
      : '';
  };
  const lines: string[] = ['sequenceDiagram'];
  const elements: DiagramElement[] = [];
  const ids = new Map<string, string>();
  sim.participants.forEach((p, i) => ids.set(p.name, `P${i + 1}`));
  const id = (name: string): string | undefined => ids.get(name);
  const first = sim.participants[0]?.name;
  const errorLines = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.range.start.line));
  // With several connections every arrow and state says whose it is.
  const several = sim.connections.length > 1;
  const prefix = (connection: string | undefined): string => (several && connection ? `${connection}: ` : '');
  const fills = new Map(sim.connections.map((c, i) => [c.name, CONNECTION_FILLS[i % CONNECTION_FILLS.length]!]));
  const byName = new Map(sim.connections.map((c) => [c.name, c]));

  const title = doc.statements.find((s) => s.kind === 'title');
  // A title of control characters only escapes to nothing, and Mermaid rejects an empty `title`.
  const titleText = title?.kind === 'title' ? escapeText(title.text) : '';
  if (titleText) lines.push(`  title ${titleText}`);
  for (const p of sim.participants) {
    lines.push(`  participant ${id(p.name)} as ${escapeText(p.label ?? p.name, 80)}`);
  }
  // Third parties that forged segments (`Eve as C -> S`) get a lifeline of their own, after the endpoints.
  for (const name of sim.thirdParties) {
    ids.set(name, `P${ids.size + 1}`);
    lines.push(`  participant ${id(name)} as ${escapeText(name, 80)}`);
  }
  const note = (indent: string, where: string, text: string, line: number): void => {
    lines.push(`${indent}Note ${where}: ${escapeText(text)}`);
    elements.push({ kind: 'note', line });
  };
  const stateNotes = (indent: string, step: Step): void => {
    if (!showStates) return;
    for (const c of step.changes) {
      const pid = id(c.name);
      if (pid) note(indent, `${c.name === first ? 'left' : 'right'} of ${pid}`, `${prefix(c.connection ?? step.connection)}${c.to}`, step.line);
    }
  };
  if (showStates) {
    const firstConnection = sim.connections[0]?.name;
    for (const p of sim.participants) {
      if (!p.raw) note('  ', `${p.name === first ? 'left' : 'right'} of ${id(p.name)}`, `${prefix(firstConnection)}${p.initial}`, p.declaration?.line ?? 0);
    }
  }

  const both = sim.participants.length === 2 ? `${id(sim.participants[0]!.name)},${id(sim.participants[1]!.name)}` : (id(first ?? '') ?? '');
  const win = options.lineWindow;
  const steps = win ? sim.steps.filter((s) => s.line >= win.from && s.line <= win.to) : sim.steps;
  if (win && steps.length < sim.steps.length && both) {
    note('  ', `over ${both}`, words.window(win.from + 1, win.to + 1), win.from);
  }

  // The band of the connection being drawn ('' before the first `connection` line: no band).
  let band: string | undefined;
  const started = new Set<string>();
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const stmt = step.stmt;
    if (several && step.connection !== band) {
      if (band) lines.push('  end');
      band = step.connection;
      if (band) lines.push(`  rect ${fills.get(band) ?? CONNECTION_FILLS[0]!}`);
    }
    if (several && stmt.kind === 'connection' && both) {
      const conn = byName.get(stmt.name.text);
      const isStart = conn?.declaration === stmt && !started.has(stmt.name.text);
      started.add(stmt.name.text);
      const label = isStart && stmt.label ? ` (${stmt.label.value})` : '';
      const reuse = isStart && stmt.reuses ? ` reuses ${stmt.reuses.text}` : '';
      note('  ', `over ${both}`, `${stmt.name.text}${label}${reuse}`, stmt.line);
      // A connection after the first starts its endpoints afresh (a server in LISTEN): say where.
      if (showStates && isStart && conn !== sim.connections[0]) {
        for (const p of sim.participants) {
          const st = step.after[p.name]?.state;
          if (!p.raw && st) note('  ', `${p.name === first ? 'left' : 'right'} of ${id(p.name)}`, `${prefix(stmt.name.text)}${st}`, stmt.line);
        }
      }
      continue;
    }
    if (step.segment) {
      const group = step.segment.group;
      const members: Step[] = [step];
      while (steps[i + 1]?.segment?.group === group) members.push(steps[++i]!);
      // A labelled segment is drawn where it arrives; here, where it is sent, a note says so.
      const drawn = members.filter((m) => m.segment!.label === undefined);
      const crossing = drawn.length > 1;
      // A group sends everything first: the sent notes come before the group's arrows.
      for (const m of members) {
        const seg = m.segment!;
        const pid = id(seg.from);
        if (seg.label !== undefined && pid) note('  ', `over ${pid}`, `${prefix(m.connection)}${words.sent(seg.label)}`, m.line);
      }
      if (crossing) lines.push(`  par ${words.crossing}`);
      drawn.forEach((m, k) => {
        if (crossing && k > 0) lines.push('  and');
        const indent = crossing ? '    ' : '  ';
        const err = errorLines.has(m.line);
        const inner = err ? `${indent}  ` : indent;
        if (err) lines.push(`${indent}rect ${ERROR_FILL}`);
        lines.push(`${inner}${message(m.segment!, id, words, { prefix: prefix(m.connection), options: optionsOf(m.segment!) })}`);
        elements.push({ kind: 'message', line: m.line, ...(err ? { error: true } : {}) });
        if (err) lines.push(`${indent}end`);
      });
      if (crossing) lines.push('  end');
      for (const m of members) {
        stateNotes('  ', m);
        const pid = id(m.segment!.from);
        if (showStates && m.segment!.sent.fastOpen === 'accepted' && pid)
          note('  ', `${m.segment!.from === first ? 'left' : 'right'} of ${pid}`, `${prefix(m.connection)}${words.fastOpen}`, m.line);
      }
      continue;
    }
    if (step.arrival) {
      const a = step.arrival;
      const err = errorLines.has(a.sendLine) || errorLines.has(step.line);
      const inner = err ? '    ' : '  ';
      if (err) lines.push(`  rect ${ERROR_FILL}`);
      const suffix = `${words.sentAt(a.sendLine + sim.lineBase)}${a.duplicate ? ` ${words.duplicate}` : ''}`;
      lines.push(
        `${inner}${message(a.segment, id, words, {
          prefix: prefix(step.connection),
          options: optionsOf(a.segment),
          arrival: { label: a.label, suffix, drop: a.kernelDrop },
        })}`,
      );
      elements.push({ kind: 'message', line: step.line, ...(err ? { error: true } : {}) });
      if (err) lines.push('  end');
      stateNotes('  ', step);
      continue;
    }
    switch (stmt.kind) {
      case 'note': {
        const targets = stmt.targets.map((t) => id(t.text)).filter((t): t is string => t !== undefined);
        if (targets.length === 0) break;
        const where = stmt.placement === 'over' ? `over ${targets.slice(0, 2).join(',')}` : `${stmt.placement} ${targets[0]}`;
        note('  ', where, stmt.text, stmt.line);
        break;
      }
      case 'section':
        if (both) note('  ', `over ${both}`, `§ ${stmt.title}`, stmt.line);
        break;
      case 'wait':
        if (both) note('  ', `over ${both}`, words.wait('ms' in stmt.duration ? `${stmt.duration.ms / 1000} s` : `${stmt.duration.msl}×MSL`), stmt.line);
        stateNotes('  ', step);
        break;
      case 'call': {
        const pid = id(stmt.subject.text);
        const what = stmt.call === 'resets' ? words.resets(stmt.reason?.value) : `${stmt.call}()`;
        if (pid) note('  ', `${stmt.subject.text === first ? 'left' : 'right'} of ${pid}`, what, stmt.line);
        stateNotes('  ', step);
        break;
      }
      default:
        break;
    }
  }
  if (band) lines.push('  end');
  return { text: `${lines.join('\n')}\n`, elements };
}

/** Beside a value the author wrote, the one a real TCP would use: `ack=x ✗ x+1`. */
export const WRONG_MARK = '✗';

const marked = (text: string, expected: string | undefined): string => (expected === undefined ? text : `${text} ${WRONG_MARK} ${expected}`);

/** A number in a message's label: as the diagram draws it, and as present mode's quiz hides it. */
export interface NumberPart {
  readonly drawn: string;
  readonly hidden: string;
}

/**
 * The sequence and acknowledgment numbers of a segment's label, each with its `✗` mark and the
 * expected value when the author's differs (`ack=x ✗ x+1`), or a missing ACK's `✗ ack=x+1`. The
 * diagram draws them; present mode hides exactly these (the structure, not the drawn text read back).
 */
export function numberParts(s: SentSegment): NumberPart[] {
  const want = s.expected;
  const out: NumberPart[] = [{ drawn: marked(`seq=${format(s.seq)}`, want?.seq && format(want.seq)), hidden: 'seq=?' }];
  if (s.ack) out.push({ drawn: marked(`ack=${format(s.ack)}`, want?.ack && format(want.ack)), hidden: 'ack=?' });
  else if (want?.ack) out.push({ drawn: `${WRONG_MARK} ack=${format(want.ack)}`, hidden: '' });
  return out;
}

/** How a message is drawn: the connection's prefix, its options, and at an `arrives` line the arrival. */
interface MessageParts {
  readonly prefix: string;
  /** The segment's TCP options as the diagram labels them, after the numbers. */
  readonly options: string;
  /** Drawn at an `arrives` line: the label's words before, the send line after, dropped there or not. */
  readonly arrival?: { readonly label: string; readonly suffix: string; readonly drop: KernelDrop | undefined };
}

/**
 * The label draws what the author wrote; where a real TCP differs, its value follows the mark.
 * A segment the capture did not see is dashed and says so.
 */
function message(seg: SegmentInfo, id: (name: string) => string | undefined, words: DiagramWords, how: MessageParts): string {
  const { options, arrival } = how;
  const s = seg.sent;
  const want = s.expected;
  const parts = [marked(flagsText(s.flags) || words.noFlags, want?.flags)];
  for (const n of numberParts(s)) parts.push(n.drawn);
  if (s.dataLen > 0) parts.push(`len=${s.dataLen}`);
  if (options) parts.push(options);
  if (s.payload !== undefined) parts.push(showPayload(s.payload));
  if (seg.notCaptured) parts.push(words.notCaptured);
  if (seg.forgedAs !== undefined) parts.push(words.forgedAs(seg.forgedAs));
  if (arrival) parts.push(arrival.suffix);
  // A labelled segment is drawn at each of its arrivals, each dropped by the receiver's kernel or not.
  const drop = arrival ? arrival.drop : seg.kernelDrop;
  if (drop) parts.push(words.dropped(seg.to, drop.reason));
  const label = `${how.prefix}${arrival ? `${arrival.label}: ` : ''}${parts.join(' ')}`;
  const delivered = arrival ? !drop : seg.delivered;
  const arrow = seg.notCaptured ? (delivered ? '-->>' : '--x') : delivered ? '->>' : '-x';
  return `${id(seg.from)}${arrow}${id(seg.to)}: ${escapeText(label)}`;
}
