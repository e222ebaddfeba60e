/**
 * The simulation: walks the statements in order, runs both endpoints through the RFC 9293
 * state machine (sends, deliveries, calls, time), and records a step per statement with both
 * endpoints' states — the trace that hovers, inlay hints, `explain` and the diagram read.
 *
 * Each statement is one named step: `sendGroup` (a segment and the `&` lines crossing it: all
 * sent first, in order, then delivered, in order), `arrives` (a labelled segment sent earlier
 * reaches its receiver: inFlight.ts), `call`, `assertState`, `wait`, `note`, `connection`. A segment goes to its receiver exactly as written, wrong numbers and all, so what
 * follows an error is judged against what the real receiver would have done with it.
 *
 * Segments, calls and claims apply to the current connection (connections.ts): its endpoints and
 * its world. Time (`wait`) passes for every connection.
 */

import {
  fieldValues,
  type ArrivesStmt,
  type AssertStmt,
  type CallStmt,
  type Document,
  type Dropped,
  type Name,
  type SegmentStmt,
  type Statement,
  type WaitStmt,
} from '../language/ast.js';
import { Connections, type Connection, type ConnectionInfo } from './connections.js';
import { applyCall } from '../model/calls.js';
import type { Diagnostic } from '../common/diagnostics.js';
import type { Span } from '../common/source.js';
import { asInferred } from './inferred.js';
import { InFlight, isDuplicateAck } from './inFlight.js';
import { learnWindow } from '../model/window.js';
import { clearTcb, newEndpoint, snapshot, type Endpoint, type Owed, type Snapshot } from '../model/endpoint.js';
import { Participants, type Participant } from './participants.js';
import { formatDuration, profile as makeProfile, type Profile } from '../model/profiles.js';
import { receive, segLen } from '../model/receive.js';
import type { EffSegment } from '../model/types.js';
import { flagsText } from '../model/segmentKind.js';
import { Sender, type SentSegment } from './send.js';
import { StepChecks } from './stepChecks.js';
import { add, isPlaceholder, type Seq } from '../model/seq.js';
import { T, type Text } from '../common/text.js';
import { SYNCHRONIZED, type ProfileName, type TcpState } from '../common/vocabulary.js';
import { World } from './world.js';
import { tally } from '../common/work.js';

export interface StateChange {
  readonly name: string;
  readonly from: TcpState;
  readonly to: TcpState;
  /** Set when the change is in another connection than the step's (its TIME_WAIT ran out). */
  readonly connection?: string;
}

export interface SegmentInfo {
  readonly from: string;
  readonly to: string;
  readonly sent: SentSegment;
  readonly delivered: boolean;
  /** Index of its crossing group; segments of one group share it. */
  readonly group: number;
  dropped?: Text;
  /** Labelled (`@label`): it reaches its receiver at the `arrives` lines, not here. */
  readonly label?: string;
  /** The lines of its `arrives` statements (filled in as the simulation reaches them). */
  readonly arrivals?: number[];
  /** `?`: not in the capture (its fields are a guess). */
  readonly notCaptured?: true;
  /** `Eve as C -> S`: forged by the third party `from`, with the addresses of this endpoint. */
  readonly forgedAs?: string;
  /** `dropped ["reason"]`: it reached the receiver's host, whose kernel discarded it (not delivered). */
  readonly kernelDrop?: KernelDrop;
}

/** A segment the receiver's kernel discarded on purpose (`dropped "accept queue full"`). */
export interface KernelDrop {
  /** The author's reason, as written (without quotes). */
  readonly reason?: string;
}

function kernelDropOf(d: Dropped): KernelDrop {
  return d.reason ? { reason: d.reason.value } : {};
}

