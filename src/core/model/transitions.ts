/**
 * The RFC 9293 state transition table (§3.3.2 Figure 5, §3.10). The receive and send logic
 * decides which event a segment or call is; this table alone says where each event leads.
 * Events with no row leave the state unchanged.
 */

import type { TcpState } from '../common/vocabulary.js';

export type TcpEvent =
  | 'passive-open'
  | 'active-open' // snd SYN
  | 'close' // snd FIN, or nothing before synchronization
  | 'abort' // snd RST where RFC 9293 says so
  | 'rcv-syn'
  | 'rcv-syn-ack'
  | 'rcv-ack-of-syn'
  | 'rcv-ack-of-fin'
  | 'rcv-fin'
  | 'rcv-rst'
  | 'timeout'; // 2MSL in TIME_WAIT

export interface Transition {
  readonly from: TcpState;
  readonly event: TcpEvent;
  /** `LISTEN|CLOSED`: LISTEN after a passive open, else CLOSED (SYN-RECEIVED on RST). */
  readonly to: TcpState | 'LISTEN|CLOSED';
  readonly sends: string;
  readonly rfc: string;
}

const t = (from: TcpState, event: TcpEvent, to: Transition['to'], sends: string, rfc: string): Transition => ({ from, event, to, sends, rfc });

export const TRANSITIONS: readonly Transition[] = [
  t('CLOSED', 'passive-open', 'LISTEN', '–', '§3.10.1'),
  t('CLOSED', 'active-open', 'SYN_SENT', 'SYN', '§3.10.1'),
  t('LISTEN', 'active-open', 'SYN_SENT', 'SYN', '§3.10.2'),
  t('LISTEN', 'rcv-syn', 'SYN_RECEIVED', 'SYN+ACK', '§3.10.7.2'),
  t('LISTEN', 'close', 'CLOSED', '–', '§3.10.4'),
  t('LISTEN', 'abort', 'CLOSED', '–', '§3.10.5'),
  t('SYN_SENT', 'rcv-syn-ack', 'ESTABLISHED', 'ACK', '§3.10.7.3'),
  t('SYN_SENT', 'rcv-syn', 'SYN_RECEIVED', 'SYN+ACK', '§3.10.7.3'),
  t('SYN_SENT', 'rcv-rst', 'CLOSED', '–', '§3.10.7.3'),
  t('SYN_SENT', 'close', 'CLOSED', '–', '§3.10.4'),
  t('SYN_SENT', 'abort', 'CLOSED', '–', '§3.10.5'),
  t('SYN_RECEIVED', 'rcv-ack-of-syn', 'ESTABLISHED', '–', '§3.10.7.4'),
  t('SYN_RECEIVED', 'rcv-rst', 'LISTEN|CLOSED', '–', '§3.10.7.4'),
  t('SYN_RECEIVED', 'rcv-fin', 'CLOSE_WAIT', 'ACK', '§3.10.7.4'),
  t('SYN_RECEIVED', 'close', 'FIN_WAIT_1', 'FIN', '§3.10.4'),
  t('SYN_RECEIVED', 'abort', 'CLOSED', 'RST', '§3.10.5'),
  t('ESTABLISHED', 'rcv-fin', 'CLOSE_WAIT', 'ACK', '§3.10.7.4'),
  t('ESTABLISHED', 'close', 'FIN_WAIT_1', 'FIN', '§3.10.4'),
  t('ESTABLISHED', 'abort', 'CLOSED', 'RST', '§3.10.5'),
  t('ESTABLISHED', 'rcv-rst', 'CLOSED', '–', '§3.10.7.4'),
  t('FIN_WAIT_1', 'rcv-ack-of-fin', 'FIN_WAIT_2', '–', '§3.10.7.4'),
  t('FIN_WAIT_1', 'rcv-fin', 'CLOSING', 'ACK', '§3.10.7.4'),
  t('FIN_WAIT_1', 'rcv-rst', 'CLOSED', '–', '§3.10.7.4'),
  t('FIN_WAIT_1', 'abort', 'CLOSED', 'RST', '§3.10.5'),
  t('FIN_WAIT_2', 'rcv-fin', 'TIME_WAIT', 'ACK', '§3.10.7.4'),
  t('FIN_WAIT_2', 'rcv-rst', 'CLOSED', '–', '§3.10.7.4'),
  t('FIN_WAIT_2', 'abort', 'CLOSED', 'RST', '§3.10.5'),
  t('CLOSE_WAIT', 'close', 'LAST_ACK', 'FIN', '§3.10.4'),
  t('CLOSE_WAIT', 'rcv-rst', 'CLOSED', '–', '§3.10.7.4'),
  t('CLOSE_WAIT', 'abort', 'CLOSED', 'RST', '§3.10.5'),
  t('CLOSING', 'rcv-ack-of-fin', 'TIME_WAIT', '–', '§3.10.7.4'),
  t('CLOSING', 'rcv-rst', 'CLOSED', '–', '§3.10.7.4'),
  t('CLOSING', 'abort', 'CLOSED', '–', '§3.10.5'),
  t('LAST_ACK', 'rcv-ack-of-fin', 'CLOSED', '–', '§3.10.7.4'),
  t('LAST_ACK', 'rcv-rst', 'CLOSED', '–', '§3.10.7.4'),
  t('LAST_ACK', 'abort', 'CLOSED', '–', '§3.10.5'),
  t('TIME_WAIT', 'rcv-rst', 'CLOSED', '– (RFC 1337 / FreeBSD: stays)', '§3.10.7.4'),
  t('TIME_WAIT', 'timeout', 'CLOSED', '–', '§3.10.8'),
  t('TIME_WAIT', 'abort', 'CLOSED', '–', '§3.10.5'),
];

const INDEX = new Map<string, Transition>(TRANSITIONS.map((r) => [`${r.from}/${r.event}`, r]));

export function transition(from: TcpState, event: TcpEvent): Transition | undefined {
  return INDEX.get(`${from}/${event}`);
}

/** The state after `event`, or undefined when the table has no row (the state stays). */
export function nextState(from: TcpState, event: TcpEvent, passiveOpen: boolean): TcpState | undefined {
  const row = transition(from, event);
  if (!row) return undefined;
  if (row.to === 'LISTEN|CLOSED') return passiveOpen ? 'LISTEN' : 'CLOSED';
  return row.to;
}
