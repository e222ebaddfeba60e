/**
 * Judges one Linux capture: it must import, check with no errors and no warnings under the
 * `linux` profile, pass through every state the kernel reported (in that order), end in the
 * states the kernel ended in, and show each segment the relay dropped as lost (`-x`) where the
 * capture can prove it. Shared by the conformance script (fresh captures, as root) and the
 * ordinary test suite (the committed fixtures). A scenario through the relay is captured at
 * its own capture point and at each end (`at`: A's or B's veth).
 */

import { importCapture, memorySource } from '../../../src/capture/index.js';
import { check, explain, messageOf } from '../../../src/core/index.js';

export interface Fixture {
  readonly scenario: string;
  readonly description: string;
  readonly kernel: string;
  readonly capturedOn: string;
  /** Each endpoint's states as TCP_INFO reported them during the run, in order. */
  readonly states: Readonly<Record<string, readonly string[]>>;
  /** `ss -tan` after the run settled: sockets still there, with their states. */
  readonly ss: readonly { readonly local: string; readonly peer: string; readonly state: string }[];
  /** Segments the relay dropped. */
  readonly dropped: readonly { readonly side: string; readonly rule: string; readonly sport: number }[];
  /** Several connections, imported as one document (`--connection all`) and judged each. */
  readonly allConnections?: boolean;
  /** Through the relay: the ends also captured, each in `NAME.at-a.pcap` / `NAME.at-b.pcap`. */
  readonly alsoCapturedAt?: readonly ('a' | 'b')[];
}

/** Where a capture was taken: an end of the relay (`a`, `b`), the relay itself, or loopback. */
function capturePoint(fx: Fixture, at: 'a' | 'b' | undefined): 'a' | 'b' | 'relay' | 'lo' {
  if (at) return at;
  if (fx.capturedOn.startsWith("A's")) return 'a';
  if (fx.capturedOn.startsWith("B's")) return 'b';
  return fx.capturedOn.startsWith('lo') ? 'lo' : 'relay';
}

const SS_STATES: Readonly<Record<string, string>> = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECEIVED',
  'FIN-WAIT-1': 'FIN_WAIT_1',
  'FIN-WAIT-2': 'FIN_WAIT_2',
  'TIME-WAIT': 'TIME_WAIT',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  CLOSING: 'CLOSING',
  LISTEN: 'LISTEN',
  CLOSE: 'CLOSED',
  UNCONN: 'CLOSED',
};

export interface Verdict {
  readonly problems: string[];
  readonly flow: string;
}