/** A labelled segment reaching its receiver (an `arrives` step). */
export interface ArrivalInfo {
  readonly label: string;
  /** The send step's segment (the segment as it was sent and judged there). */
  readonly segment: SegmentInfo;
  readonly sendLine: number;
  /** It arrived before: the network duplicated it. */
  readonly duplicate: boolean;
  dropped?: Text;
  /** `arrives d1 dropped`: it reached the receiver's host, whose kernel discarded it. */
  readonly kernelDrop?: KernelDrop;
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
  /** On an `arrives` line: the segment that arrives there. */
  readonly arrival?: ArrivalInfo;
  /** The connection the step is in ('' in a flow without `connection` lines): `before`, `after` and `owed` are its endpoints'. */
  readonly connection: string;
}

export interface SimulateOptions {
  /** Used when the document has no `stack` line. */
  readonly stack?: ProfileName;
  /** Overrides the profile's MSL (milliseconds). */
  readonly mslMs?: number;
  /** Where the text starts in its file (a Markdown block's first line, 0-based): messages name the file's lines. */
  readonly lineOffset?: number;
  /**
   * Keep a step per statement, with both endpoints' snapshots (default true): hovers, inlay hints,
   * diagrams and `explain` read them. A check that needs only the diagnostics (`tcpflow-cli check`)
   * passes false and keeps no trace: less memory and time on long flows.
   */
  readonly trace?: boolean;
}

export interface Simulation {
  readonly participants: readonly Participant[];
  readonly steps: readonly Step[];
  readonly diagnostics: readonly Diagnostic[];
  readonly profile: Profile;
  /** The endpoints of the connection current at the end. */
  readonly final: Readonly<Record<string, Snapshot>>;
  /** Final control blocks of the connection current at the end. */
  readonly endpoints: readonly Endpoint[];
  /** Every connection, in the order they started (one, named '', without `connection` lines). */
  readonly connections: readonly ConnectionInfo[];
  /** Added to a 0-based line to name it in a message (1, or more inside a Markdown note). */
  readonly lineBase: number;
  /** The third parties that forged segments (`Eve as C -> S`), in the order they first did. */
  readonly thirdParties: readonly string[];
}

export function simulate(doc: Document, options: SimulateOptions = {}): Simulation {
  const sim = new Simulator(doc, options);
  for (const stmt of doc.statements) sim.feed(stmt);
  return sim.finish();
}

/**
 * Takes the statements one at a time (`feed`, then `finish`). `head` gives what must be known
 * before the first statement runs — the `stack` line, the participants and the symbols the
 * document mentions — and is the whole document except for a check that streams its statements
 * (checkLean.ts), which passes the statements read so far and the symbols it can vouch for.
 */
export class Simulator {
  private readonly diagnostics: Diagnostic[] = [];
  /** The named checks (stepChecks.ts): every diagnostic about a step is theirs. */
  private readonly checks = new StepChecks(this.diagnostics);
  private readonly profile: Profile;
  private readonly parts: Participants;
  private readonly conns: Connections;
  private readonly steps: Step[] = [];
  private readonly flights: InFlight<SegmentInfo>;
  /** The connection each labelled segment was sent in: it arrives there. */
  private readonly flightConnection = new Map<SegmentInfo, Connection>();
  /** The third parties of forged segments, each a raw endpoint with no TCB (by name, in order). */
  private readonly forgers = new Map<string, Endpoint>();
  private groupIndex = 0;
  /** Changes in other connections than the current one (a `wait` ran their TIME_WAIT out). */
  private elsewhere: StateChange[] = [];
  // Steps share snapshot and owed records while nothing changes: long flows stay light on memory.
  private lastSnap: Record<string, Snapshot> = {};
  private lastOwed: Record<string, readonly Owed[]> = {};
  private readonly trace: boolean;
  /**
   * A segment and the `&` lines crossing it, sent together once the group is complete: the first
   * `groupSize` of the list. The list is never shortened (emptying it dropped its storage, grown
   * again on the next segment).
   */
  private readonly group: SegmentStmt[] = [];
  private groupSize = 0;
  /** The endpoints' states before a send: one list for every send (send is never re-entered). */
  private readonly statesBeforeSend: TcpState[] = [];

