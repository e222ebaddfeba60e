/**
 * Flows made of the language's newest constructs, for property tests and the fuzz run: segments
 * in flight (`@label`, `arrives`, in order, in reverse, never, or of labels nobody sent), segments
 * not captured (`?`), crossing segments (`&`), lost segments and their retransmissions (the
 * reassembly queue), SACK blocks, timestamps, window scaling and Fast Open cookies, several
 * connections (`connection`, `reuses`, returning to one), sections, notes and waits, and Markdown
 * notes of such flows. A flow is a list of moves (fast-check picks them) played `copies` times, so
 * the same moves at N and 2N copies make a document exactly twice as long.
 */

import fc from 'fast-check';

export const MOVES = [
  'data',
  'lost',
  'retransmit',
  'ack',
  'sackAck',
  'labelled',
  'arrivesNewest',
  'arrivesOldest',
  'arrivesUnknown',
  'inferredAck',
  'crossing',
  'section',
  'connection',
  'reusesUnknown',
  'close',
  'wait',
  'note',
] as const;
export type Move = (typeof MOVES)[number];

/** The state of the connection the moves play in (plain numbers: easy arithmetic). */
interface Conn {
  name: string;
  cs: number; // the client's next sequence number
  ss: number; // the server's
  /** Starts of octets sent and not yet arrived (lost, or labelled and in flight), in order. */
  holes: number[];
  lost: number[];
  pending: { label: string; seq: number }[];
  oldest: number; // the first pending label not yet arrived from the front
  tsC: number;
  tsS: number;
}

