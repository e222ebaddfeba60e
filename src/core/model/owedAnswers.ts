/**
 * What an endpoint owes and whether a segment pays it: the answers RFC 9293 §3.10.7 obliges a
 * receiver to send (SYN+ACK, ACK, RST) and the segments its application calls announced (SYN,
 * FIN), how they are named in messages, and the line a quick fix inserts to pay one.
 */

import type { Endpoint, Owed } from './endpoint.js';
import type { Kind } from './segmentKind.js';
import { format, isPlaceholder, type Seq } from './seq.js';
import type { Flag } from '../common/vocabulary.js';

/** Owed items that must come before anything else the endpoint sends. */
export const MUST_BE_NEXT: ReadonlySet<Owed['kind']> = new Set(['syn-ack', 'rst', 'ack', 'syn']);

/** Does a segment of this kind and these flags pay what is owed? */
export function pays(o: Owed, kind: Kind, flags: ReadonlySet<Flag>): boolean {
  if (flags.has('RST')) return true; // a RST answers, or aborts and so pays every debt
  switch (o.kind) {
    case 'syn-ack':
      return kind === 'syn-ack';
    case 'rst':
      return false;
    case 'ack':
      return flags.has('ACK');
    case 'syn':
      return kind === 'syn';
    case 'fin':
      return flags.has('FIN');
  }
}

const seqText = (v: Seq | undefined): string => (v && !isPlaceholder(v) ? format(v) : '');

/** The segment (flags and numbers) an endpoint would write to pay what it owes. */
export function answerText(from: Endpoint, o: Owed): string {
  const parts: string[] = [];
  switch (o.kind) {
    case 'syn-ack':
      parts.push('SYN ACK');
      if (from.iss) parts.push(`seq=${seqText(from.iss)}`);
      if (from.rcvNxt) parts.push(`ack=${seqText(from.rcvNxt)}`);
      break;
    case 'rst':
      parts.push(o.withAck ? 'RST ACK' : 'RST');
      if (o.seq) parts.push(`seq=${seqText(o.seq)}`);
      if (o.ack && o.withAck) parts.push(`ack=${seqText(o.ack)}`);
      break;
    case 'syn':
      parts.push('SYN');
      break;
    case 'fin':
      parts.push('FIN ACK');
      if (from.sndNxt) parts.push(`seq=${seqText(from.sndNxt)}`);
      if (from.rcvNxt) parts.push(`ack=${seqText(from.rcvNxt)}`);
      break;
    case 'ack':
      parts.push('ACK');
      if (from.sndNxt) parts.push(`seq=${seqText(from.sndNxt)}`);
      if (from.rcvNxt) parts.push(`ack=${seqText(from.rcvNxt)}`);
      break;
  }
  return parts.filter((p) => !p.endsWith('=')).join(' ');
}

/** The whole line a quick fix inserts to pay what is owed. */
export function answerLine(from: Endpoint, to: Endpoint, o: Owed): string {
  return `${from.name} -> ${to.name}: ${answerText(from, o)}`;
}

export function owedName(o: Owed): string {
  return { 'syn-ack': 'SYN+ACK', ack: 'an ACK', rst: 'a RST', syn: 'a SYN', fin: 'a FIN' }[o.kind];
}

export function owedNameKo(o: Owed): string {
  return { 'syn-ack': 'SYN+ACK', ack: 'ACK', rst: 'RST', syn: 'SYN', fin: 'FIN' }[o.kind];
}

/** "the SYN+ACK", "the ACK": for fix titles. */
export function owedShortName(o: Owed): string {
  return owedName(o).replace(/^an? /, '');
}