  constructor(head: Document, options: SimulateOptions, symbols: ReadonlySet<string> = collectSymbols(head)) {
    const stackStmt = head.statements.find((s) => s.kind === 'stack');
    this.profile =
      stackStmt?.kind === 'stack' ? makeProfile(stackStmt.profile, stackStmt.options, options.mslMs) : makeProfile(options.stack, [], options.mslMs);
    this.trace = options.trace ?? true;
    const lineBase = 1 + (options.lineOffset ?? 0);
    this.parts = new Participants(head, this.diagnostics, lineBase);
    this.flights = new InFlight(head, this.diagnostics, lineBase);
    const endpoints: Endpoint[] = [];
    const world = new World(endpoints, this.profile, symbols, lineBase);
    for (const p of this.parts.list) endpoints.push(initialEndpoint(p, world));
    if (endpoints.length === 2) linkInitialNumbers(endpoints[0]!, endpoints[1]!, this.profile, world);
    // Every later connection starts each host as its role does: a server's listener outlives its connections.
    const fresh = (p: Participant): Endpoint => newEndpoint(p.name, p.role, p.raw, p.role === 'server' ? 'LISTEN' : 'CLOSED');
    this.conns = new Connections(this.parts.list, world, fresh, this.diagnostics, lineBase);
  }

  private get conn(): Connection {
    return this.conns.current;
  }
  private get endpoints(): Endpoint[] {
    return this.conns.current.endpoints;
  }
  private get world(): World {
    return this.conns.current.world;
  }
  private get lastData(): Map<string, EffSegment> {
    return this.conns.current.lastData;
  }

  /** The next statement: a segment waits for the `&` lines that cross it. */
  feed(stmt: Statement): void {
    if (stmt.kind === 'segment' && stmt.crossing && this.groupSize > 0) {
      this.group[this.groupSize++] = stmt;
      return;
    }
    this.flushGroup();
    if (stmt.kind === 'segment') this.group[this.groupSize++] = stmt;
    else if (stmt.kind === 'arrives') this.arrives(stmt);
    else this.otherStatement(stmt);
  }

  private flushGroup(): void {
    const size = this.groupSize;
    if (size === 0) return;
    this.groupSize = 0;
    this.sendGroup(this.group, size);
  }

  /** After the last statement: the simulation as a whole. */
  finish(): Simulation {
    this.flushGroup();
    // One at a time: a spread of thousands of labels still in flight overflows the call stack.
    for (const d of this.flights.atEnd()) this.diagnostics.push(d);
    const { parts, steps, diagnostics, profile, endpoints } = this;
    const final: Record<string, Snapshot> = {};
    for (const e of endpoints) final[e.name] = snapshot(e);
    return {
      participants: parts.list,
      steps,
      diagnostics,
      profile,
      final,
      endpoints,
      connections: this.conns.infos(),
      lineBase: this.world.lineBase,
      thirdParties: [...this.forgers.keys()],
    };
  }

  private ep(name: string): Endpoint | undefined {
    const endpoints = this.endpoints;
    for (let k = 0; k < endpoints.length; k++) if (endpoints[k]!.name === name) return endpoints[k];
    return undefined;
  }

  // ---- a segment and the segments crossing it ----

  private sendGroup(group: readonly SegmentStmt[], size: number): void {
    // Of the exact size: a list pushed to from empty keeps room for 17.
    const sent = new Array<Sent>(size);
    let count = 0;
    for (let k = 0; k < size; k++) {
      const s = this.send(group[k]!);
      if (s) sent[count++] = s;
    }
    const afterSends = this.trace ? this.states() : undefined; // only a trace shows what the arrivals changed
    // A labelled segment stays in flight until its `arrives` line.
    for (let k = 0; k < count; k++) {
      const s = sent[k]!;
      if (s.segment.delivered && s.segment.label === undefined) this.deliver(s.to, s.sent, s.stmt, s.segment, s.sent.line);
    }
    // Without a trace there are no steps (and steps[-1] is a slow lookup of the property "-1").
    const last = this.trace && this.steps.length > 0 ? this.steps[this.steps.length - 1] : undefined;
    if (last && count > 0) {
      last.changes = mergeChanges(last.changes, this.changesSince(afterSends!), size > 1);
      last.after = this.snap();
      last.owed = this.owedNow();
    }
    this.groupIndex++;
  }

