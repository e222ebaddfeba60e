/**
 * Compares the checker with a translated packetdrill script: where they disagree, says how.
 * Agreement means: no error or warning on the host's lines (its answers, numbers and states),
 * every segment the host sent was one the checker said it owed (or a retransmission after a
 * pause), and every immediate answer the checker expected was in the script.
 */

import { check, messageOf } from '../../src/core/index.js';
import type { Owed } from '../../src/core/model/endpoint.js';
import type { Translation } from './packetdrill.js';

const IMMEDIATE = new Set(['syn-ack', 'rst', 'ack']);

export function disagreements(t: Translation): string[] {
  const r = check(t.flow);
  const flowLines = t.flow.split('\n');
  const out: string[] = [];
  for (const d of r.diagnostics) {
    if ((d.severity === 'error' || d.severity === 'warning') && t.hostLines.has(d.range.start.line)) {
      out.push(`line ${d.range.start.line + 1} (${flowLines[d.range.start.line]}): ${d.code} ${messageOf(d)}`);
    }
  }
  let pending: readonly Owed[] = [];
  let pendingLine = -1;
  let hostOwed: readonly Owed[] = [];
  let waited = false;
  for (const step of r.simulation.steps) {
    const seg = step.segment;
    if (seg?.from === 'Tester') {
      if (pending.length)
        out.push(`line ${pendingLine + 1}: FreeBSD sent nothing, the checker expects ${pending.map((o) => o.kind).join(', ')} (${pending[0]!.reason.en})`);
      pending = (step.owed['Host'] ?? []).filter((o) => IMMEDIATE.has(o.kind) && !o.delayable);
      pendingLine = step.line;
    } else if (seg?.from === 'Host') {
      if (hostOwed.length === 0 && !waited) out.push(`line ${step.line + 1} (${flowLines[step.line]}): FreeBSD sent a segment the checker did not expect`);
      pending = [];
      waited = false;
    } else if (step.stmt.kind === 'wait') waited = true;
    hostOwed = step.owed['Host'] ?? [];
  }
  return out;
}
