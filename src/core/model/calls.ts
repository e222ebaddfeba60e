/**
 * The application calls a flow may write (`listen`, `connect`, `close`, `abort`), the user
 * timeout (`timeout`, §3.10.8) and the kernel's own reset (`resets`): what each does to the endpoint's state (RFC 9293 §3.10.1–§3.10.5,
 * §3.10.8), and the segment it announces (a SYN, a
 * FIN or a RST the endpoint then owes). Returns false when the call is not possible (TF201).
 */

import { owe } from './receive.js';
import type { Endpoint } from './endpoint.js';
import { T, type Text } from '../common/text.js';
import { nextState } from './transitions.js';
import type { Call } from '../common/vocabulary.js';

export function applyCall(e: Endpoint, call: Call, line: number): boolean {
  const s = e.state;
  switch (call) {
    case 'listen':
      if (s === 'LISTEN') return true;
      if (s !== 'CLOSED') return false;
      e.state = nextState(s, 'passive-open', true)!;
      e.passive = true;
      e.listenerClosed = false;
      return true;
    case 'connect':
      if (s !== 'CLOSED' && s !== 'LISTEN') return false;
      e.state = nextState(s, 'active-open', false)!;
      e.passive = false;
      owe(e, 'syn', line, T("after 'connect' the endpoint sends its SYN", "'connect' 뒤에는 SYN을 보냅니다"));
      return true;
    case 'close': {
      if (s === 'LISTEN' || s === 'SYN_SENT') {
        if (s === 'LISTEN') e.listenerClosed = true;
        e.state = 'CLOSED';
        e.owed = [];
        return true;
      }
      // The application lets go of the socket: an orphan (Linux then times out its FIN-WAIT-2).
      e.orphaned = true;
      // In CLOSED and after its own FIN, a close only releases the socket (§3.10.4 returns an error to the application, no segment).
      const next = nextState(s, 'close', e.passive);
      if (!next) return true;
      e.state = next;
      owe(e, 'fin', line, T("after 'close' the endpoint sends its FIN", "'close' 뒤에는 FIN을 보냅니다"));
      return true;
    }
    case 'timeout':
      // RFC 9293 §3.10.8, USER TIMEOUT: "flush all queues, signal the user …, delete the TCB, enter
      // the CLOSED state" — no segment (Linux: TCP_USER_TIMEOUT or too many retransmissions, tcp_write_err).
      if (s === 'CLOSED' || s === 'LISTEN') return false;
      e.state = 'CLOSED';
      e.owed = [];
      return true;
    case 'abort':
      if (s === 'LISTEN') e.listenerClosed = true;
      reset(e, line, T("after 'abort' the endpoint sends a RST (§3.10.5)", "'abort' 뒤에는 RST를 보냅니다(§3.10.5)"));
      return true;
    case 'resets':
      // The kernel's own reset, no application call: Linux's tcp_abort_on_overflow answers a
      // handshake's ACK it has no room to accept with a RST and drops the request
      // (tcp_check_req, embryonic_reset). Its segment and state are ABORT's (§3.10.5); a
      // listener or a closed endpoint has no connection to reset.
      if (s === 'CLOSED' || s === 'LISTEN') return false;
      reset(e, line, T('its kernel resets the connection: it sends a RST (§3.10.5)', '커널이 연결을 재설정합니다. RST를 보냅니다(§3.10.5)'));
      return true;
  }
}

/** ABORT's effect (§3.10.5): CLOSED, and a RST owed where a connection was synchronized or half-open. */
function reset(e: Endpoint, line: number, why: Text): void {
  const sendsRst = ['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT'].includes(e.state);
  e.state = 'CLOSED';
  e.owed = [];
  if (sendsRst)
    owe(e, 'rst', line, why, {
      ...(e.sndNxt ? { seq: e.sndNxt } : {}),
      ...(e.rcvNxt ? { ack: e.rcvNxt } : {}),
    });
}