  /** The sender's side: checks the segment and applies it to the sender. */
  private send(seg: SegmentStmt): Sent | undefined {
    if (seg.spoofs) return this.sendForged(seg, seg.spoofs);
    const before = this.snap();
    const beforeStates = this.states(this.statesBeforeSend);
    // The names' nodes (with ranges) are made only when a name needs a diagnostic.
    const fromP = this.parts.get(seg.fromText) ?? this.parts.resolve(seg.from);
    const toP = this.parts.get(seg.toText) ?? this.parts.resolve(seg.to);
    this.checks.tell('send', { seg, from: fromP, to: toP });
    const from = fromP && this.ep(fromP.name);
    const to = toP && this.ep(toP.name);
    // A segment without a single valid flag already has a syntax error: simulating it would only add noise.
    this.touch(seg.line);
    if (!from || !to || from === to || seg.flagNames.length === 0) {
      this.record({ line: seg.line, stmt: seg, before, after: this.snap(), changes: NO_CHANGES, owed: this.owedNow(), connection: this.conn.name });
      return undefined;
    }
    this.replaceTimeWait(seg, from);
    const sender = new Sender(this.world, seg, from, to);
    sender.lastData = this.lastData.get(from.name);
    const sent = sender.run();
    // A segment the capture did not see (`?`): its errors are warnings, its fields a guess.
    if (seg.inferred) for (const d of sender.diagnostics) this.diagnostics.push(asInferred(d));
    else for (const d of sender.diagnostics) this.diagnostics.push(d);
    // A segment its receiver's kernel discards (`dropped`) is, for the sender, as good as lost.
    const dropped = kernelDropped(seg);
    if (seg.lost || dropped) this.world.lossSeen = true;
    const changes = this.changesSince(beforeStates);
    if (changes.length) this.noteMoves(changes, seg.line, T(`when it sent ${flagsText(sent.flags)}`, `${flagsText(sent.flags)} 세그먼트를 보냈을 때`));
    // No spread: copying a literal into another is slow on a path taken for every segment.
    const info: SegmentInfo = dropped
      ? {
          from: from.name,
          to: to.name,
          sent,
          delivered: false,
          group: this.groupIndex,
          kernelDrop: kernelDropOf(dropped),
          ...(seg.inferred ? { notCaptured: true as const } : {}),
        }
      : seg.inferred
        ? { from: from.name, to: to.name, sent, delivered: !seg.lost, group: this.groupIndex, notCaptured: true }
        : { from: from.name, to: to.name, sent, delivered: !seg.lost, group: this.groupIndex };
    return this.recordSent(seg, to, sent, info, before, changes);
  }

  /**
   * A segment has left its sender (an endpoint's, or a third party's forgery): a labelled one goes
   * in flight until its `arrives` line, and the step is recorded with both endpoints after it.
   */
  private recordSent(
    seg: SegmentStmt,
    to: Endpoint,
    sent: SentSegment,
    info: SegmentInfo,
    before: Record<string, Snapshot>,
    changes: readonly StateChange[],
  ): Sent {
    const labelled: SegmentInfo | undefined = seg.label ? { ...info, label: seg.label.text, arrivals: [] } : undefined;
    const segment = labelled && this.flights.send(seg, to, sent, labelled) ? labelled : info;
    if (segment === labelled) this.flightConnection.set(labelled, this.conn);
    // Without a trace there is no step to record (one object fewer a segment).
    if (this.trace) this.record({ line: seg.line, stmt: seg, before, after: this.snap(), changes, segment, owed: this.owedNow(), connection: this.conn.name });
    return { segment, stmt: seg, to, sent };
  }

