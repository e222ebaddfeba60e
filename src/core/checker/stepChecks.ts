/**
 * The named checks of the stepping engine (simulate.ts), one small function per rule, kept in a
 * registry by the event they look at (as a language workbench's validator registers checks by
 * node type). The engine only tells what happened — a segment was sent, one arrived, a call was
 * made, a state was claimed, time passed — and every diagnostic about it is decided here.
 * A new rule about a step is one more entry in `STEP_CHECKS`.
 */

import type { AssertStmt, CallStmt, Name, SegmentStmt, WaitStmt } from '../language/ast.js';
import { changeTo, diag, type Diagnostic } from '../common/diagnostics.js';
import type { Code } from '../common/diagnosticCodes.js';
import type { Span } from '../common/source.js';
import { T } from '../common/text.js';
import type { TcpState } from '../common/vocabulary.js';
import type { Endpoint } from '../model/endpoint.js';
import { formatDuration, type Profile } from '../model/profiles.js';
import type { ReceiveOutcome } from '../model/receive.js';
import type { Participant } from './participants.js';

/** What the engine tells the checks, by event. */
export interface StepEvents {
  /** A segment line names its sender and receiver (either may be unknown). */
  readonly send: { readonly seg: SegmentStmt; readonly from: Participant | undefined; readonly to: Participant | undefined };
  /** A segment reached its receiver (`at`: its line or its `arrives` line; the range is made only when read). */
  readonly deliver: {
    readonly at: { readonly range: Span };
    readonly to: Endpoint;
    readonly stateBefore: TcpState;
    readonly outcome: ReceiveOutcome;
    /** The receiver owes nothing new: a drop went unanswered. */
    readonly unanswered: boolean;
    readonly profile: Profile;
  };
  /** An application call (`refused`: not possible in the endpoint's state; a raw endpoint makes none). */
  readonly call: { readonly stmt: CallStmt; readonly endpoint: Endpoint; readonly refused: boolean };
  /** A claimed state (`A is ESTABLISHED`). */
  readonly claim: { readonly stmt: AssertStmt; readonly endpoint: Endpoint; readonly profile: Profile; readonly lineBase: number };
  /** A `wait` ran a TIME_WAIT of this connection out. */
  readonly timeWaitOver: { readonly stmt: WaitStmt; readonly profile: Profile };
  /** A `wait` left this endpoint of the current connection in TIME_WAIT. */
  readonly timeWaitLeft: { readonly stmt: WaitStmt; readonly endpoint: Endpoint; readonly profile: Profile };
  /** A forged segment (`Eve as C -> S`): `endpointSends` when its sender is one of the endpoints. */
  readonly forge: { readonly seg: SegmentStmt; readonly spoofs: Name; readonly endpointSends: boolean };
  /** A SYN of a connection that `reuses` a four-tuple replaces its sender's own TIME_WAIT (`endpoint`, as it was). */
  readonly ownTimeWaitReplaced: { readonly seg: SegmentStmt; readonly endpoint: Endpoint; readonly connection: string; readonly profile: Profile };
}

/** What a check may ask of the run it is part of. */
export interface CheckRun {
  /** True the first time a hint is asked for in this flow, false after: a hint said once. */
  firstTime(code: Code): boolean;
}

/** One rule: its name, the codes it may report, and the check. */
export interface NamedCheck<E> {
  readonly name: string;
  readonly codes: readonly Code[];
  readonly check: (event: E, run: CheckRun) => Diagnostic | undefined;
}

type Registry = { readonly [K in keyof StepEvents]: readonly NamedCheck<StepEvents[K]>[] };

/** A raw endpoint (`raw A`) only sends what is written: it makes no calls and has no state to claim. */
function rawEndpoint(e: Endpoint, at: Span): Diagnostic | undefined {
  return e.raw ? diag('TF204', at, { name: e.name }) : undefined;
}

