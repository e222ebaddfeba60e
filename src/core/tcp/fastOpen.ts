/**
 * TCP Fast Open (RFC 7413), where the stack option `fastopen` enables it: a SYN that carries
 * data and a cookie may have its data accepted by a listener — the SYN+ACK then acknowledges
 * ISN+1+len and the data is delivered in SYN_RECEIVED — or refused (the SYN+ACK acknowledges
 * ISN+1 and the client sends the data again). Without `fastopen`, or without a cookie, data on
 * a SYN is never acknowledged by the SYN+ACK. Cookies are issued by a SYN+ACK's `cookie=`.
 */

import { diag } from '../common/diagnostics.js';
import type { Endpoint } from './endpoint.js';
import type { Profile } from './profiles.js';
import type { EffSegment } from './receive.js';
import type { Kind } from './segmentKind.js';
import type { SendContext } from './sendNumbers.js';
import { add, diff, type Seq } from './seq.js';
import { optionState, type SegOptions } from './tcpOptions.js';
import type { TcpState } from '../common/vocabulary.js';

/** Data on a SYN that opened a passive connection, waiting for the SYN+ACK to accept or refuse it. */
export interface SynData {
  readonly seg: EffSegment;
  /** ISN + 1 + len: what a SYN+ACK that accepts the data acknowledges. */
  readonly end: Seq;
  /** Why Fast Open cannot accept it (no `fastopen`, no cookie, a cookie request), or undefined when it can. */
  readonly cannot: 'no-fastopen' | 'no-cookie' | 'request' | undefined;
}

/** On arrival of a SYN: a listener keeps its data for the SYN+ACK's decision; a client learns its SYN's data was refused. */
export function fastOpenArrived(e: Endpoint, s: EffSegment, before: TcpState, p: Profile): void {
  const o = optionState(e);
  if (before === 'LISTEN' && e.state === 'SYN_RECEIVED' && !s.flags.has('ACK') && s.dataLen > 0) {
    const cookie = s.opts?.cookie;
    const cannot = !p.fastOpen ? 'no-fastopen' : cookie === undefined ? 'no-cookie' : cookie === '' ? 'request' : undefined;
    o.synData = { seg: s, end: add(s.seq, 1 + s.dataLen), cannot };
  }
  // The client: a SYN+ACK that acknowledges the SYN but not the data on it (RFC 7413 §4.2.2): the data goes again.
  if (before === 'SYN_SENT' && s.flags.has('ACK') && s.ack && e.iss && e.sndNxt && diff(s.ack, add(e.iss, 1)) === 0 && (diff(e.sndNxt, s.ack) ?? 0) > 0) {
    o.synDataRefused = true;
  }
}

const CANNOT = {
  'no-fastopen': { en: 'the stack has no `fastopen` option', ko: '스택에 `fastopen` 옵션이 없습니다' },
  'no-cookie': { en: 'the SYN carries no cookie', ko: 'SYN에 쿠키가 없습니다' },
  request: { en: 'the SYN only asks for a cookie (a bare `cookie`)', ko: 'SYN은 쿠키를 요청만 합니다(그냥 `cookie`)' },
} as const;

/**
 * The server's SYN+ACK decides about the SYN's data, before its ack is checked: with Fast Open,
 * an ack of ISN+1+len (or none written: Linux accepts a valid cookie) accepts the data, so
 * RCV.NXT moves past it; any other ack refuses it. Without Fast Open the data is never
 * acknowledged, and an ack that does is TF402 with TF707 saying why.
 */
export function fastOpenAnswer(c: SendContext, kind: Kind): 'accepted' | 'refused' | undefined {
  const o = c.from.opts;
  const d = o?.synData;
  if (kind !== 'syn-ack' || !o || !d) return undefined;
  o.synData = undefined;
  const written = c.field('ack');
  const value = written ? c.w.evaluate(written) : undefined;
  const acksData = value !== undefined && diff(value, d.end) === 0;
  if (d.cannot) {
    if (acksData) c.report(diag('TF707', c.fieldRange('ack'), { why: CANNOT[d.cannot].en, whyKo: CANNOT[d.cannot].ko }));
    return undefined;
  }
  if (!written || acksData) {
    c.from.rcvNxt = d.end;
    c.from.lastReceived = d.seg;
    o.fastOpen = 'accepted';
  } else o.fastOpen = 'refused';
  return o.fastOpen;
}

/**
 * Cookies on the wire: a SYN+ACK's `cookie=` issues one; a SYN's cookie the server never issued
 * in this document was issued before it (TF706); a cookie without `fastopen` is ignored (TF708).
 */
export function checkCookies(c: SendContext, to: Endpoint, kind: Kind, opts: SegOptions | undefined): void {
  const cookie = opts?.cookie;
  if (cookie === undefined || c.from.raw) return;
  const field = c.stmt.fields.find((f) => f.name === 'cookie');
  const at = field?.range ?? c.stmt.range;
  if (!c.w.profile.fastOpen) {
    if (kind === 'syn' || kind === 'syn-ack') c.report(diag('TF708', at, { profile: c.w.profile.name }));
    return;
  }
  if (kind === 'syn-ack' && cookie !== '') c.w.cookiesOf(c.from.name).add(cookie.toLowerCase());
  if (kind === 'syn' && cookie !== '' && !to.raw && !c.w.cookiesOf(to.name).has(cookie.toLowerCase())) c.report(diag('TF706', at, { cookie, name: to.name }));
}
