/**
 * TCP Fast Open (RFC 7413) on sending: the server's SYN+ACK accepts or refuses the data a SYN
 * carried (`fastOpenAnswer`), and cookies on the wire are judged (`checkCookies`). What a
 * SYN's arrival leaves for that decision is the model's (model/fastOpen.ts).
 */

import { diag } from '../common/diagnostics.js';
import type { Endpoint } from '../model/endpoint.js';
import type { Kind } from '../model/segmentKind.js';
import { diff } from '../model/seq.js';
import type { SegOptions } from '../model/types.js';
import type { SendContext } from './sendContext.js';

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