export const STEP_CHECKS: Registry = {
  send: [
    {
      name: 'segmentToItself',
      codes: ['TF113'],
      check: ({ seg, from, to }) => (from && to && from === to ? diag('TF113', seg.to.range) : undefined),
    },
  ],
  deliver: [
    {
      name: 'silentDrop',
      codes: ['TF301'],
      check: ({ at, to, outcome, unanswered }) =>
        outcome.dropped && unanswered ? diag('TF301', at.range, { name: to.name, reason: outcome.dropped.en, reasonKo: outcome.dropped.ko }) : undefined,
    },
    {
      name: 'resetInTimeWait',
      codes: ['TF705'],
      check: ({ at, to, stateBefore, outcome, profile }) =>
        outcome.rfc1337Kept || (outcome.events.includes('rcv-rst') && stateBefore === 'TIME_WAIT')
          ? diag('TF705', at.range, { profile: profile.name, state: to.state })
          : undefined,
    },
  ],
  call: [
    { name: 'callOnRawEndpoint', codes: ['TF204'], check: ({ stmt, endpoint }) => rawEndpoint(endpoint, stmt.subject.range) },
    {
      name: 'callNotPossible',
      codes: ['TF201'],
      check: ({ stmt, endpoint: e, refused }) =>
        // `resets` is a kernel's doing in the third person; the message says what cannot happen: "reset".
        refused && !e.raw ? diag('TF201', stmt.callRange, { name: e.name, call: stmt.call === 'resets' ? 'reset' : stmt.call, state: e.state }) : undefined,
    },
  ],
  claim: [
    { name: 'claimOnRawEndpoint', codes: ['TF204'], check: ({ stmt, endpoint }) => rawEndpoint(endpoint, stmt.subject.range) },
    { name: 'claimedState', codes: ['TF500'], check: claimedState },
    {
      name: 'closeWaitAfterClosingFirst',
      codes: ['TF702'],
      check: ({ stmt, endpoint: e }) =>
        claimIsWrong(stmt, e) && stmt.state.state === 'CLOSE_WAIT' && e.closedFirst ? diag('TF702', stmt.state.range, { name: e.name }) : undefined,
    },
    {
      name: 'closedWhileInTimeWait',
      codes: ['TF703'],
      check: ({ stmt, endpoint: e, profile }) =>
        claimIsWrong(stmt, e) && stmt.state.state === 'CLOSED' && e.state === 'TIME_WAIT' ? timeWaitLeft(stmt.state.range, e, profile) : undefined,
    },
  ],
  timeWaitOver: [
    {
      name: 'timeWaitLengthOnRealStacks',
      codes: ['TF704'],
      check: ({ stmt, profile }, run) =>
        !profile.linuxTimeWait && run.firstTime('TF704') ? diag('TF704', stmt.durationRange, { total: formatDuration(2 * profile.mslMs) }) : undefined,
    },
  ],
  timeWaitLeft: [{ name: 'timeWaitNotOver', codes: ['TF703'], check: ({ stmt, endpoint, profile }) => timeWaitLeft(stmt.durationRange, endpoint, profile) }],
  forge: [
    {
      // RFC 5961's blind injection: the forger is a third party, not an endpoint of the connection.
      name: 'endpointForges',
      codes: ['TF214'],
      check: ({ seg, spoofs, endpointSends }) => (endpointSends ? diag('TF214', seg.from.range, { name: seg.fromText, as: spoofs.text }) : undefined),
    },
  ],
  ownTimeWaitReplaced: [
    {
      // Linux's tcp_twsk_unique: only a TIME_WAIT that kept timestamps may be taken over (connect() fails otherwise).
      name: 'ownTimeWaitWithoutTimestamps',
      codes: ['TF213'],
      check: ({ seg, endpoint: e, connection, profile }) =>
        profile.clientReuseNeedsTimestamps && !(e.opts?.sent?.ts && e.opts.received?.ts)
          ? diag('TF213', seg.flagsRange ?? seg.range, { name: e.name, connection })
          : undefined,
    },
  ],
};

/** A claim about a cooked endpoint that the simulation contradicts. */
function claimIsWrong(stmt: AssertStmt, e: Endpoint): boolean {
  return !e.raw && stmt.state.state !== undefined && e.state !== stmt.state.state;
}

/** TF500: the state the author claims against the simulated one, with where the endpoint entered it. */
function claimedState({ stmt, endpoint: e, lineBase }: StepEvents['claim']): Diagnostic | undefined {
  const claimed = stmt.state.state;
  if (claimed === undefined || !claimIsWrong(stmt, e)) return undefined;
  const m = e.moved;
  const history = m
    ? T(
        `${e.name} left ${m.from} at line ${m.line + lineBase}, ${m.cause.en}`,
        `${e.name}은(는) ${m.line + lineBase}행에서 ${m.cause.ko} ${m.from} 상태를 떠났습니다`,
      )
    : T(`${e.name} has been ${e.state} since the start`, `${e.name}은(는) 처음부터 ${e.state} 상태였습니다`);
  return diag(
    'TF500',
    stmt.state.range,
    { name: e.name, actual: e.state, claimed, history: history.en, historyKo: history.ko },
    { fixes: [changeTo(stmt.state.range, e.state)] },
  );
}

function timeWaitLeft(at: Span, e: Endpoint, profile: Profile): Diagnostic {
  return diag('TF703', at, { name: e.name, left: formatDuration(e.timeWaitLeftMs), total: formatDuration(2 * profile.mslMs), profile: profile.name });
}

/** Runs the registered checks of each event the engine tells, into one flow's diagnostics. */
export class StepChecks implements CheckRun {
  private readonly said = new Set<Code>();

  constructor(private readonly out: Diagnostic[]) {}

  tell<K extends keyof StepEvents>(kind: K, event: StepEvents[K]): void {
    const checks: readonly NamedCheck<StepEvents[K]>[] = STEP_CHECKS[kind];
    for (let i = 0; i < checks.length; i++) {
      const d = checks[i]!.check(event, this);
      if (d) this.out.push(d);
    }
  }

  firstTime(code: Code): boolean {
    if (this.said.has(code)) return false;
    this.said.add(code);
    return true;
  }
}
