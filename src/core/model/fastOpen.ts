/**
 * TCP Fast Open (RFC 7413) on arrival, where the stack option `fastopen` enables it: a SYN that
 * carries data and a cookie may have its data accepted by a listener — the SYN+ACK then
 * acknowledges ISN+1+len and the data is delivered in SYN_RECEIVED — or refused (the SYN+ACK
 * acknowledges ISN+1 and the client sends the data again). Without `fastopen`, or without a
 * cookie, data on a SYN is never acknowledged by the SYN+ACK. The SYN+ACK's decision and the
 * cookies are judged by the checker (checker/fastOpenChecks.ts).
 */

import { optionState, type Endpoint } from './endpoint.js';
import type { Profile } from './profiles.js';
import { add, diff } from './seq.js';
import type { EffSegment } from './types.js';
import type { TcpState } from '../common/vocabulary.js';

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
