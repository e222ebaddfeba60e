/**
 * Flows for the differential fuzz with TCP options and the receiver's finer rules (issue 25):
 * timestamps on both SYNs and every segment (TSval/TSecr), SACK-permitted with out-of-order data
 * and SACK blocks, window scaling and window changes (a zero window and its update, a smaller
 * window on a duplicate ACK, a window carried by an old ACK), RFC 5961's in-window RST and SYN
 * (challenge ACKs and their rate limit), data beyond the window, PAWS (an old TSval on data and on
 * a pure ACK), a wrong TSecr, retransmissions that repacketize, duplicate data, SACK blocks
 * sent to the kernel, and FINs in several states (with data, retransmitted, in TIME_WAIT, with an old timestamp there). The
 * kernel plays a side chosen at random; tcpflow's segments carry the options the flow
 * negotiated. Deterministic for a seed.
 */

import { random32 } from '../../src/kernel/numbers.js';
import type { Generated } from './generate.js';

const EVENTS = [
  'data-t',
  'data-k',
  'ooo',
  'paws-data',
  'paws-ack',
  'ecr-future',
  'zero-window',
  'old-ack-window',
  'shrink-dup',
  'rst-in-window',
  'rst-twice',
  'rst-ack-in-window',
  'syn-in-window',
  'beyond-window',
  'dup-data',
  'ack-ahead',
  'sack-to-kernel',
] as const;
const CLOSES = [
  'kernel-first',
  'tcpflow-first',
  'fin-over-unacked',
  'fin-with-data',
  'fin-retransmit',
  'time-wait-dup-fin',
  'time-wait-old-ts',
  'fin-wait-2-data',
  'none',
] as const;

