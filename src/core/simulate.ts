/**
 * The simulation: walks the statements in order, runs both endpoints through the RFC 9293
 * state machine (sends, deliveries, calls, time), and records a step per statement with both
 * endpoints' states — the trace that hovers, inlay hints, `explain` and the diagram read.
 * Crossing groups (`&`) are sent first, in order, then delivered, in order.
 */

import type { Document, SegmentStmt, Statement } from './ast.js';
import { diag, replaceFix, type Diagnostic } from './diagnostics.js';
import { newEndpoint, snapshot, type Endpoint, type Owed, type Snapshot } from './endpoint.js';
import { Participants, type Participant } from './participants.js';
import { formatDuration, profile as makeProfile, type Profile } from './profiles.js';
import { receive, type EffSegment, type Text } from './receive.js';
import { applyCall, Sender, type SentSegment } from './send.js';
import { add, type Seq } from './seq.js';
import { SYNCHRONIZED, type ProfileName, type TcpState } from './vocabulary.js';
import { World } from './world.js';

export interface StateChange {
  readonly name: string;
  readonly from: TcpState;
  readonly to: TcpState;
}

export interface SegmentInfo {
  readonly from: string;
  readonly to: string;
  readonly sent: SentSegment;
  readonly delivered: boolean;
  /** Index of its crossing group; segments of one group share it. */
  readonly group: number;
  dropped?: Text;
}

export interface Step {
  readonly line: number;
  readonly stmt: Statement;
  readonly before: Readonly<Record<string, Snapshot>>;
  after: Readonly<Record<string, Snapshot>>;
  changes: readonly StateChange[];
  readonly segment?: SegmentInfo;
  /** What each endpoint owes after this step (answers, announced segments). */
  owed: Readonly<Record<string, readonly Owed[]>>;
}

export interface SimulateOptions {
  /** Used when the document has no `stack` line. */
  readonly stack?: ProfileName;
  /** Overrides the profile's MSL (milliseconds). */
  readonly mslMs?: number;
}

export interface Simulation {
  readonly participants: readonly Participant[];
  readonly steps: readonly Step[];
  readonly diagnostics: readonly Diagnostic[];
  readonly profile: Profile;
  readonly final: Readonly<Record<string, Snapshot>>;
  /** Final control blocks (for end-of-flow checks). */
  readonly endpoints: readonly Endpoint[];
}

function collectSymbols(doc: Document): Set<string> {
  const names = new Set<string>();
  for (const s of doc.statements) {
    if (s.kind !== 'segment') continue;
    for (const f of s.fields) if (f.value?.symbol) names.add(f.value.symbol.text);
  }
  return names;
}

function initialEndpoint(p: Participant, w: { placeholder(): Seq }): Endpoint {
  const e = newEndpoint(p.name, p.role, p.raw, p.initial);
  if (SYNCHRONIZED.has(p.initial) || p.initial === 'SYN_RECEIVED' || p.initial === 'SYN_SENT') {
    const base = w.placeholder();
    e.sndUna = base;
    e.sndNxt = base;
    if (['FIN_WAIT_1', 'CLOSING', 'LAST_ACK'].includes(p.initial)) {
      e.finSeq = base;
      e.sndNxt = add(base, 1);
    } else if (p.initial === 'FIN_WAIT_2' || p.initial === 'TIME_WAIT') {
      e.finSeq = base;
      e.finAcked = true;
      e.sndUna = add(base, 1);
      e.sndNxt = add(base, 1);
    }
  }
  return e;
}

/** Links each synchronized endpoint's RCV.NXT to the other's SND.NXT (both unnamed yet). */
function linkInitialNumbers(a: Endpoint, b: Endpoint, p: Profile, w: World): void {
  for (const [e, peer] of [
    [a, b],
    [b, a],
  ] as const) {
    if (!SYNCHRONIZED.has(e.state) && e.state !== 'SYN_RECEIVED') continue;
    const got = ['CLOSE_WAIT', 'LAST_ACK', 'CLOSING', 'TIME_WAIT'].includes(e.state);
    const peerStart = peer.finSeq ?? peer.sndUna;
    e.rcvNxt = peerStart ? add(peerStart, got && peer.finSeq ? 1 : 0) : w.placeholder();
    e.receivedFin = got;
    if (e.state === 'TIME_WAIT') e.timeWaitLeftMs = 2 * p.mslMs;
    if (e.finSeq && !got) e.closedFirst = true;
  }
}