/** The flow the moves make, played `copies` times. */
export function newestFlow(moves: readonly Move[], copies: number, stack = 'linux fastopen'): string {
  const out: string[] = [`stack ${stack}`, 'client C', 'server S'];
  let n = 0; // a counter for unique names
  let clock = 1;
  const open = (name: string, reuses?: string, after = 0): Conn => {
    const c: Conn = { name, cs: after + 1000 + n * 7, ss: after + 9000 + n * 11, holes: [], lost: [], pending: [], oldest: 0, tsC: clock, tsS: clock };
    out.push(`connection ${name}${n % 3 === 0 ? ` as "10.0.0.1:${40000 + (n % 20000)}"` : ''}${reuses ? ` reuses ${reuses}` : ''}`);
    out.push(`C -> S: SYN seq=${c.cs - 1} mss=1460 sackOK ts=${clock} ecr=0 wscale=7${n % 4 === 0 ? ' cookie' : ''}`);
    out.push(`S -> C: SYN ACK seq=${c.ss - 1} ack=${c.cs} mss=1460 sackOK ts=${clock} ecr=${clock} wscale=7${n % 4 === 0 ? ` cookie=c${n}` : ''}`);
    out.push(`C -> S: ACK seq=${c.cs} ack=${c.ss} win=65535 ts=${clock + 1} ecr=${clock}`);
    out.push(`S -> C: ACK seq=${c.ss} ack=${c.cs} win=65535 ts=${clock + 1} ecr=${clock + 1}`);
    clock += 2;
    return c;
  };
  let c = open('c0');
  const rcvNxt = (x: Conn): number => x.holes[0] ?? x.cs; // holes are kept in sequence order
  const unhole = (x: Conn, seq: number): void => {
    const i = x.holes.indexOf(seq);
    if (i >= 0) x.holes.splice(i, 1);
  };
  const cts = (): string => `ts=${(c.tsC = ++clock)} ecr=${c.tsS}`;
  const sts = (): string => `ts=${(c.tsS = ++clock)} ecr=${c.tsC}`;
  for (let copy = 0; copy < copies; copy++) {
    for (const m of moves) {
      n++;
      switch (m) {
        case 'data':
          out.push(`C -> S: PSH ACK seq=${c.cs} ack=${c.ss} len=100 ${cts()}`);
          c.cs += 100;
          break;
        case 'lost':
          out.push(`C -x S: PSH ACK seq=${c.cs} ack=${c.ss} len=100 ${cts()}`);
          c.holes.push(c.cs);
          c.lost.push(c.cs);
          c.cs += 100;
          break;
        case 'retransmit': {
          const seq = c.lost.shift();
          if (seq === undefined) break;
          out.push(`C -> S: PSH ACK seq=${seq} ack=${c.ss} len=100 ${cts()}`);
          unhole(c, seq);
          break;
        }
        case 'ack':
          out.push(`S -> C: ACK seq=${c.ss} ack=${rcvNxt(c)} ${sts()}`);
          break;
        case 'sackAck': {
          const a = rcvNxt(c);
          out.push(`S -> C: ACK seq=${c.ss} ack=${a}${c.cs > a + 100 ? ` sack=${a + 100}:${c.cs}` : ''} ${sts()}`);
          break;
        }
        case 'labelled':
          out.push(`C -> S: PSH ACK seq=${c.cs} ack=${c.ss} len=100 ${cts()} @L${n}`);
          c.pending.push({ label: `L${n}`, seq: c.cs });
          c.holes.push(c.cs);
          c.cs += 100;
          break;
        case 'arrivesNewest':
        case 'arrivesOldest': {
          if (c.oldest >= c.pending.length) break;
          const p = m === 'arrivesNewest' ? c.pending.pop()! : c.pending[c.oldest++]!;
          out.push(`arrives ${p.label}`);
          unhole(c, p.seq);
          break;
        }
        case 'arrivesUnknown':
          out.push(`arrives Q${n}`);
          break;
        case 'inferredAck':
          out.push(`? S -> C: ACK seq=${c.ss} ack=${rcvNxt(c)} ${sts()}`);
          break;
        case 'crossing':
          out.push(`C -> S: PSH ACK seq=${c.cs} ack=${c.ss} len=10 ${cts()}`);
          out.push(`& S -> C: PSH ACK seq=${c.ss} ack=${c.cs} len=10 ${sts()}`);
          c.cs += 10;
          c.ss += 10;
          break;
        case 'section':
          out.push(`== Part ${n} ==`);
          break;
        case 'connection':
          c = open(`c${n}`);
          break;
        case 'reusesUnknown':
          out.push(`connection z${n} reuses q${n}`, `connection ${c.name}`);
          break;
        case 'close': {
          // The client closes first and waits in TIME_WAIT; a new connection reuses its four-tuple.
          const a = rcvNxt(c);
          out.push(
            `C -> S: FIN ACK seq=${c.cs} ack=${c.ss} ${cts()}`,
            `S -> C: FIN ACK seq=${c.ss} ack=${a === c.cs ? c.cs + 1 : a} ${sts()}`,
            `C -> S: ACK seq=${c.cs + 1} ack=${c.ss + 1} ${cts()}`,
          );
          // Its first SYN is above the old connection's numbers, as Linux's TIME_WAIT wants.
          const old = c;
          c = open(`c${n}`, old.name, Math.max(old.cs, old.ss) + 100_000);
          break;
        }
        case 'wait':
          out.push(n % 2 ? 'wait 1ms' : 'wait 2s');
          break;
        case 'note':
          out.push(`note over C, S: part ${n} — 2MSL is 60 s on linux`);
          break;
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/** A Markdown note: prose and one ```tcpflow block per copy of the moves. */
export function newestNote(moves: readonly Move[], copies: number): string {
  const parts: string[] = ['# Notes', ''];
  for (let i = 0; i < copies; i++)
    parts.push(
      `## Part ${i + 1}`,
      '',
      'Prose about the flow below.',
      '',
      i % 2 ? '~~~tcpflow' : '```tcpflow',
      newestFlow(moves, 1).trimEnd(),
      i % 2 ? '~~~' : '```',
      '',
    );
  return parts.join('\n');
}

/** Moves for a property: at least one, the newest constructs weighted up. */
export const moves: fc.Arbitrary<Move[]> = fc.array(fc.constantFrom(...MOVES), { minLength: 1, maxLength: 24 });