  /**
   * A forged segment (`Eve as C -> S`, RFC 5961's blind injection): a third party with no TCB of
   * its own sends it with C's addresses, so S judges it as if from C, and C is untouched. The
   * sender may write any numbers (a guess); only the receiver's answer is judged, on the lines
   * after. The third party must not be one of the connection's endpoints (TF214).
   */
  private sendForged(seg: SegmentStmt, spoofs: Name): Sent | undefined {
    const before = this.snap();
    this.touch(seg.line);
    const endpointSends = this.parts.get(seg.fromText) !== undefined;
    this.checks.tell('forge', { seg, spoofs, endpointSends });
    const asP = this.parts.get(spoofs.text) ?? this.parts.resolve(spoofs);
    const toP = this.parts.get(seg.toText) ?? this.parts.resolve(seg.to);
    this.checks.tell('send', { seg, from: asP, to: toP });
    const as = asP && this.ep(asP.name);
    const to = toP && this.ep(toP.name);
    if (endpointSends || !as || !to || as === to || seg.flagNames.length === 0) {
      this.record({ line: seg.line, stmt: seg, before, after: this.snap(), changes: NO_CHANGES, owed: this.owedNow(), connection: this.conn.name });
      return undefined;
    }
    let forger = this.forgers.get(seg.fromText);
    if (!forger) this.forgers.set(seg.fromText, (forger = newEndpoint(seg.fromText, 'peer', true, 'CLOSED')));
    const sender = new Sender(this.world, seg, forger, to);
    const sent = sender.run();
    for (const d of sender.diagnostics) this.diagnostics.push(seg.inferred ? asInferred(d) : d);
    const dropped = kernelDropped(seg);
    const info: SegmentInfo = {
      from: seg.fromText,
      to: to.name,
      sent,
      delivered: !seg.lost && !dropped,
      group: this.groupIndex,
      forgedAs: as.name,
      ...(seg.inferred ? { notCaptured: true as const } : {}),
      ...(dropped ? { kernelDrop: kernelDropOf(dropped) } : {}),
    };
    return this.recordSent(seg, to, sent, info, before, NO_CHANGES);
  }

  /**
   * A labelled segment sent earlier reaches its receiver now (again, for a network duplicate),
   * in the connection it was sent in.
   */
  private arrives(stmt: ArrivesStmt): void {
    const flight = this.flights.arrive(stmt);
    const here = this.conns.current;
    const there = flight ? this.flightConnection.get(flight.info) : undefined;
    if (there) this.conns.current = there;
    const before = this.snap();
    const beforeStates = this.states();
    let arrival: ArrivalInfo | undefined;
    if (flight) {
      this.touch(stmt.line);
      const duplicate = flight.arrivals.length > 1;
      flight.info.arrivals?.push(stmt.line);
      const drop = stmt.dropped ? { kernelDrop: kernelDropOf(stmt.dropped) } : {};
      arrival = { label: stmt.label.text, segment: flight.info, sendLine: flight.sendLine, duplicate, ...drop };
      // `arrives d1 dropped`: the receiver's kernel discards it where it arrives (its TCP never sees it):
      // for the sender, a loss.
      if (stmt.dropped) this.world.lossSeen = true;
      else this.deliver(flight.to, flight.sent, stmt, arrival, stmt.line, duplicate);
    }
    const step: Step = {
      line: stmt.line,
      stmt,
      before,
      after: this.snap(),
      changes: this.changesSince(beforeStates),
      owed: this.owedNow(),
      connection: this.conn.name,
      ...(arrival ? { arrival } : {}),
    };
    this.record(step);
    this.conns.current = here;
  }