export function simulate(doc: Document, options: SimulateOptions = {}): Simulation {
  const diagnostics: Diagnostic[] = [];
  const stackStmt = doc.statements.find((s) => s.kind === 'stack');
  const profile = stackStmt?.kind === 'stack' ? makeProfile(stackStmt.profile, stackStmt.options, options.mslMs) : makeProfile(options.stack, [], options.mslMs);
  const parts = new Participants(doc, diagnostics);
  const endpoints: Endpoint[] = [];
  const world = new World(endpoints, profile, collectSymbols(doc));
  for (const p of parts.list) endpoints.push(initialEndpoint(p, world));
  if (endpoints.length === 2) linkInitialNumbers(endpoints[0]!, endpoints[1]!, profile, world);
  const ep = (name: string): Endpoint | undefined => endpoints.find((e) => e.name === name);
  // Steps share snapshot and owed records while nothing changes: long flows stay light on memory.
  let lastSnap: Record<string, Snapshot> = {};
  let lastOwed: Record<string, readonly Owed[]> = {};
  const snap = (): Record<string, Snapshot> => {
    if (endpoints.every((e) => sameAs(lastSnap[e.name], e))) return lastSnap;
    const next: Record<string, Snapshot> = {};
    for (const e of endpoints) next[e.name] = sameAs(lastSnap[e.name], e) ? lastSnap[e.name]! : snapshot(e);
    return (lastSnap = next);
  };
  const owedNow = (): Record<string, readonly Owed[]> => {
    if (endpoints.every((e) => lastOwed[e.name] === e.owed)) return lastOwed;
    const next: Record<string, readonly Owed[]> = {};
    for (const e of endpoints) next[e.name] = e.owed;
    return (lastOwed = next);
  };
  const states = (): TcpState[] => endpoints.map((e) => e.state);
  const changesSince = (before: readonly TcpState[]): readonly StateChange[] => {
    let out: StateChange[] | undefined;
    endpoints.forEach((e, i) => {
      if (!e.raw && before[i] !== e.state) (out ??= []).push({ name: e.name, from: before[i]!, to: e.state });
    });
    return out ?? NO_CHANGES;
  };
  const lastData = new Map<string, EffSegment>();
  const steps: Step[] = [];
  let groupIndex = 0;
  let timeWaitHinted = false;

  const stmts = doc.statements;
  for (let i = 0; i < stmts.length; i++) {
    const stmt = stmts[i]!;
    if (stmt.kind === 'segment') {
      // Collect the crossing group: this segment and the `&` lines right after it.
      const group: SegmentStmt[] = [stmt];
      while (stmts[i + 1]?.kind === 'segment' && (stmts[i + 1] as SegmentStmt).crossing) group.push(stmts[++i] as SegmentStmt);
      const sentSteps: { step: Step; to: Endpoint; sent: SentSegment }[] = [];
      for (const seg of group) {
        const before = snap();
        const beforeStates = states();
        // The names' nodes (with ranges) are made only when a name needs a diagnostic.
        const fromP = parts.get(seg.fromText) ?? parts.resolve(seg.from);
        const toP = parts.get(seg.toText) ?? parts.resolve(seg.to);
        if (fromP && toP && fromP === toP) diagnostics.push(diag('TF113', seg.to.range));
        const from = fromP && ep(fromP.name);
        const to = toP && ep(toP.name);
        // A segment without a single valid flag already has a syntax error: simulating it would only add noise.
        if (!from || !to || from === to || seg.flagNames.length === 0) {
          steps.push({ line: seg.line, stmt: seg, before, after: snap(), changes: NO_CHANGES, owed: owedNow() });
          continue;
        }
        const sender = new Sender(world, seg, from, to);
        sender.lastData = lastData.get(from.name);
        const sent = sender.run();
        diagnostics.push(...sender.diagnostics);
        if (seg.lost) world.lossSeen = true;
        const step: Step = {
          line: seg.line,
          stmt: seg,
          before,
          after: snap(),
          changes: changesSince(beforeStates),
          segment: { from: from.name, to: to.name, sent, delivered: !seg.lost, group: groupIndex },
          owed: owedNow(),
        };
        steps.push(step);
        sentSteps.push({ step, to, sent });
      }
      const afterSends = states();
      for (const { step, to, sent } of sentSteps) {
        if (!step.segment!.delivered) continue;
        const owedBefore = to.owed;
        const outcome = receive(to, sent, profile);
        if (outcome.dropped) {
          step.segment!.dropped = outcome.dropped;
          // Silently dropped (no answer either): worth telling the author.
          if (to.owed === owedBefore) diagnostics.push(diag('TF301', step.stmt.range, { name: to.name, reason: outcome.dropped.en, reasonKo: outcome.dropped.ko }));
        }
        if (outcome.rfc1337Kept) diagnostics.push(diag('TF705', step.stmt.range, { profile: profile.name, state: to.state }));
        else if (outcome.events.includes('rcv-rst') && step.before[to.name]?.state === 'TIME_WAIT') diagnostics.push(diag('TF705', step.stmt.range, { profile: profile.name, state: to.state }));
        if (sent.dataLen > 0) lastData.set(to.name, sent);
      }
      const last = steps[steps.length - 1]!;
      if (sentSteps.length > 0) {
        const deliveryChanges = changesSince(afterSends);
        last.changes = mergeChanges(last.changes, deliveryChanges, group.length > 1);
        last.after = snap();
        last.owed = owedNow();
      }
      groupIndex++;
      continue;
    }

    const before = snap();
    const beforeStates = states();
    const step: Step = { line: stmt.line, stmt, before, after: before, changes: NO_CHANGES, owed: {} };
    switch (stmt.kind) {
      case 'call': {
        const p = parts.resolve(stmt.subject);
        const e = p && ep(p.name);
        if (e && !e.raw && !applyCall(e, stmt.call, stmt.line)) {
          diagnostics.push(diag('TF201', stmt.callRange, { name: e.name, call: stmt.call, state: e.state }));
        } else if (e?.raw) diagnostics.push(diag('TF204', stmt.subject.range, { name: e.name }));
        break;
      }
      case 'assert': {
        const p = parts.resolve(stmt.subject);
        const e = p && ep(p.name);
        if (!e || !stmt.state.state) break;
        if (e.raw) {
          diagnostics.push(diag('TF204', stmt.subject.range, { name: e.name }));
          break;
        }
        if (e.state !== stmt.state.state) {
          diagnostics.push(
            diag('TF500', stmt.state.range, { name: e.name, actual: e.state, claimed: stmt.state.state }, {
              fixes: [replaceFix(stmt.state.range, e.state, `Change to ${e.state}`, `${e.state}(으)로 바꾸기`)],
            }),
          );
          if (stmt.state.state === 'CLOSE_WAIT' && e.closedFirst) diagnostics.push(diag('TF702', stmt.state.range, { name: e.name }));
          if (stmt.state.state === 'CLOSED' && e.state === 'TIME_WAIT') {
            diagnostics.push(diag('TF703', stmt.state.range, { name: e.name, left: formatDuration(e.timeWaitLeftMs), total: formatDuration(2 * profile.mslMs), profile: profile.name }));
          }
        }
        break;
      }
      case 'wait': {
        const ms = 'ms' in stmt.duration ? stmt.duration.ms : stmt.duration.msl * profile.mslMs;
        world.lossSeen = true;
        for (const e of endpoints) {
          if (e.state !== 'TIME_WAIT') continue;
          e.timeWaitLeftMs -= ms;
          if (e.timeWaitLeftMs <= 0) {
            e.state = 'CLOSED';
            e.owed = [];
            if (!timeWaitHinted && profile.name !== 'linux') {
              diagnostics.push(diag('TF704', stmt.durationRange, { total: formatDuration(2 * profile.mslMs) }));
              timeWaitHinted = true;
            }
          } else {
            diagnostics.push(diag('TF703', stmt.durationRange, { name: e.name, left: formatDuration(e.timeWaitLeftMs), total: formatDuration(2 * profile.mslMs), profile: profile.name }));
          }
        }
        break;
      }
      case 'note':
        for (const t of stmt.targets) parts.resolve(t);
        break;
      default:
        break;
    }
    step.after = snap();
    step.changes = changesSince(beforeStates);
    step.owed = owedNow();
    steps.push(step);
  }
  return { participants: parts.list, steps, diagnostics, profile, final: snap(), endpoints };
}

/** Most steps change no state: they share this one empty list (never pushed to). */
const NO_CHANGES: readonly StateChange[] = Object.freeze([]);

function sameAs(s: Snapshot | undefined, e: Endpoint): boolean {
  return (
    s !== undefined &&
    s.state === (e.raw ? 'RAW' : e.state) &&
    s.iss === e.iss &&
    s.irs === e.irs &&
    s.sndUna === e.sndUna &&
    s.sndNxt === e.sndNxt &&
    s.rcvNxt === e.rcvNxt &&
    s.rcvWnd === e.rcvWnd
  );
}

/** A state changed by the send and again by the delivery shows as one change, first to last. */
function mergeChanges(sendChanges: readonly StateChange[], deliveryChanges: readonly StateChange[], crossing: boolean): readonly StateChange[] {
  if (deliveryChanges.length === 0) return sendChanges;
  if (!crossing) {
    const out = [...sendChanges];
    for (const d of deliveryChanges) {
      const i = out.findIndex((c) => c.name === d.name);
      if (i >= 0) out[i] = { name: d.name, from: out[i]!.from, to: d.to };
      else out.push(d);
    }
    return out.filter((c) => c.from !== c.to);
  }
  return [...sendChanges, ...deliveryChanges];
}
