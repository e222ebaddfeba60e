/**
 * Present mode's steps: one per segment, arrival (`arrives`), application call and `wait` of a
 * checked flow — a labelled segment is a step where it is sent and again where it arrives — each
 * with both endpoints' state and SND.NXT/RCV.NXT before and after it (in a flow with several
 * connections, the endpoints of the step's connection, which it names). Read from the simulation's
 * trace (never simulated again), for the preview's present mode and the HTML slide file.
 */

import type { CheckResult } from '../checker/check.js';
import type { Snapshot } from '../model/endpoint.js';
import { format } from '../model/seq.js';
import { numberParts, type NumberPart } from './mermaid.js';

/** One endpoint at one moment, as the audience reads it. Unnamed numbers are left out. */
export interface PresentSide {
  readonly state: string;
  readonly sndNxt?: string;
  readonly rcvNxt?: string;
}

export interface PresentStep {
  /** The step's line in the flow (0-based). */
  readonly line: number;
  readonly kind: 'segment' | 'call' | 'wait';
  /** For a segment: who sends it to whom, and whether it is lost on the way; for a call: who calls. */
  readonly from?: string;
  readonly to?: string;
  readonly lost?: boolean;
  /** It reached the receiver's host, whose kernel discarded it (`dropped`): drawn like a loss, said otherwise. */
  readonly droppedByKernel?: boolean;
  /** A labelled segment: `sent` where it leaves its sender, `arrives` where it reaches its receiver. */
  readonly flight?: 'sent' | 'arrives';
  /** Its label (`d1`), with `flight`. */
  readonly label?: string;
  /** The connection the step is in, when the flow has several: its endpoints are the ones shown. */
  readonly connection?: string;
  /** For a segment: the numbers its arrow's label shows, as drawn and as the quiz hides them (mermaid.ts). */
  readonly numbers?: readonly NumberPart[];
  readonly before: Readonly<Record<string, PresentSide>>;
  readonly after: Readonly<Record<string, PresentSide>>;
}

export interface PresentParticipant {
  readonly name: string;
  readonly label: string;
}

export interface Presentation {
  readonly participants: readonly PresentParticipant[];
  readonly steps: readonly PresentStep[];
}

const value = (v: Snapshot['sndNxt']): string | undefined => (v === undefined || v.base.startsWith('?') ? undefined : format(v));

function sides(snaps: Readonly<Record<string, Snapshot>>, cache: Map<Snapshot, PresentSide>): Record<string, PresentSide> {
  const out: Record<string, PresentSide> = {};
  for (const [name, s] of Object.entries(snaps)) {
    // Steps share snapshots while nothing changes: share their sides too.
    let side = cache.get(s);
    if (!side) {
      const snd = value(s.sndNxt);
      const rcv = value(s.rcvNxt);
      side = { state: s.state, ...(snd ? { sndNxt: snd } : {}), ...(rcv ? { rcvNxt: rcv } : {}) };
      cache.set(s, side);
    }
    out[name] = side;
  }
  return out;
}

export function presentation(result: CheckResult): Presentation {
  const sim = result.simulation;
  const cache = new Map<Snapshot, PresentSide>();
  const steps: PresentStep[] = [];
  const several = sim.connections.length > 1;
  for (const s of sim.steps) {
    const seg = s.segment ?? s.arrival?.segment;
    const kind = seg ? 'segment' : s.stmt.kind === 'call' || s.stmt.kind === 'wait' ? s.stmt.kind : undefined;
    if (!kind) continue;
    const label = s.arrival?.label ?? s.segment?.label;
    // Where it arrives: a labelled segment at its `arrives` line, any other on its own line.
    const drop = s.arrival ? s.arrival.kernelDrop : s.segment?.kernelDrop;
    const flight = s.arrival ? 'arrives' : label !== undefined ? 'sent' : undefined;
    steps.push({
      line: s.line,
      kind,
      ...(seg ? { from: seg.from, to: seg.to, lost: drop !== undefined || !seg.delivered, numbers: numberParts(seg.sent) } : {}),
      ...(drop ? { droppedByKernel: true } : {}),
      ...(flight && label !== undefined ? { flight, label } : {}),
      ...(s.stmt.kind === 'call' ? { from: s.stmt.subject.text } : {}),
      ...(several && s.connection ? { connection: s.connection } : {}),
      before: sides(s.before, cache),
      after: sides(s.after, cache),
    });
  }
  return { participants: sim.participants.map((p) => ({ name: p.name, label: p.label ?? p.name })), steps };
}