  /**
   * The receiver's side: RFC 9293 §3.10.7 with the segment as written, at the moment it arrives
   * (`at`, on line `line`: the segment's own line, or its `arrives` line; its range is made only for
   * a diagnostic). What the receiver owes starts here.
   */
  private deliver(to: Endpoint, sent: SentSegment, at: { readonly range: Span }, info: { dropped?: Text }, line: number, duplicate = false): void {
    const owedBefore = to.owed;
    const stateBefore = to.state;
    const rcvNxtBefore = to.rcvNxt;
    const unaBefore = to.sndUna;
    // A duplicate ACK tells the sender something is missing: a retransmission may follow at once.
    if (isDuplicateAck(to, sent)) this.world.lossSeen = true;
    const outcome = receive(to, sent, this.profile, this.conns.timeWaits.now);
    if (to.rcvNxt !== rcvNxtBefore && to.rcvNxt && !isPlaceholder(to.rcvNxt) && segLen(sent) > 0) {
      to.lastReceived = sent;
    }
    if (!outcome.dropped && !duplicate) learnWindow(to, sent, unaBefore, this.profile);
    if (to.state !== stateBefore) {
      const sentAt = sent.line + this.world.lineBase;
      const cause =
        line === sent.line
          ? T(`when the ${flagsText(sent.flags)} of line ${sentAt} arrived`, `${sentAt}행의 ${flagsText(sent.flags)} 세그먼트가 도착했을 때`)
          : T(`when the ${flagsText(sent.flags)} sent on line ${sentAt} arrived`, `${sentAt}행에서 보낸 ${flagsText(sent.flags)} 세그먼트가 도착했을 때`);
      this.noteMoves([{ name: to.name, from: stateBefore, to: to.state }], line, cause);
    }
    if (outcome.dropped) info.dropped = outcome.dropped;
    this.checks.tell('deliver', { at, to, stateBefore, outcome, unanswered: to.owed === owedBefore, profile: this.profile });
    if (sent.dataLen > 0) this.lastData.set(to.name, sent);
  }

  // ---- the other statements ----

  private otherStatement(stmt: Statement): void {
    if (stmt.kind === 'connection') {
      // The step shows the connection it enters: its endpoints before and after are the same.
      this.conns.enter(stmt);
      const now = this.snap();
      this.record({ line: stmt.line, stmt, before: now, after: now, changes: NO_CHANGES, owed: this.owedNow(), connection: this.conn.name });
      return;
    }
    const before = this.snap();
    const beforeStates = this.states();
    const step: Step = { line: stmt.line, stmt, before, after: before, changes: NO_CHANGES, owed: {}, connection: this.conn.name };
    switch (stmt.kind) {
      case 'call':
        this.touch(stmt.line);
        this.call(stmt);
        break;
      case 'assert':
        this.touch(stmt.line);
        this.assertState(stmt);
        break;
      case 'wait':
        this.touch(stmt.line);
        this.wait(stmt);
        break;
      case 'note':
        for (const t of stmt.targets) this.parts.resolve(t);
        break;
      default:
        break;
    }
    step.changes = this.changesSince(beforeStates);
    if (this.elsewhere.length) {
      step.changes = [...step.changes, ...this.elsewhere];
      this.elsewhere = [];
    }
    step.after = this.snap();
    step.owed = this.owedNow();
    this.record(step);
  }

  private call(stmt: CallStmt): void {
    const p = this.parts.resolve(stmt.subject);
    const e = p && this.ep(p.name);
    if (!e) return;
    // A raw endpoint makes no calls.
    const before = e.state;
    const refused = !e.raw && !applyCall(e, stmt.call, stmt.line);
    this.checks.tell('call', { stmt, endpoint: e, refused });
    if (e.raw || refused) return;
    if (e.state !== before) this.noteMoves([{ name: e.name, from: before, to: e.state }], stmt.line, T(`at its '${stmt.call}' call`, `'${stmt.call}' 호출로`));
  }

  /** A claimed state: the checks compare it with the simulated one (TF500 and its hints). */
  private assertState(stmt: AssertStmt): void {
    const p = this.parts.resolve(stmt.subject);
    const e = p && this.ep(p.name);
    if (!e || !stmt.state.state) return;
    this.checks.tell('claim', { stmt, endpoint: e, profile: this.profile, lineBase: this.world.lineBase });
  }