export function generateOptions(seed: number): Generated {
  const rnd = random32(seed * 104_729 + 3);
  const pick = <T>(list: readonly T[]): T => list[rnd() % list.length]!;
  const chance = (p: number): boolean => rnd() / 0x1_0000_0000 < p;
  const kernelIsServer = chance(0.5);
  const K = kernelIsServer ? 'S' : 'C';
  const T = kernelIsServer ? 'C' : 'S';
  const useTs = chance(0.75);
  const useSack = chance(0.6);
  const useWs = chance(0.5);
  const lines: string[] = ['stack linux', 'client C', 'server S', ''];
  const shape: string[] = [
    `kernel=${kernelIsServer ? 'server' : 'client'}`,
    `options:${[useTs ? 'ts' : '', useSack ? 'sack' : '', useWs ? 'ws' : ''].filter(Boolean).join('+') || 'none'}`,
  ];
  const off: Record<string, number> = { C: 1, S: 1 };
  const sym: Record<string, string> = { C: 'x', S: 'y' };
  const v = (side: string, o = off[side]!): string => (o === 0 ? sym[side]! : `${sym[side]}+${o}`);
  const other = (side: string): string => (side === 'C' ? 'S' : 'C');
  // Timestamps: tcpflow's clock (plain numbers, sent as written) and what the flow writes for the
  // kernel's (the runner echoes the kernel's real latest TSval where tcpflow's ecr names the
  // kernel's last written one).
  let tTs = 200_000 + (rnd() % 100_000);
  let kTs = 7000;
  const tsOf = (from: string, o: { ts?: number; ecr?: number } = {}): string => {
    if (!useTs) return '';
    if (from === T) {
      if (o.ts === undefined) tTs += 1 + (rnd() % 20);
      return ` ts=${o.ts ?? tTs} ecr=${o.ecr ?? kTs}`;
    }
    kTs += 1;
    return ` ts=${kTs} ecr=${tTs}`;
  };
  const seg = (from: string, flags: string, extra = '', o: { seq?: number; ack?: number; ts?: number; ecr?: number; lost?: boolean } = {}): void => {
    const to = other(from);
    const ack = flags.includes('ACK') ? ` ack=${v(to, o.ack ?? off[to]!)}` : '';
    const arrow = o.lost ? '-x' : '->';
    const ts = flags.includes('RST') ? '' : tsOf(from, o);
    lines.push(`${from} ${arrow} ${to}: ${flags} seq=${v(from, o.seq ?? off[from]!)}${ack}${ts}${extra}`);
  };
  const data = (n: number, ch = 'd'): string => ` "${ch.repeat(n)}"`;

  // The hand-shake: the options on both SYNs.
  const wsT = rnd() % 9;
  const synOpts = (from: string): string => {
    let s = ' mss=1460';
    if (useSack) s += ' sackOK';
    if (useTs) s += from === T ? ` ts=${tTs} ecr=0` : ` ts=${kTs} ecr=0`;
    if (useWs) s += ` wscale=${from === T ? wsT : 7}`;
    return s;
  };
  lines.push(`C -> S: SYN seq=x${synOpts('C')}`);
  const synAckOpts = synOpts('S').replace(/ ecr=0/, ` ecr=${kernelIsServer ? tTs : kTs}`);
  // Sometimes a timestamp mistake in the hand-shake: the third ACK fails PAWS in SYN-RECEIVED (an
  // ACK back, SYN-RECEIVED stays), or the SYN+ACK echoes a TSval older than the SYN (Linux: a RST,
  // SYN-SENT stays, the SYN is sent again).
  const variant = useTs && chance(0.2) ? (kernelIsServer ? 'third-ack-paws' : 'synack-ecr-old') : undefined;
  if (variant === 'synack-ecr-old') {
    lines.push(`S -> C: SYN ACK seq=y ack=x+1${synOpts('S').replace(/ ecr=0/, ` ecr=${kTs - 10}`)}`);
    lines.push('C -> S: RST seq=x+1', 'C is SYN_SENT', 'wait 1100ms', `C -> S: SYN seq=x${synOpts('C')}`);
  }
  lines.push(`S -> C: SYN ACK seq=y ack=x+1${synAckOpts}`);
  if (variant === 'third-ack-paws') {
    seg('C', 'ACK', '', { ts: tTs - 500 });
    seg('S', 'ACK');
    lines.push('S is SYN_RECEIVED');
  }
  seg('C', 'ACK');
  lines.push(`${K} is ESTABLISHED`);
  shape.push(variant ?? 'handshake');

  /** The kernel's octets tcpflow has acknowledged (a window carried by an old ACK needs some). */
  let kAcked = 0;
  const tData = (len: number): void => {
    seg(T, 'PSH ACK', data(len));
    off[T]! += len;
    seg(K, 'ACK');
  };
  const kData = (len: number): void => {
    seg(K, 'PSH ACK', data(len, 'k'));
    off[K]! += len;
    kAcked = len;
    seg(T, 'ACK');
  };
  const events = 1 + (rnd() % 4);
  for (let i = 0; i < events; i++) {
    const e = pick(EVENTS);
    shape.push(e);
    switch (e) {
      case 'data-t':
        tData(1 + (rnd() % 200));
        break;
      case 'data-k':
        kData(1 + (rnd() % 200));
        break;
      case 'ooo': {
        // A lost, B arrives out of order (a duplicate ACK with its SACK block), then the retransmission.
        const a = 10 + (rnd() % 50);
        const b = 10 + (rnd() % 50);
        const start = off[T]!;
        seg(T, 'PSH ACK', data(a, 'a'), { lost: true });
        seg(T, 'PSH ACK', data(b, 'b'), { seq: start + a });
        seg(K, 'ACK', useSack ? ` sack=${v(T, start + a)}:${v(T, start + a + b)}` : '');
        const how = pick(['same', 'merged', 'merged-more'] as const);
        shape.push(`resend:${how}`);
        if (how === 'same') seg(T, 'PSH ACK', data(a, 'a'), { seq: start });
        else if (how === 'merged') seg(T, 'PSH ACK', ` "${'a'.repeat(a)}${'b'.repeat(b)}"`, { seq: start });
        else seg(T, 'PSH ACK', ` "${'a'.repeat(a)}${'b'.repeat(b)}ccc"`, { seq: start });
        off[T] = start + a + b + (how === 'merged-more' ? 3 : 0);
        seg(K, 'ACK');
        break;
      }
      case 'paws-data': {
        if (!useTs) {
          tData(5);
          break;
        }
        // RFC 7323 §5.3: an older TSval than TS.Recent: dropped, a duplicate ACK echoing TS.Recent.
        const old = tTs - 1000 - (rnd() % 100_000);
        seg(T, 'PSH ACK', data(7, 'p'), { ts: old });
        seg(K, 'ACK');
        break;
      }
      case 'paws-ack': {
        if (!useTs) {
          seg(T, 'ACK');
          break;
        }
        // A pure ACK with an old TSval: a little old (Linux lets a disordered ACK pass), or far.
        const by = chance(0.5) ? 2 + (rnd() % 50) : 5000 + (rnd() % 100_000);
        shape.push(`by:${by}`);
        seg(T, 'ACK', '', { ts: tTs - by });
        if (chance(0.5)) seg(T, 'ACK', '', { ts: tTs - by });
        break;
      }
      case 'ecr-future':
        if (useTs) {
          seg(T, 'PSH ACK', data(9, 'e'), { ecr: kTs + 1_000_000 });
          off[T]! += 9;
          seg(K, 'ACK');
        } else tData(9);
        break;
      case 'zero-window': {
        // tcpflow closes its window; the kernel's data waits (zero-window probes), then the update.
        seg(T, 'ACK', ' win=0');
        const len = 1 + (rnd() % 100);
        seg(K, 'PSH ACK', data(len, 'z'));
        lines.push(`wait ${chance(0.5) ? 100 : 600}ms`);
        seg(T, 'ACK', ' win=65535');
        seg(K, 'PSH ACK', data(len, 'z'));
        off[K]! += len;
        kAcked = len;
        seg(T, 'ACK');
        break;
      }
      case 'old-ack-window': {
        // A window carried by an ACK below SND.UNA (RFC 9293 §3.10.7.4: a duplicate, ignored).
        if (kAcked === 0) kData(10);
        seg(T, 'ACK', ' win=0', { ack: off[K]! - kAcked });
        kData(1 + (rnd() % 50));
        break;
      }
      case 'shrink-dup': {
        // A duplicate ACK (same SEG.SEQ and SEG.ACK) with a smaller window, then the kernel's data.
        seg(T, 'ACK');
        seg(T, 'ACK', ` win=${1 + (rnd() % 20)}`);
        kData(30 + (rnd() % 100));
        break;
      }
      case 'rst-in-window':
        seg(T, 'RST', '', { seq: off[T]! + 1 + (rnd() % 1000) });
        seg(K, 'ACK');
        break;
      case 'rst-twice':
        seg(T, 'RST', '', { seq: off[T]! + 10 });
        seg(K, 'ACK');
        seg(T, 'RST', '', { seq: off[T]! + 20 });
        break;
      case 'rst-ack-in-window':
        seg(T, 'RST ACK', '', { seq: off[T]! + 1 + (rnd() % 1000) });
        seg(K, 'ACK');
        break;
      case 'syn-in-window':
        lines.push(`${T} -> ${K}: SYN seq=${v(T, off[T]! + 3 + (rnd() % 1000))}${useTs ? ` ts=${(tTs += 3)} ecr=0` : ''}`);
        seg(K, 'ACK');
        break;
      case 'beyond-window': {
        // Data starting beyond the receive window (out of window: a duplicate ACK), or straddling its right edge.
        const far = chance(0.5);
        shape.push(far ? 'far' : 'edge');
        seg(T, 'PSH ACK', ` len=${far ? 100 : 3000}`, { seq: off[T]! + (far ? 400_000 : 63_000) });
        seg(K, 'ACK');
        break;
      }
      case 'dup-data': {
        // A retransmission of data already acknowledged: a duplicate ACK (with a D-SACK).
        const len = 5 + (rnd() % 30);
        tData(len);
        seg(T, 'PSH ACK', data(len), { seq: off[T]! - len });
        seg(K, 'ACK', useSack ? ` sack=${v(T, off[T]! - len)}:${v(T)}` : '');
        break;
      }
      case 'ack-ahead':
        seg(T, 'ACK', '', { ack: off[K]! + 100 });
        seg(K, 'ACK');
        break;
      case 'sack-to-kernel': {
        // The kernel sends two segments; tcpflow acknowledges below the first and SACKs the second
        // (as if the first were lost): the kernel may resend the first at once (RACK, fast retransmit).
        const a = 10 + (rnd() % 40);
        const b = 10 + (rnd() % 40);
        const start = off[K]!;
        seg(K, 'PSH ACK', data(a, 'r'));
        seg(K, 'PSH ACK', data(b, 's'), { seq: start + a });
        seg(T, 'ACK', useSack ? ` sack=${v(K, start + a)}:${v(K, start + a + b)}` : '', { ack: start });
        seg(K, 'PSH ACK', data(a, 'r'), { seq: start });
        off[K] = start + a + b;
        kAcked = a + b;
        seg(T, 'ACK');
        break;
      }
    }
  }

  const close = pick(CLOSES);
  shape.push(`close:${close}`);
  const finPair = (first: string): void => {
    const second = other(first);
    seg(first, 'FIN ACK');
    off[first]! += 1;
    seg(second, 'ACK');
    seg(second, 'FIN ACK');
    off[second]! += 1;
    seg(first, 'ACK');
  };
  switch (close) {
    case 'kernel-first':
      finPair(K);
      lines.push(`${K} is TIME_WAIT`);
      break;
    case 'tcpflow-first':
      finPair(T);
      lines.push(`${K} is CLOSED`);
      break;
    case 'fin-over-unacked':
      // The kernel's data is in flight when tcpflow's FIN arrives (acknowledging less): CLOSE_WAIT, then the ACK.
      seg(K, 'PSH ACK', data(15, 'u'));
      seg(T, 'FIN ACK');
      off[T]! += 1;
      off[K]! += 15;
      seg(K, 'ACK');
      seg(T, 'ACK');
      lines.push(`${K} is CLOSE_WAIT`);
      break;
    case 'fin-with-data':
      seg(T, 'FIN PSH ACK', data(12, 'f'));
      off[T]! += 13;
      seg(K, 'ACK');
      lines.push(`${K} is CLOSE_WAIT`);
      break;
    case 'fin-retransmit':
      seg(T, 'FIN ACK');
      off[T]! += 1;
      seg(K, 'ACK');
      seg(T, 'FIN ACK', '', { seq: off[T]! - 1 });
      seg(K, 'ACK');
      lines.push(`${K} is CLOSE_WAIT`);
      break;
    case 'time-wait-dup-fin':
      finPair(K);
      seg(T, 'FIN ACK', '', { seq: off[T]! - 1 });
      seg(K, 'ACK');
      lines.push(`${K} is TIME_WAIT`);
      break;
    case 'time-wait-old-ts':
      finPair(K);
      if (useTs) seg(T, 'ACK', '', { ts: tTs - 5000 });
      else seg(T, 'ACK', '', { seq: off[T]! + 5 });
      seg(K, 'ACK');
      lines.push(`${K} is TIME_WAIT`);
      break;
    case 'fin-wait-2-data':
      seg(K, 'FIN ACK');
      off[K]! += 1;
      seg(T, 'ACK');
      tData(20);
      seg(T, 'FIN ACK');
      off[T]! += 1;
      seg(K, 'ACK');
      lines.push(`${K} is TIME_WAIT`);
      break;
    default:
      break;
  }
  return { text: `${lines.join('\n')}\n`, kernelPlays: K, shape: shape.join(' ') };
}
