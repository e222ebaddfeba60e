/**
 * `explain`: the simulation as data — after each line, both endpoints' states and sequence
 * variables — for the CLI's explain command, hovers and teaching material. In a flow with several
 * connections each step names its connection (the endpoints shown are that connection's).
 */

import type { CheckResult } from '../checker/check.js';
import { snapshotText, type Snapshot, type SnapshotText } from '../model/endpoint.js';

export interface ExplainStep {
  readonly line: number; // 1-based
  readonly source: string;
  readonly states: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, Omit<SnapshotText, 'state'>>>;
  readonly changes: readonly string[];
  /** The step's connection, when the flow has several. */
  readonly connection?: string;
}

export interface Explanation {
  readonly participants: readonly { readonly name: string; readonly role: string; readonly initial: string }[];
  readonly stack: string;
  readonly steps: readonly ExplainStep[];
  readonly final: Readonly<Record<string, string>>;
}

const states = (snaps: Readonly<Record<string, Snapshot>>): Record<string, string> => Object.fromEntries(Object.entries(snaps).map(([k, v]) => [k, v.state]));
const variables = (snaps: Readonly<Record<string, Snapshot>>): Record<string, Omit<SnapshotText, 'state'>> =>
  Object.fromEntries(
    Object.entries(snaps).map(([k, v]) => {
      const { state: _state, ...rest } = snapshotText(v);
      return [k, rest];
    }),
  );

export function explain(result: CheckResult, sourceLines: readonly string[]): Explanation {
  const sim = result.simulation;
  const several = sim.connections.length > 1;
  return {
    participants: sim.participants.map((p) => ({ name: p.name, role: p.raw ? `${p.role} (raw)` : p.role, initial: p.initial })),
    stack: sim.profile.name,
    steps: sim.steps.map((s) => ({
      line: s.line + 1,
      source: (sourceLines[s.line] ?? '').trim(),
      states: states(s.after),
      variables: variables(s.after),
      changes: s.changes.map((c) => `${c.connection ? `${c.connection} ` : ''}${c.name}: ${c.from} → ${c.to}`),
      ...(several && s.connection ? { connection: s.connection } : {}),
    })),
    final: states(sim.final),
  };
}