export function verify(capture: Uint8Array, fx: Fixture, at?: 'a' | 'b'): Verdict {
  if (fx.allConnections) return verifyAll(capture, fx, at);
  const problems: string[] = [];
  const imported = importCapture({ bytes: memorySource(capture) }, { stack: 'linux', source: `${fx.scenario}${at ? `.at-${at}` : ''}.pcap` });
  const flow = imported.text;
  const result = check(flow);
  for (const d of result.diagnostics)
    if (d.severity === 'error' || d.severity === 'warning') problems.push(`line ${d.range.start.line + 1}: ${d.severity} ${d.code} ${messageOf(d, 'en')}`);
  const ex = explain(result, flow.split('\n'));
  const endpoints = [imported.chosen.a, imported.chosen.b];
  const nameOf = (endpoint: string | undefined): string => imported.participants.find((p) => p.label === endpoint)?.name ?? '?';
  for (const [i, endpoint] of endpoints.entries()) {
    const name = nameOf(endpoint);
    const simulated: string[] = [ex.participants.find((p) => p.name === name)?.initial ?? '?'];
    for (const s of ex.steps) {
      // Each move the step made (an `&` group's arrivals can move an endpoint twice), then where it is.
      const moves = s.changes.flatMap((c) => {
        const m = /^(.+): (\S+) → (\S+)$/.exec(c);
        return m && m[1] === name ? [m[2]!, m[3]!] : [];
      });
      for (const st of [...moves, s.states[name]]) if (st && st !== simulated[simulated.length - 1]) simulated.push(st);
    }
    const kernel = fx.states[endpoint] ?? [];
    let at = 0;
    for (const k of kernel) {
      // Once a connection moves to TIME_WAIT, Linux hands it to a time-wait mini-socket and the
      // application's socket reads CLOSE through TCP_INFO (ss still shows TIME-WAIT).
      const found = simulated.findIndex((st, idx) => idx >= at && (st === k || (k === 'CLOSED' && st === 'TIME_WAIT')));
      if (found < 0) {
        problems.push(`${endpoint}: the kernel reported ${kernel.join(' → ')}, the checker went ${simulated.join(' → ')}`);
        break;
      }
      at = found;
    }
    const peer = endpoints[1 - i]!;
    const row = fx.ss.find((r) => r.local === endpoint && r.peer === peer);
    const kernelFinal = row ? (SS_STATES[row.state] ?? row.state) : 'CLOSED';
    if (ex.final[name] !== kernelFinal) problems.push(`${endpoint}: the kernel ended in ${kernelFinal}, the checker in ${ex.final[name]}`);
  }
  // Each drop needs a lost segment of its kind from its sender (two data drops, two lost data
  // lines): a lost SYN+ACK or FIN is proven only where its sender's copy was captured (further on
  // a retransmission looks like the first copy), lost data anywhere (a gap, then the resend);
  // a muted peer's answers to keepalive probes prove nothing (the probes repeat either way).
  const point = capturePoint(fx, at);
  const used = new Set<number>();
  const lines = flow.split('\n');
  for (const d of fx.dropped) {
    if (d.rule === 'MUTE' || (!d.rule.startsWith('D') && point !== d.side && point !== 'relay' && point !== 'lo')) continue;
    const sender = endpoints.find((e) => e.endsWith(`:${d.sport}`));
    const name = nameOf(sender);
    const want = d.rule === 'SA' ? /: SYN ACK\b/ : d.rule === 'F' ? /: FIN\b/ : /len=\d+/;
    const found = lines.findIndex((l, i) => !used.has(i) && l.replace(/^(& )?(\? )?/, '').startsWith(`${name} -x `) && want.test(l));
    if (found < 0) problems.push(`the relay dropped ${d.rule} from ${sender ?? d.sport}, but the imported flow has no such lost segment`);
    else used.add(found);
  }
  return { problems, flow };
}

/**
 * Several connections in one document: no errors and no warnings, and each connection's ends
 * in the states `ss` showed (a connection whose four-tuple a later one reused is judged by the
 * later one; a passive end back in LISTEN has no socket of its own: CLOSED).
 */
function verifyAll(capture: Uint8Array, fx: Fixture, at: 'a' | 'b' | undefined): Verdict {
  const problems: string[] = [];
  const imported = importCapture(
    { bytes: memorySource(capture) },
    { stack: 'linux', source: `${fx.scenario}${at ? `.at-${at}` : ''}.pcap`, connection: { all: true } },
  );
  const flow = imported.text;
  const result = check(flow);
  for (const d of result.diagnostics)
    if (d.severity === 'error' || d.severity === 'warning') problems.push(`line ${d.range.start.line + 1}: ${d.severity} ${d.code} ${messageOf(d, 'en')}`);
  const [client, server] = imported.participants;
  for (const c of imported.included ?? []) {
    const info = result.simulation.connections.find((k) => k.name === `c${c.index}`);
    if (!info) {
      problems.push(`connection ${c.index} (${c.client} → ${c.server}) is not in the flow`);
      continue;
    }
    if (info.reusedBy) continue;
    for (const [name, endpoint, peer] of [
      [client.name, c.client, c.server],
      [server.name, c.server, c.client],
    ] as const) {
      const row = fx.ss.find((r) => r.local === endpoint && r.peer === peer);
      const kernelFinal = row ? (SS_STATES[row.state] ?? row.state) : 'CLOSED';
      const st = info.final[name]?.state;
      const final = st === 'LISTEN' ? 'CLOSED' : st;
      if (final !== kernelFinal) problems.push(`c${c.index} ${endpoint}: the kernel ended in ${kernelFinal}, the checker in ${st ?? '?'}`);
    }
  }
  return { problems, flow };
}
