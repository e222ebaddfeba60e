/**
 * Whether an endpoint's state lets it send a segment of a kind at all (RFC 9293 §3.10: which
 * segments each state's SEND, CLOSE and ABORT calls and its answers produce). Returns the
 * reason in plain words when it does not, or undefined when the segment is possible.
 */

import type { Endpoint } from './endpoint.js';
import type { Kind } from './segmentKind.js';
import { diff, type Seq } from './seq.js';
import { T, type Text } from '../common/text.js';
import { SYNCHRONIZED, type TcpState } from '../common/vocabulary.js';

const NO_CONNECTION = T('there is no connection', '연결이 없습니다');
const CAN_RESET: ReadonlySet<TcpState> = new Set(['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT']);
const AFTER_OWN_FIN: ReadonlySet<TcpState> = new Set(['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING', 'LAST_ACK', 'TIME_WAIT']);

/** The reason the sender's state rules the segment out, or undefined when it may send it. */
export function whyCannotSend(e: Endpoint, kind: Kind, dataLen: number, writtenSeq: Seq | undefined): Text | undefined {
  const s = e.state;
  switch (kind) {
    case 'rst':
      if (CAN_RESET.has(s)) return undefined;
      return T(
        'a RST answers a segment that should not have come, or aborts an open connection, and neither is the case',
        'RST는 오지 말아야 할 세그먼트에 답하거나 열린 연결을 중단할 때만 보내는데, 둘 다 아닙니다',
      );
    case 'syn':
      if (s === 'CLOSED' || s === 'LISTEN' || s === 'SYN_SENT') return undefined;
      return T('a SYN opens a connection, and this one is already open or opening', 'SYN은 연결을 여는데 이 연결은 이미 열렸거나 열리는 중입니다');
    case 'syn-ack':
      if (s === 'SYN_RECEIVED') return undefined;
      if (s === 'LISTEN' || s === 'CLOSED') return T('a SYN+ACK answers a SYN, and none has arrived', 'SYN+ACK는 SYN에 대한 답인데 받은 SYN이 없습니다');
      return T('a SYN+ACK is sent only in SYN_RECEIVED', 'SYN+ACK는 SYN_RECEIVED에서만 보냅니다');
    case 'fin':
      if (s === 'ESTABLISHED' || s === 'CLOSE_WAIT' || s === 'SYN_RECEIVED') return whyNoData(e, dataLen, true, writtenSeq);
      if (s === 'FIN_WAIT_1' || s === 'CLOSING' || s === 'LAST_ACK') return undefined; // the FIN of a close, or its retransmission
      if (s === 'FIN_WAIT_2' || s === 'TIME_WAIT') return T('its FIN was already sent and acknowledged', '이미 FIN을 보냈고 확인(ACK)받았습니다');
      return T('there is no open connection to close', '닫을 열린 연결이 없습니다');
    case 'data':
      return whyNoData(e, dataLen, false, writtenSeq);
    case 'ack':
      if (SYNCHRONIZED.has(s) || s === 'SYN_RECEIVED') return undefined;
      if (s === 'SYN_SENT') return T('it has nothing to acknowledge until the SYN+ACK arrives', 'SYN+ACK가 오기 전에는 확인(ACK)할 것이 없습니다');
      return NO_CONNECTION;
  }
}

function whyNoData(e: Endpoint, dataLen: number, withFin: boolean, writtenSeq: Seq | undefined): Text | undefined {
  const s = e.state;
  if (dataLen === 0 || s === 'ESTABLISHED' || s === 'CLOSE_WAIT') return undefined;
  if (AFTER_OWN_FIN.has(s)) {
    const fin = e.finSeq;
    if (writtenSeq && fin && (diff(writtenSeq, fin) ?? 0) < 0) return undefined; // data sent before the FIN, retransmitted
    return T('it has closed its side: no new data after its FIN', '자기 쪽을 닫았으므로 FIN 뒤에는 새 데이터를 보낼 수 없습니다');
  }
  // RFC 7413 §4.2.2: a server that accepted the data on a Fast Open SYN may send data before the handshake completes (Linux does).
  if (s === 'SYN_RECEIVED' && e.opts?.fastOpen === 'accepted') return undefined;
  // §3.10.2: a SEND in SYN-SENT or SYN-RECEIVED is queued until ESTABLISHED; §3.10.4: a CLOSE
  // with data pending waits too (a bare FIN may leave SYN-RECEIVED).
  if (withFin && (s === 'SYN_SENT' || s === 'SYN_RECEIVED'))
    return T(
      'data waits until the connection is ESTABLISHED, and a FIN behind it waits with it (§3.10.2, §3.10.4)',
      '데이터는 연결이 ESTABLISHED가 된 뒤에 보내며, 그 뒤의 FIN도 함께 기다립니다(§3.10.2, §3.10.4)',
    );
  if (s === 'SYN_SENT' || s === 'SYN_RECEIVED')
    return T('data waits until the connection is ESTABLISHED (§3.10.2)', '데이터는 연결이 ESTABLISHED가 된 뒤에 보냅니다(§3.10.2)');
  return NO_CONNECTION;
}