  /** Time passes: retransmissions become expected, TIME_WAIT runs down (§3.10.8). */
  private wait(stmt: WaitStmt): void {
    const profile = this.profile;
    const ms = 'ms' in stmt.duration ? stmt.duration.ms : stmt.duration.msl * profile.mslMs;
    // Retransmissions become expected in every open connection (World.lossSeen counts the waits).
    this.world.timePasses();
    // The current connection counts down here; the others' timers run on the flow's clock
    // (model/timeWaits.ts), and only those that ran out are looked at: in the order connections started.
    const ranOut = this.conns.timeWaits.pass(ms);
    const expired = new Set<Endpoint>();
    for (const r of ranOut) expired.add(r.endpoint);
    for (const c of this.conns.byOrder([this.conn, ...ranOut.map((r) => r.connection)])) {
      tally();
      if (c.reusedBy) continue; // its TIME_WAIT endpoint carried on in the connection that reused it
      const here = c === this.conn;
      for (const e of c.endpoints) {
        if (here && e.state === 'FIN_WAIT_2') this.finTimeout(e, ms, stmt.line);
        if (e.state !== 'TIME_WAIT') continue;
        if (here) e.timeWaitLeftMs -= ms;
        else if (!expired.has(e)) continue;
        if (e.timeWaitLeftMs <= 0) {
          e.state = 'CLOSED';
          e.owed = [];
          const change: StateChange = { name: e.name, from: 'TIME_WAIT', to: 'CLOSED' };
          const cause = T('when 2×MSL had passed', '2×MSL이 지났을 때');
          if (here) this.noteMoves([change], stmt.line, cause);
          else {
            e.moved = { line: stmt.line, from: 'TIME_WAIT', cause };
            clearTcb(e);
            this.elsewhere.push({ ...change, connection: c.name });
          }
          this.checks.tell('timeWaitOver', { stmt, profile });
        } else if (here) {
          // Only the current connection's: twenty connections in TIME_WAIT would say it twenty times.
          this.checks.tell('timeWaitLeft', { stmt, endpoint: e, profile });
        }
      }
    }
  }

  /**
   * Linux's tcp_fin_timeout (net/ipv4/tcp.c, tcp_close; 60 s by default): a socket the application
   * closed that waits in FIN_WAIT_2 for the peer's FIN ends silently when the timer runs out. A
   * half-closed socket (a FIN without `close`) waits as long as it must.
   */
  private finTimeout(e: Endpoint, ms: number, line: number): void {
    const limit = this.profile.finTimeoutMs;
    if (limit <= 0 || !e.orphaned) return;
    e.finWait2LeftMs = (e.finWait2LeftMs ?? limit) - ms;
    if (e.finWait2LeftMs > 0) return;
    e.state = 'CLOSED';
    e.owed = [];
    this.noteMoves(
      [{ name: e.name, from: 'FIN_WAIT_2', to: 'CLOSED' }],
      line,
      T(
        `when tcp_fin_timeout (${formatDuration(limit)}) ran out: Linux ends an orphaned FIN_WAIT_2 silently`,
        `tcp_fin_timeout(${formatDuration(limit)})이 다 되었을 때: Linux는 닫힌 소켓의 FIN_WAIT_2를 조용히 끝냅니다`,
      ),
    );
  }

  /** Something happens in the current connection: it is in use, and its last line moves on. */
  private touch(line: number): void {
    this.conn.used = true;
    this.conn.lastLine = line;
  }

  /**
   * Linux (`tcp_tw_reuse`) lets a host open a four-tuple its own TIME_WAIT still holds: the first
   * SYN of a connection that `reuses` it replaces the TIME_WAIT socket. Elsewhere the send rules
   * judge a SYN from TIME_WAIT as RFC 9293 does.
   */
  private replaceTimeWait(seg: SegmentStmt, from: Endpoint): void {
    if (!this.conn.reusing || from.state !== 'TIME_WAIT' || !this.profile.ownTimeWaitReuse) return;
    if (!seg.flagNames.includes('SYN') || seg.flagNames.includes('ACK') || seg.flagNames.includes('RST')) return;
    this.checks.tell('ownTimeWaitReplaced', { seg, endpoint: from, connection: this.conn.name, profile: this.profile });
    from.state = 'CLOSED';
    from.owed = [];
    from.passive = from.role === 'server';
    this.noteMoves(
      [{ name: from.name, from: 'TIME_WAIT', to: 'CLOSED' }],
      seg.line,
      T('when its own new SYN replaced the TIME_WAIT socket (linux tcp_tw_reuse)', '자기의 새 SYN이 TIME_WAIT 소켓을 대신했을 때(linux tcp_tw_reuse)'),
    );
  }

