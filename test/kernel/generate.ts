/**
 * Flows for the differential fuzz (`npm run fuzz:kernel`): a hand-shake (sometimes with a lost
 * SYN, sometimes refused), data both ways, then a close (either side first, simultaneous, an
 * abort, a reset) or one mistake by tcpflow's side — the mutations the property tests make to
 * numbers and flags: an acknowledgment beyond what was sent or below it, a sequence number out of
 * the window or skipping ahead, a RST or a SYN in the window, data without ACK. The kernel plays
 * a side chosen at random. Deterministic for a seed. `generate(seed, 'options')` makes the flows of
 * generateOptions.ts instead (timestamps, SACK, windows, RFC 5961, PAWS), `'mixed'` either.
 */

import { random32 } from '../../src/kernel/numbers.js';
import { generateOptions } from './generateOptions.js';

export interface Generated {
  readonly text: string;
  readonly kernelPlays: string;
  /** What the flow is about, for the report: `handshake data×2 mutation:rst-in-window`. */
  readonly shape: string;
}

const MUTATIONS = ['ack-ahead', 'ack-behind', 'seq-ahead', 'seq-old', 'rst-in-window', 'rst-exact', 'syn-in-window', 'data-without-ack', 'fin-ahead'] as const;
const CLOSES = ['kernel-first', 'tcpflow-first', 'simultaneous', 'kernel-abort', 'tcpflow-rst', 'none'] as const;

/** Which flows: the plain ones below, those with options and the receiver's finer rules (generateOptions.ts), or either by seed. */
export type Shapes = 'classic' | 'options' | 'mixed';

export function generate(seed: number, shapes: Shapes = 'classic'): Generated {
  if (shapes === 'options' || (shapes === 'mixed' && random32(seed ^ 0x5bd1_e995)() % 2 === 1)) return generateOptions(seed);
  return generateClassic(seed);
}

function generateClassic(seed: number): Generated {
  const rnd = random32(seed * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[rnd() % list.length]!;
  const chance = (p: number): boolean => rnd() / 0x1_0000_0000 < p;
  const kernelIsServer = chance(0.5);
  const K = kernelIsServer ? 'S' : 'C';
  const T = kernelIsServer ? 'C' : 'S';
  const lines: string[] = ['stack linux'];
  const shape: string[] = [`kernel=${kernelIsServer ? 'server' : 'client'}`];
  // Each side's next sequence number, as offsets from its ISN symbol.
  const off: Record<string, number> = { C: 1, S: 1 };
  const sym: Record<string, string> = { C: 'x', S: 'y' };
  const v = (side: string, o = off[side]!): string => (o === 0 ? sym[side]! : `${sym[side]}+${o}`);
  const seg = (from: string, flags: string, extra = ''): void => {
    const to = from === 'C' ? 'S' : 'C';
    const ack = flags.includes('ACK') ? ` ack=${v(to)}` : '';
    lines.push(`${from} -> ${to}: ${flags} seq=${v(from)}${ack}${extra}`);
  };

  if (!kernelIsServer && chance(0.08)) {
    // Refused: nobody listens on tcpflow's side.
    lines.push('client C', 'peer S', '', 'C -> S: SYN seq=x', 'S -> C: RST ACK seq=0 ack=x+1', 'C is CLOSED');
    return { text: `${lines.join('\n')}\n`, kernelPlays: K, shape: 'refused' };
  }
  lines.push('client C', 'server S', '');
  if (kernelIsServer && chance(0.08)) {
    lines.push('C -x S: SYN seq=x', 'wait 300ms');
    shape.push('lost-syn');
  }
  lines.push('C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: ACK seq=x+1 ack=y+1', `${K} is ESTABLISHED`);
  shape.push('handshake');

  const exchanges = rnd() % 4;
  for (let i = 0; i < exchanges; i++) {
    const from = chance(0.5) ? 'C' : 'S';
    const to = from === 'C' ? 'S' : 'C';
    const len = 1 + (rnd() % 60);
    seg(from, 'PSH ACK', ` "${'d'.repeat(len)}"`);
    off[from]! += len;
    seg(to, 'ACK');
  }
  if (exchanges) shape.push(`data×${exchanges}`);

  if (chance(0.45)) {
    const m = pick(MUTATIONS);
    shape.push(`mutation:${m}`);
    const to = K;
    const ack = (o = off[to]!): string => ` ack=${v(to, o)}`;
    const from = T;
    const s = (o = off[from]!): string => `seq=${v(from, o)}`;
    switch (m) {
      case 'ack-ahead':
        lines.push(`${from} -> ${to}: ACK ${s()}${ack(off[to]! + 500)}`);
        break;
      case 'ack-behind':
        lines.push(`${from} -> ${to}: PSH ACK ${s()}${ack(off[to]! - 1 > 0 ? off[to]! - 1 : 0)} "late"`);
        off[from]! += 4;
        break;
      case 'seq-ahead':
        lines.push(`${from} -> ${to}: PSH ACK ${s(off[from]! + 100)}${ack()} "gap"`);
        break;
      case 'seq-old':
        lines.push(`${from} -> ${to}: PSH ACK ${s(off[from]! + 0x7fff_0000)}${ack()} "old"`);
        break;
      case 'rst-in-window':
        lines.push(`${from} -> ${to}: RST ${s(off[from]! + 10)}`);
        break;
      case 'rst-exact':
        lines.push(`${from} -> ${to}: RST ${s()}`);
        break;
      case 'syn-in-window':
        lines.push(`${from} -> ${to}: SYN ${s(off[from]! + 5)}`);
        break;
      case 'data-without-ack':
        lines.push(`${from} -> ${to}: PSH ${s()} "noack"`);
        break;
      case 'fin-ahead':
        lines.push(`${from} -> ${to}: FIN ACK ${s(off[from]! + 3)}${ack()}`);
        break;
    }
    return { text: `${lines.join('\n')}\n`, kernelPlays: K, shape: shape.join(' ') };
  }

  const close = pick(CLOSES);
  shape.push(`close:${close}`);
  switch (close) {
    case 'kernel-first':
    case 'tcpflow-first': {
      const first = close === 'kernel-first' ? K : T;
      const second = first === K ? T : K;
      seg(first, 'FIN ACK');
      off[first]! += 1;
      seg(second, 'ACK');
      seg(second, 'FIN ACK');
      off[second]! += 1;
      seg(first, 'ACK');
      lines.push(`${K} is ${first === K ? 'TIME_WAIT' : 'CLOSED'}`);
      break;
    }
    case 'simultaneous': {
      lines.push(`${K} -> ${T}: FIN ACK seq=${v(K)} ack=${v(T)}`, `& ${T} -> ${K}: FIN ACK seq=${v(T)} ack=${v(K)}`);
      off[K]! += 1;
      off[T]! += 1;
      lines.push(`${K} -> ${T}: ACK seq=${v(K)} ack=${v(T)}`, `& ${T} -> ${K}: ACK seq=${v(T)} ack=${v(K)}`, `${K} is TIME_WAIT`);
      break;
    }
    case 'kernel-abort':
      lines.push(`${K} abort`);
      seg(K, 'RST ACK');
      lines.push(`${K} is CLOSED`);
      break;
    case 'tcpflow-rst':
      lines.push(`${T} -> ${K}: RST seq=${v(T)}`, `${K} is CLOSED`);
      break;
    default:
      break;
  }
  return { text: `${lines.join('\n')}\n`, kernelPlays: K, shape: shape.join(' ') };
}
