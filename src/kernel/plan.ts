/**
 * From a flow to what a kernel run needs: the checker's trace of it (each segment with the
 * numbers the checker reads, written or inferred), which participant the kernel plays and
 * which tcpflow plays, how the kernel starts (listening, closed, or ESTABLISHED after a
 * hand-shake the flow does not show), and which TCP options the namespace's sysctls and the
 * socket's options turn on or off. A flow a run cannot play gets a RunUnsupported with the
 * reason (exit code 2).
 */

import { check, type CheckResult, type Field, type ParticipantStmt, type ProfileName, type SegmentStmt, type Step, type TcpState } from '../core/index.js';
import type { Expr } from './numbers.js';

export class RunUnsupported extends Error {}

export interface Side {
  readonly name: string;
  readonly role: 'client' | 'server' | 'peer';
  readonly initial: TcpState;
}

export interface Plan {
  readonly text: string;
  readonly lines: readonly string[];
  readonly result: CheckResult;
  readonly kernel: Side;
  readonly tcpflow: Side;
  /** The namespace's sysctls, name → value. */
  readonly sysctls: Readonly<Record<string, string>>;
  /** The flow uses these options somewhere: their presence is compared. */
  readonly uses: { readonly ts: boolean; readonly sack: boolean; readonly wscale: boolean };
  /** Said once, before the lines: what was set and what could not be. */
  readonly notes: string[];
  /** A flow that starts ESTABLISHED: each side's SND.NXT at the start, as the flow numbers it. */
  readonly startNxt?: { readonly kernel: Expr | undefined; readonly tcpflow: Expr | undefined };
  readonly steps: readonly Step[];
}

export const fieldOf = (s: SegmentStmt, name: string): Field | undefined => s.fields.find((f) => f.name === name);

const STARTS: readonly TcpState[] = ['CLOSED', 'LISTEN', 'ESTABLISHED'];

export function makePlan(text: string, kernelPlays: string, stack: ProfileName | undefined): Plan {
  const hasStack = /^\s*stack\s/m.test(text);
  const result = check(text, hasStack ? {} : { stack: stack ?? 'linux' });
  const doc = result.document;
  const participants = doc.statements.filter((s): s is ParticipantStmt => s.kind === 'participant');
  const sim = result.simulation.participants;
  if (sim.length !== 2) throw new RunUnsupported(`a kernel run needs a flow with two participants; this one has ${sim.length}`);
  const k = sim.find((p) => p.name === kernelPlays);
  if (!k) throw new RunUnsupported(`--kernel-plays: no participant '${kernelPlays}' (the flow has ${sim.map((p) => p.name).join(' and ')})`);
  const t = sim.find((p) => p.name !== kernelPlays)!;
  if (participants.some((p) => p.raw)) throw new RunUnsupported('a kernel run cannot play a raw participant (a packet injector the checker does not simulate)');
  if (doc.statements.some((s) => s.kind === 'connection'))
    throw new RunUnsupported('a kernel run plays one connection; this flow has `connection` lines (run each connection as a flow of its own)');
  if (doc.statements.some((s) => (s.kind === 'segment' || s.kind === 'arrives') && s.dropped))
    throw new RunUnsupported('a kernel run cannot make a kernel discard a segment on purpose (`dropped`): run the flow without those segments');
  // TCP_USER_TIMEOUT runs on the kernel's clock, not at a line of the flow: played as an abort, it would send a RST the flow does not say.
  if (doc.statements.some((s) => s.kind === 'call' && s.call === 'timeout' && s.subject.text === kernelPlays))
    throw new RunUnsupported(
      `a kernel run cannot make ${kernelPlays}'s kernel give up at a line (\`${kernelPlays} timeout\`): its user timeout runs on its own clock`,
    );
  for (const p of [k, t])
    if (!STARTS.includes(p.initial)) throw new RunUnsupported(`${p.name} starts in ${p.initial}: a kernel run starts a side CLOSED, LISTEN or ESTABLISHED`);
  if ((k.initial === 'ESTABLISHED') !== (t.initial === 'ESTABLISHED')) throw new RunUnsupported('a kernel run starts both sides ESTABLISHED or neither');
  const segs = doc.statements.filter((s): s is SegmentStmt => s.kind === 'segment');
  const uses = {
    ts: segs.some((s) => fieldOf(s, 'ts') || fieldOf(s, 'ecr')),
    sack: segs.some((s) => fieldOf(s, 'sackOK') || fieldOf(s, 'sack')),
    wscale: segs.some((s) => fieldOf(s, 'wscale')),
  };
  const notes: string[] = [];
  const sysctls: Record<string, string> = {
    'net.ipv4.tcp_timestamps': uses.ts ? '1' : '0',
    'net.ipv4.tcp_sack': uses.sack ? '1' : '0',
    'net.ipv4.tcp_window_scaling': uses.wscale ? '1' : '0',
    'net.ipv4.tcp_ecn': '0',
  };
  const off = (['timestamps', 'SACK', 'window scaling'] as const).filter((_, i) => ![uses.ts, uses.sack, uses.wscale][i]);
  if (off.length) notes.push(`the flow writes no ${off.join(', ')} options: turned off in the namespace (sysctl), so the kernel sends none`);
  notes.push("the kernel's MSS option cannot be turned off: it is compared only where the flow writes mss=");
  if (segs.some((s) => fieldOf(s, 'cookie'))) notes.push('Fast Open cookies are not played by a kernel run: cookie fields are left out of the comparison');
  if (segs.some((s) => s.flagNames.includes('URG') || s.flagNames.includes('ECE') || s.flagNames.includes('CWR'))) {
    notes.push('URG, ECE and CWR are sent by tcpflow as written; the kernel sends them only when its own rules say so (no socket call asks for them)');
  }
  const steps = result.simulation.steps;
  let startNxt: Plan['startNxt'];
  if (k.initial === 'ESTABLISHED') startNxt = { kernel: firstNxt(steps, k.name), tcpflow: firstNxt(steps, t.name) };
  const side = (p: typeof k): Side => ({ name: p.name, role: p.role, initial: p.initial });
  return { text, lines: text.split(/\r\n|\r|\n/), result, kernel: side(k), tcpflow: side(t), sysctls, uses, notes, ...(startNxt ? { startNxt } : {}), steps };
}

/** Where a side that starts ESTABLISHED has its SND.NXT: its first segment's seq, or the first ACK its peer sends it. */
function firstNxt(steps: readonly Step[], name: string): Expr | undefined {
  for (const s of steps) {
    const seg = s.segment;
    if (!seg) continue;
    if (seg.from === name) return seg.sent.seq;
    if (seg.to === name && seg.sent.ack) return seg.sent.ack;
  }
  return undefined;
}