  // ---- bookkeeping ----

  /**
   * Records where each endpoint entered its state (for TF500's message), and releases the
   * control block of a connection that ended: a later connection starts from nothing (§3.10.1).
   */
  private noteMoves(changes: readonly StateChange[], line: number, cause: Text): void {
    for (const c of changes) {
      const e = this.ep(c.name);
      if (!e || c.from === c.to) continue;
      e.moved = { line, from: c.from, cause };
      if (c.to === 'CLOSED' || (c.to === 'LISTEN' && c.from !== 'CLOSED')) clearTcb(e);
    }
  }

  private record(step: Step): void {
    if (this.trace) this.steps.push(step);
  }

  /** Both endpoints now, sharing what did not change (without a trace: one shared empty record). */
  private snap(): Record<string, Snapshot> {
    if (!this.trace) return NO_SNAPSHOT;
    const { endpoints } = this;
    if (endpoints.every((e) => sameAs(this.lastSnap[e.name], e))) return this.lastSnap;
    const next: Record<string, Snapshot> = {};
    for (const e of endpoints) next[e.name] = sameAs(this.lastSnap[e.name], e) ? this.lastSnap[e.name]! : snapshot(e);
    return (this.lastSnap = next);
  }

  private owedNow(): Record<string, readonly Owed[]> {
    if (!this.trace) return NO_OWED;
    if (this.endpoints.every((e) => this.lastOwed[e.name] === e.owed)) return this.lastOwed;
    const next: Record<string, readonly Owed[]> = {};
    for (const e of this.endpoints) next[e.name] = e.owed;
    return (this.lastOwed = next);
  }

  // Plain loops in these two, run twice a segment: no closure made per call, and a list of the
  // exact size (a list pushed to from empty keeps room for 17), or `into` (send's, reused).
  private states(into?: TcpState[]): TcpState[] {
    const endpoints = this.endpoints;
    const out = into ?? new Array<TcpState>(endpoints.length);
    if (out.length !== endpoints.length) out.length = endpoints.length; // setting it calls into the runtime even when it is the same
    for (let k = 0; k < endpoints.length; k++) out[k] = endpoints[k]!.state;
    return out;
  }

  private changesSince(before: readonly TcpState[]): readonly StateChange[] {
    let out: StateChange[] | undefined;
    const endpoints = this.endpoints;
    for (let i = 0; i < endpoints.length; i++) {
      const e = endpoints[i]!;
      if (!e.raw && before[i] !== e.state) (out ??= []).push({ name: e.name, from: before[i]!, to: e.state });
    }
    return out ?? NO_CHANGES;
  }
}

function collectSymbols(doc: Document): Set<string> {
  const names = new Set<string>();
  for (const s of doc.statements) {
    if (s.kind !== 'segment') continue;
    for (const f of s.fields) for (const v of fieldValues(f)) if (v.symbol) names.add(v.symbol.text);
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

/** A segment sent: its record, line, receiver and what went on the wire. */
interface Sent {
  readonly segment: SegmentInfo;
  readonly stmt: SegmentStmt;
  readonly to: Endpoint;
  readonly sent: SentSegment;
}

/** Most steps change no state: they share this one empty list (never pushed to). */
const NO_CHANGES: readonly StateChange[] = Object.freeze([]);
const NO_SNAPSHOT: Record<string, Snapshot> = Object.freeze({}) as Record<string, Snapshot>;
const NO_OWED: Record<string, readonly Owed[]> = Object.freeze({}) as Record<string, readonly Owed[]>;

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

/**
 * The `dropped` of a segment its receiver's kernel discards where it arrives; a lost (`-x`) or
 * labelled (`@d1`) segment does not arrive on its own line, and its `dropped` is TF126, not a drop.
 */
function kernelDropped(seg: SegmentStmt): Dropped | undefined {
  const d = seg.dropped;
  return d && !seg.lost && !seg.label ? d : undefined;
}
