/**
 * What an endpoint does with an arriving segment: RFC 9293 §3.10.7 ("SEGMENT ARRIVES"), step
 * by step, with the stack profile's choices (RFC 5961, RFC 1337). It updates the endpoint's
 * control block and state, and records the answer the endpoint now owes.
 */

import { substitute, type Endpoint, type Owed, type OwedKind } from './endpoint.js';
import { withOwed } from './owedList.js';
import type { Profile } from './profiles.js';
import { add, diff, isPlaceholder, max, unrelated, type Seq } from './seq.js';
import { nextState, type TcpEvent } from './transitions.js';
import { receiveOptions, tsDiff } from './tcpOptions.js';
import { failsPaws, synAckEcrBeforeSyn, synRecvEcrRejected, updateTsRecent } from './paws.js';
import { mayUpdateWindow } from './window.js';
import type { EffSegment } from './types.js';
import { T, type Text } from '../common/text.js';
import type { Flag } from '../common/vocabulary.js';

export interface ReceiveOutcome {
  /** Why the segment had no effect, when it had none. */
  dropped?: Text;
  /** What happened, in order (most segments: nothing, one shared empty list). */
  events: readonly TcpEvent[];
  /** RFC 1337 kept TIME_WAIT although RFC 9293 would close. */
  rfc1337Kept?: boolean;
}

export function segLen(s: EffSegment): number {
  return s.dataLen + (s.flags.has('SYN') ? 1 : 0) + (s.flags.has('FIN') ? 1 : 0);
}

const DATA_ACK = T(
  'received data is acknowledged (the ACK may be delayed or ride on data)',
  '받은 데이터는 확인(ACK)합니다(늦추거나 데이터에 실을 수 있습니다)',
);
const FIN_ACK = T('a FIN is acknowledged (§3.10.7.4, eighth step)', 'FIN은 확인(ACK)합니다(§3.10.7.4 여덟째 단계)');
const DELAYABLE = { delayable: true } as const;

/** Adds what the endpoint owes (a new list: snapshots keep the old one, sharing its items). One ACK is owed at a time. */
export function owe(e: Endpoint, kind: OwedKind, line: number, reason: Text, extra?: Partial<Owed>): void {
  // One shape for every answer owed (no spread: copying a literal is slow on a path taken for most data segments).
  const item: Owed = extra
    ? { kind, line, reason, seq: extra.seq, ack: extra.ack, withAck: extra.withAck, delayable: extra.delayable, exact: extra.exact }
    : { kind, line, reason, seq: undefined, ack: undefined, withAck: undefined, delayable: undefined, exact: undefined };
  e.owed = withOwed(e.owed, item);
}

const NO_EVENTS: readonly TcpEvent[] = Object.freeze([]);

/** Records what happened: a new list (events are rare, and most outcomes share NO_EVENTS). */
function happened(out: ReceiveOutcome, event: TcpEvent): void {
  out.events = [...out.events, event];
}

function go(e: Endpoint, event: TcpEvent, out: ReceiveOutcome): void {
  const next = nextState(e.state, event, e.passive);
  happened(out, event);
  if (next === undefined) return;
  // Linux's time-wait socket starts its own rate limit clock (tcp_time_wait: tw_last_oow_ack_time = 0).
  if (next === 'TIME_WAIT' && e.state !== 'TIME_WAIT') e.lastChallengeMs = undefined;
  e.state = next;
  if (next === 'CLOSED' || next === 'LISTEN') e.owed = e.owed.filter((o) => o.kind === 'rst');
}

/** The RST RFC 9293 §3.10.7.1 prescribes for a segment that should not have arrived. */
function oweReset(e: Endpoint, s: EffSegment, reason: Text): void {
  if (s.ack) owe(e, 'rst', s.line, reason, { seq: s.ack, withAck: false, exact: true });
  else owe(e, 'rst', s.line, reason, { seq: { base: '', offset: 0 }, ack: add(s.seq, segLen(s)), withAck: true, exact: true });
}

/**
 * low < SEG.ACK =< high. Undefined when the values do not compare (a number against a symbol);
 * false for two different named symbols, which stand for unrelated numbers.
 */
function ackBetween(ack: Seq, low: Seq | undefined, high: Seq | undefined): boolean | undefined {
  if (!low || !high) return undefined;
  const a = diff(ack, low);
  const b = diff(ack, high);
  if (a === undefined || b === undefined) return unrelated(ack, low) && unrelated(ack, high) ? false : undefined;
  return a > 0 && b <= 0;
}

/** SND.UNA < SEG.ACK =< SND.NXT (§3.10.7.4). */
function ackAcceptable(e: Endpoint, ack: Seq): boolean | undefined {
  return ackBetween(ack, e.sndUna, e.sndNxt);
}

/**
 * §3.10.7.4: "If the RCV.WND is zero, no segments will be acceptable, but special allowance
 * should be made to accept valid ACKs, URGs, and RSTs." A segment at RCV.NXT (a window probe)
 * that the closed window turns away still has its ACK processed.
 */
function zeroWindowProbe(e: Endpoint, s: EffSegment): boolean {
  if (e.rcvWnd !== 0 || !e.rcvNxt || !s.ack || s.flags.has('SYN')) return false;
  const d = diff(s.seq, e.rcvNxt);
  return d !== undefined && d <= 0 && d + segLen(s) > 0;
}

/** The ACK field of a probe the zero window turned away: processed; the text is dropped and an ACK goes back. */
function acceptAckOfProbe(e: Endpoint, s: EffSegment, p: Profile, out: ReceiveOutcome): ReceiveOutcome {
  const ack = s.ack!;
  if (e.sndNxt && (diff(ack, e.sndNxt) ?? 0) <= 0 && e.sndUna && (diff(ack, e.sndUna) ?? 0) > 0) e.sndUna = ack;
  if (e.finSeq && !e.finAcked && diff(ack, add(e.finSeq, 1)) === 0) {
    e.finAcked = true;
    go(e, 'rcv-ack-of-fin', out);
    if (e.state === 'TIME_WAIT') e.timeWaitLeftMs = 2 * p.mslMs;
  }
  return ackAndDrop(
    e,
    s,
    out,
    T(
      'the receive window is zero: the data is not taken, its ACK is, and an ACK goes back (§3.10.7.4)',
      '수신 윈도가 0이라 데이터는 받지 않고 ACK만 처리하며 ACK를 돌려보냅니다(§3.10.7.4)',
    ),
    T('its data does not fit the zero receive window (its ACK is processed)', '데이터가 0인 수신 윈도에 들어가지 않습니다(ACK는 처리합니다)'),
  );
}

/** §3.10.7.4 first check: is the segment inside the receive window? */
function inWindow(e: Endpoint, s: EffSegment): boolean | undefined {
  if (!e.rcvNxt) return undefined;
  const d = diff(s.seq, e.rcvNxt);
  if (d === undefined) return undefined;
  const len = segLen(s);
  const wnd = e.rcvWnd;
  if (len === 0) return wnd === 0 ? d === 0 : d >= 0 && d < wnd;
  if (wnd === 0) return false;
  const last = d + len - 1;
  return (d >= 0 && d < wnd) || (last >= 0 && last < wnd);
}

/** `now`: the flow's clock in ms (the waits so far), for Linux's challenge ACK rate limit. */
export function receive(e: Endpoint, s: EffSegment, p: Profile, now = 0): ReceiveOutcome {
  const before = e.state;
  // Linux tests PAWS without its one tick of slack in TIME-WAIT (tcp_timewait_state_process) and in
  // a passive SYN-RECEIVED (tcp_check_req: tcp_paws_reject), neither of which asks tcp_disordered_ack_check.
  const strict = before === 'TIME_WAIT' || (before === 'SYN_RECEIVED' && e.passive && p.linuxPaws);
  // tcp_check_req tests the ACK field first: a wrong one is answered with a RST (RFC 9293's
  // <SEQ=SEG.ACK><CTL=RST>) before PAWS or the TSecr are looked at.
  const wrongAckFirst = strict && before === 'SYN_RECEIVED' && s.ack !== undefined && e.sndNxt !== undefined && diff(s.ack, e.sndNxt) !== 0;
  if (!e.raw && !wrongAckFirst && pawsApplies(before, p) && failsPaws(e, s, p, strict ? 0 : p.pawsWindow, now)) {
    const linux = p.linuxPaws && !strict ? disorderedAck(e, s, p) : 'drop';
    if (linux !== 'pass') return pawsDrop(e, s, p, now, linux === 'silent');
  }
  if (!e.raw && !wrongAckFirst && synRecvEcrRejected(e, s, p)) {
    const sent = e.opts?.synAckTs;
    return oowAck(
      e,
      s,
      p,
      now,
      { events: NO_EVENTS },
      T(
        `its TSecr ${s.opts?.ecr ?? 0} echoes none of our SYN+ACKs' TSvals (${sent?.first ?? 0}…${sent?.last ?? 0}): ${p.name} answers with an ACK and stays in SYN_RECEIVED (tcp_check_req)`,
        `TSecr ${s.opts?.ecr ?? 0}이(가) 우리 SYN+ACK의 TSval(${sent?.first ?? 0}…${sent?.last ?? 0})이 아니라서 ${p.name}은(는) ACK로 답하고 SYN_RECEIVED에 머뭅니다(tcp_check_req)`,
      ),
      T('its TSecr echoes no SYN+ACK of ours (Linux tcp_check_req)', 'TSecr가 우리 SYN+ACK를 되돌리지 않습니다(Linux tcp_check_req)'),
    );
  }
  const out = receiveSegment(e, s, p, now);
  if (!e.raw) {
    receiveOptions(e, s, before, p);
    if (!out.dropped)
      updateTsRecent(e, s, s.flags.has('SYN') && (before === 'LISTEN' || before === 'SYN_SENT' || before === 'TIME_WAIT' || before === 'CLOSED'), now);
  }
  return out;
}

/** PAWS guards a synchronized connection (RFC 7323 §5.3); FreeBSD's TIME-WAIT does not test it (tcp_twcheck). */
function pawsApplies(state: Endpoint['state'], p: Profile): boolean {
  if (state === 'CLOSED' || state === 'LISTEN' || state === 'SYN_SENT') return false;
  return !(state === 'TIME_WAIT' && p.bsdTimeWait);
}

/**
 * Linux's tcp_disordered_ack_check (net/ipv4/tcp_input.c), asked when a segment fails PAWS: a
 * pure ACK at RCV.NXT that acknowledges exactly SND.UNA, does not change the window
 * (tcp_may_update_window) and is at most tcp_tsval_replay() ticks older than TS.Recent is a
 * reordered duplicate ACK, not an old segment: it passes ('pass'). A pure ACK below RCV.NXT is
 * dropped without a duplicate ACK ('silent', SKB_DROP_REASON_TCP_RFC7323_PAWS_ACK: "Old ACK are
 * common, do not ... send a dupack"). Anything else fails as RFC 7323 says ('drop').
 */
function disorderedAck(e: Endpoint, s: EffSegment, p: Profile): 'pass' | 'silent' | 'drop' {
  if (!s.ack || s.dataLen > 0 || s.flags.has('SYN') || s.flags.has('FIN') || s.flags.has('RST')) return 'drop';
  const d = e.rcvNxt ? diff(s.seq, e.rcvNxt) : undefined;
  if (d === undefined || d > 0) return 'drop';
  if (d < 0) return 'silent';
  if (!e.sndUna || diff(s.ack, e.sndUna) !== 0) return 'drop';
  if (s.wnd !== undefined && mayUpdateWindow(e, s, s.wnd, e.sndUna, p)) return 'drop';
  const recent = e.opts?.tsRecent;
  const ts = s.opts?.ts;
  if (recent === undefined || ts === undefined || tsDiff(recent, ts) > p.pawsReplayTicks) return 'drop';
  return 'pass';
}

/**
 * RFC 7323 §5.3 R1: the segment is dropped, its data and its ACK field unused, and an ACK goes
 * back. Linux (tcp_validate_incoming): an old pure ACK below RCV.NXT gets no answer (`silent`), a
 * SYN a challenge ACK, and the duplicate ACK for a segment without data is rate-limited.
 */
function pawsDrop(e: Endpoint, s: EffSegment, p: Profile, now: number, silent: boolean): ReceiveOutcome {
  const out: ReceiveOutcome = { events: NO_EVENTS };
  const recent = e.opts?.tsRecent ?? 0;
  if (silent)
    return drop(
      out,
      `PAWS: its TSval is older than TS.Recent ${recent}; an old pure ACK below RCV.NXT is dropped without an answer (Linux tcp_disordered_ack_check)`,
      `PAWS: TSval이 TS.Recent ${recent}보다 오래되었습니다. RCV.NXT 아래의 오래된 순수 ACK는 답 없이 버립니다(Linux tcp_disordered_ack_check)`,
    );
  return (p.linuxPaws && s.flags.has('SYN') ? challenge : oowAck)(
    e,
    s,
    p,
    now,
    out,
    T(
      `its TSval ${s.opts?.ts ?? '?'} is older than TS.Recent ${recent}: PAWS drops it and sends an ACK echoing ${recent} (RFC 7323 §5.3)`,
      `TSval ${s.opts?.ts ?? '?'}이(가) TS.Recent ${recent}보다 오래되어 PAWS가 버리고 ${recent}을(를) 되돌리는 ACK를 보냅니다(RFC 7323 §5.3)`,
    ),
    T(`PAWS: its TSval is older than TS.Recent ${recent} (RFC 7323 §5.3)`, `PAWS: TSval이 TS.Recent ${recent}보다 오래되었습니다(RFC 7323 §5.3)`),
  );
}

function receiveSegment(e: Endpoint, s: EffSegment, p: Profile, now: number): ReceiveOutcome {
  const out: ReceiveOutcome = { events: NO_EVENTS };
  if (e.raw) return out;
  const has = (f: Flag): boolean => s.flags.has(f);
  if (has('SYN') && has('FIN') && p.dropSynFin) return drop(out, 'a SYN with FIN is dropped (drop-synfin)', 'FIN이 붙은 SYN은 버립니다(drop-synfin)');

  // A server's listener outlives its connections: once a connection's TIME-WAIT (or the whole
  // connection) has ended, a new SYN for the four-tuple meets the listener (RFC 5961 §4.2 relies on it).
  if (e.state === 'CLOSED' && e.role === 'server' && !e.listenerClosed && has('SYN') && !has('ACK') && !has('RST')) {
    e.state = 'LISTEN';
    e.passive = true;
  }
  switch (e.state) {
    case 'CLOSED':
      if (has('RST')) return drop(out, 'a RST to a closed port is ignored', '닫힌 포트로 온 RST는 무시됩니다');
      oweReset(
        e,
        s,
        T(
          'nothing is listening: a segment for a CLOSED port is answered with a RST (RFC 9293 §3.10.7.1)',
          '아무도 기다리지 않습니다. CLOSED 포트로 온 세그먼트에는 RST로 답합니다(RFC 9293 §3.10.7.1)',
        ),
      );
      return out;

    case 'LISTEN':
      if (has('RST')) return drop(out, 'LISTEN ignores a RST', 'LISTEN은 RST를 무시합니다');
      if (has('ACK') && has('SYN') && p.listenDropsSynAck)
        return drop(out, `a SYN+ACK in LISTEN is dropped without a RST (${p.name})`, `LISTEN에서 받은 SYN+ACK는 RST 없이 버립니다(${p.name})`);
      if (has('ACK')) {
        oweReset(
          e,
          s,
          T(
            'an ACK in LISTEN acknowledges nothing and is answered with a RST (§3.10.7.2)',
            'LISTEN에서 받은 ACK는 확인할 것이 없으므로 RST로 답합니다(§3.10.7.2)',
          ),
        );
        return out;
      }
      if (has('SYN')) {
        // Data on a SYN to a listener is dropped by real stacks without TCP Fast Open; the peer sends it again.
        e.irs = s.seq;
        e.rcvNxt = add(s.seq, 1);
        e.passive = true;
        e.iss = undefined;
        go(e, 'rcv-syn', out);
        owe(e, 'syn-ack', s.line, T('a SYN in LISTEN is answered with SYN+ACK (§3.10.7.2)', 'LISTEN에서 받은 SYN에는 SYN+ACK로 답합니다(§3.10.7.2)'));
        return out;
      }
      return drop(out, 'in LISTEN only a SYN starts a connection', 'LISTEN에서는 SYN만 연결을 시작합니다');

    case 'SYN_SENT':
      return receiveInSynSent(e, s, p, out);

    default:
      return receiveSynchronized(e, s, p, out, now);
  }
}

/** The segment is dropped, and an ACK goes back (RFC 9293 §3.10.7.4's "send an ACK and drop"): why each. */
function ackAndDrop(e: Endpoint, s: EffSegment, out: ReceiveOutcome, reason: Text, dropped: Text): ReceiveOutcome {
  owe(e, 'ack', s.line, reason);
  out.dropped = dropped;
  return out;
}

/** The segment is dropped, and why. A plain function (not a closure made for each segment). */
function drop(out: ReceiveOutcome, en: string, ko: string): ReceiveOutcome {
  out.dropped = T(en, ko);
  return out;
}

function receiveInSynSent(e: Endpoint, s: EffSegment, p: Profile, out: ReceiveOutcome): ReceiveOutcome {
  const has = (f: Flag): boolean => s.flags.has(f);
  if (s.ack && has('SYN') && !has('RST') && synAckEcrBeforeSyn(e, s.opts?.ecr, p)) {
    oweReset(
      e,
      s,
      T(
        `its TSecr ${s.opts?.ecr ?? 0} is older than our SYN's TSval ${e.opts?.synTs ?? 0}, so ${p.name} answers with a RST and stays in SYN_SENT (tcp_rcv_synsent_state_process)`,
        `TSecr ${s.opts?.ecr ?? 0}이(가) 우리 SYN의 TSval ${e.opts?.synTs ?? 0}보다 오래되어 ${p.name}은(는) RST로 답하고 SYN_SENT에 머뭅니다(tcp_rcv_synsent_state_process)`,
      ),
    );
    return out;
  }
  if (s.ack) {
    // §3.10.7.3: ISS < SEG.ACK =< SND.NXT, else the ACK is unacceptable.
    const okAck = ackBetween(s.ack, e.iss, e.sndNxt);
    if (okAck === false) {
      if (has('RST')) return drop(out, 'a RST whose ACK does not acknowledge our SYN is ignored', '우리 SYN을 확인하지 않는 RST는 무시됩니다');
      oweReset(
        e,
        s,
        T(
          'its ACK does not acknowledge our SYN, so SYN_SENT answers with a RST (§3.10.7.3)',
          'ACK가 우리 SYN을 확인하지 않으므로 SYN_SENT는 RST로 답합니다(§3.10.7.3)',
        ),
      );
      return out;
    }
  }
  if (has('RST')) {
    if (!s.ack) return drop(out, 'in SYN_SENT a RST counts only if its ACK acknowledges our SYN', 'SYN_SENT에서는 ACK로 우리 SYN을 확인하는 RST만 유효합니다');
    go(e, 'rcv-rst', out);
    return out;
  }
  if (!has('SYN')) return drop(out, 'in SYN_SENT only a SYN or a RST counts', 'SYN_SENT에서는 SYN이나 RST만 유효합니다');
  e.irs = s.seq;
  e.rcvNxt = add(s.seq, 1);
  if (s.ack) {
    e.sndUna = s.ack;
    e.rcvNxt = add(s.seq, 1 + s.dataLen); // text on a SYN+ACK is processed (§3.10.7.3, sixth step on)
    go(e, 'rcv-syn-ack', out);
    if (has('FIN')) {
      e.rcvNxt = add(e.rcvNxt, 1);
      e.receivedFin = true;
      go(e, 'rcv-fin', out);
    }
    owe(e, 'ack', s.line, T('a SYN+ACK is acknowledged at once (§3.10.7.3)', 'SYN+ACK는 바로 확인(ACK)합니다(§3.10.7.3)'));
    return out;
  }
  // Text on a crossing SYN waits until ESTABLISHED (§3.10.7.3); a FIN on it is not kept.
  if (s.dataLen > 0) e.outOfOrder.push({ start: add(s.seq, 1), end: add(s.seq, 1 + s.dataLen), fin: false });
  go(e, 'rcv-syn', out);
  owe(
    e,
    'syn-ack',
    s.line,
    T(
      'a SYN crossing our own SYN is a simultaneous open, answered with SYN+ACK (§3.10.7.3, Figure 7)',
      '우리 SYN과 엇갈린 SYN은 동시 열기이며 SYN+ACK로 답합니다(§3.10.7.3, 그림 7)',
    ),
  );
  return out;
}

/** Moves queued segments that the new RCV.NXT reaches into the stream; true if a queued FIN is now in order. */
function drainQueue(e: Endpoint): boolean {
  if (!e.rcvNxt || e.outOfOrder.empty) return false;
  const { rcvNxt, fin } = e.outOfOrder.drain(e.rcvNxt);
  e.rcvNxt = rcvNxt;
  return fin;
}

/** A new connection from a SYN with a higher sequence number than the old one's RCV.NXT. */
function reincarnate(e: Endpoint, s: EffSegment, p: Profile, out: ReceiveOutcome): ReceiveOutcome {
  e.state = 'SYN_RECEIVED';
  e.irs = s.seq;
  e.rcvNxt = add(s.seq, 1);
  e.iss = undefined;
  e.finSeq = undefined;
  e.finAcked = false;
  e.receivedFin = false;
  e.passive = true;
  happened(out, 'rcv-syn');
  owe(e, 'syn-ack', s.line, T(`a new SYN in TIME_WAIT starts a new connection (${p.name})`, `TIME_WAIT에서 받은 새 SYN은 새 연결을 시작합니다(${p.name})`));
  return out;
}

/**
 * RFC 6191 §2 (Linux tcp_timewait_state_process): with timestamps on the old connection, a SYN
 * whose TSval is newer than TS.Recent may reopen TIME-WAIT whatever its sequence number.
 */
function newerTimestamp(e: Endpoint, s: EffSegment): boolean {
  const o = e.opts;
  const ts = s.opts?.ts;
  return ts !== undefined && o?.tsRecent !== undefined && o.sent?.ts === true && o.received?.ts === true && tsDiff(ts, o.tsRecent) > 0;
}

/** FreeBSD's tcp_twcheck(): what TIME_WAIT does there, in its order. */
function receiveInBsdTimeWait(e: Endpoint, s: EffSegment, p: Profile, out: ReceiveOutcome): ReceiveOutcome {
  const has = (f: Flag): boolean => s.flags.has(f);
  if (has('RST')) {
    out.rfc1337Kept = true;
    return drop(out, 'RFC 1337: a RST does not end TIME_WAIT', 'RFC 1337: RST는 TIME_WAIT를 끝내지 않습니다');
  }
  if (has('SYN') && !has('ACK') && e.rcvNxt && (diff(s.seq, e.rcvNxt) ?? 0) > 0) return reincarnate(e, s, p, out);
  if (!s.ack) return drop(out, `${p.name}: TIME_WAIT drops a segment without ACK`, `${p.name}: TIME_WAIT는 ACK 없는 세그먼트를 버립니다`);
  if (has('FIN') && e.rcvNxt && diff(add(s.seq, segLen(s)), e.rcvNxt) === 0) e.timeWaitLeftMs = 2 * p.mslMs;
  const duplicateAck = s.flags.size === 1 && s.dataLen === 0 && e.rcvNxt && diff(s.seq, e.rcvNxt) === 0 && e.sndNxt && diff(s.ack, e.sndNxt) === 0;
  if (duplicateAck) return drop(out, 'a duplicate ACK in TIME_WAIT needs no answer', 'TIME_WAIT에서 받은 중복 ACK에는 답하지 않습니다');
  return ackAndDrop(
    e,
    s,
    out,
    T(`${p.name}: TIME_WAIT acknowledges every segment but a duplicate ACK`, `${p.name}: TIME_WAIT는 중복 ACK가 아닌 모든 세그먼트를 확인(ACK)합니다`),
    T('TIME_WAIT only acknowledges it', 'TIME_WAIT는 확인(ACK)만 합니다'),
  );
}

/**
 * RFC 5961 §5.2: an ACK is acceptable only if SND.UNA − MAX.SND.WND =< SEG.ACK. Linux's tcp_ack()
 * bounds it by min(max_window, bytes_acked): the octets acknowledged so far in this connection
 * (a passive opener's SYN is not counted, tcp_create_openreq_child starts from ISS+1).
 */
function ackTooOld(e: Endpoint, ack: Seq, p: Profile): boolean {
  if (p.oldAckBound === 'none' || !e.sndUna) return false;
  const below = diff(e.sndUna, ack);
  if (below === undefined || below <= 0) return false;
  let bound = e.maxSndWnd;
  if (p.oldAckBound === 'linux' && e.iss && !isPlaceholder(e.iss)) {
    const acked = diff(e.sndUna, e.iss);
    if (acked !== undefined) bound = Math.min(bound, acked - (e.passive ? 1 : 0));
  }
  return below > bound;
}

/**
 * A challenge ACK (RFC 5961 §3–§5): the segment is dropped and an ACK goes back, unless the
 * profile limits them (RFC 5961 §7): Linux sends at most one per socket every
 * net.ipv4.tcp_invalid_ratelimit (500 ms; tcp_send_challenge_ack), so a second one sooner is
 * not sent.
 */
function challenge(e: Endpoint, s: EffSegment, p: Profile, now: number, out: ReceiveOutcome, reason: Text, dropped: Text): ReceiveOutcome {
  const gap = p.challengeAckIntervalMs;
  if (gap > 0 && e.lastChallengeMs !== undefined && now - e.lastChallengeMs < gap) {
    out.dropped = T(
      `${dropped.en}; no challenge ACK this time: an ACK for a dropped segment went out less than ${gap} ms before (RFC 5961 §7; Linux tcp_send_challenge_ack)`,
      `${dropped.ko}. 이번에는 챌린지 ACK를 보내지 않습니다: 버린 세그먼트에 대한 ACK를 ${gap} ms 안에 이미 보냈습니다(RFC 5961 §7, Linux tcp_send_challenge_ack)`,
    );
    return out;
  }
  e.lastChallengeMs = now;
  return ackAndDrop(e, s, out, reason, dropped);
}

/** `ackAndDrop` with `challenge`'s arguments: RFC 9293's ACK for an ACK of something not yet sent, never limited. */
function oowAckAlways(e: Endpoint, s: EffSegment, _p: Profile, _now: number, out: ReceiveOutcome, reason: Text, dropped: Text): ReceiveOutcome {
  return ackAndDrop(e, s, out, reason, dropped);
}

/**
 * The ACK RFC 9293 §3.10.7.4 sends for a segment it drops (outside the window, failing PAWS).
 * Linux (tcp_oow_rate_limited) limits it, for a segment that carries no data (or a SYN), to one
 * per 500 ms on the clock it shares with challenge ACKs: a pure ACK that fails soon after is
 * dropped without an answer. Data is never limited ("not likely part of an ACK loop") and does
 * not move the clock.
 */
function oowAck(e: Endpoint, s: EffSegment, p: Profile, now: number, out: ReceiveOutcome, reason: Text, dropped: Text): ReceiveOutcome {
  const gap = p.challengeAckIntervalMs;
  if (gap > 0 && (segLen(s) === 0 || s.flags.has('SYN'))) {
    if (e.lastChallengeMs !== undefined && now - e.lastChallengeMs < gap) {
      out.dropped = T(
        `${dropped.en}; no ACK this time: an ACK for a dropped segment went out less than ${gap} ms before (Linux tcp_oow_rate_limited)`,
        `${dropped.ko}. 이번에는 ACK를 보내지 않습니다: 버린 세그먼트에 대한 ACK를 ${gap} ms 안에 이미 보냈습니다(Linux tcp_oow_rate_limited)`,
      );
      return out;
    }
    e.lastChallengeMs = now;
  }
  return ackAndDrop(e, s, out, reason, dropped);
}

/** Part of a message (made once: only read when a message is written). */
const CHALLENGE_ACK = T('RFC 5961 answers it with a challenge ACK', 'RFC 5961에 따라 챌린지 ACK로 답합니다');

function receiveSynchronized(e: Endpoint, s: EffSegment, p: Profile, out: ReceiveOutcome, now: number): ReceiveOutcome {
  const has = (f: Flag): boolean => s.flags.has(f);

  // A placeholder RCV.NXT (the file started in a synchronized state) takes the first sequence
  // number seen — not a SYN's, which opens another connection (a crashed peer's, Figure 9).
  if (e.rcvNxt && isPlaceholder(e.rcvNxt) && !isPlaceholder(s.seq) && !has('SYN')) substitute(e, e.rcvNxt.base, s.seq);

  // The crossing SYN+ACK of a simultaneous open (Figure 7), and a retransmitted SYN, carry SEQ = IRS.
  if (e.state === 'SYN_RECEIVED' && has('SYN') && !has('RST') && e.irs && diff(s.seq, e.irs) === 0) {
    if (!s.ack) {
      owe(
        e,
        'syn-ack',
        s.line,
        T('a retransmitted SYN means our SYN+ACK was lost: it is sent again', '재전송된 SYN은 SYN+ACK를 잃었다는 뜻이므로 다시 보냅니다'),
      );
      return out;
    }
    if (ackAcceptable(e, s.ack) !== false) {
      e.sndUna = s.ack;
      go(e, 'rcv-ack-of-syn', out);
      return out;
    }
  }
  if (e.state === 'TIME_WAIT' && p.bsdTimeWait) return receiveInBsdTimeWait(e, s, p, out);
  // A new SYN in TIME_WAIT may open a new incarnation of the connection (BSD, Linux).
  if (
    e.state === 'TIME_WAIT' &&
    has('SYN') &&
    !has('ACK') &&
    !has('RST') &&
    p.timeWaitReuse &&
    e.rcvNxt &&
    ((diff(s.seq, e.rcvNxt) ?? 0) > 0 || (p.timeWaitTimestamps && newerTimestamp(e, s)))
  ) {
    return reincarnate(e, s, p, out);
  }

  // First: sequence number check. A SYN counts as in the window only if the SYN itself is.
  const synOutside = has('SYN') && !has('RST') && e.rcvNxt !== undefined && inWindow(e, { ...s, flags: new Set(['ACK']), dataLen: 0 }) === false;
  if (synOutside || inWindow(e, s) === false) {
    if (has('RST')) return drop(out, 'a RST outside the receive window is ignored', '수신 윈도 밖의 RST는 무시됩니다');
    if (!synOutside && zeroWindowProbe(e, s)) return acceptAckOfProbe(e, s, p, out);
    if (e.state === 'TIME_WAIT' && has('FIN')) e.timeWaitLeftMs = 2 * p.mslMs;
    return oowAck(
      e,
      s,
      p,
      now,
      out,
      T('a segment outside the receive window is answered with an ACK and dropped (§3.10.7.4)', '수신 윈도 밖의 세그먼트에는 ACK로 답하고 버립니다(§3.10.7.4)'),
      T('it is outside the receive window (only an ACK goes back)', '수신 윈도 밖입니다(ACK만 돌려보냅니다)'),
    );
  }

  // Second: RST.
  if (has('RST')) {
    const exact = e.rcvNxt ? diff(s.seq, e.rcvNxt) === 0 : true;
    if (!exact && p.rstChallenge) {
      return challenge(
        e,
        s,
        p,
        now,
        out,
        T(
          'an in-window RST that is not exactly RCV.NXT gets a challenge ACK (RFC 5961 §3)',
          'RCV.NXT와 정확히 같지 않은 윈도 안 RST에는 챌린지 ACK로 답합니다(RFC 5961 §3)',
        ),
        T('its sequence number is not exactly RCV.NXT (RFC 5961)', '순서 번호가 RCV.NXT와 정확히 같지 않습니다(RFC 5961)'),
      );
    }
    if (e.state === 'TIME_WAIT' && p.rfc1337) {
      out.rfc1337Kept = true;
      out.dropped = T('RFC 1337: a RST does not end TIME_WAIT', 'RFC 1337: RST는 TIME_WAIT를 끝내지 않습니다');
      return out;
    }
    go(e, 'rcv-rst', out);
    return out;
  }

  // Fourth: SYN.
  if (has('SYN')) {
    if (e.state === 'SYN_RECEIVED' && e.passive) {
      go(e, 'rcv-rst', out); // RFC 9293 §3.10.7.4: return to LISTEN
      out.dropped = T(
        'a SYN in SYN_RECEIVED returns a passively opened connection to LISTEN',
        'SYN_RECEIVED에서 받은 SYN은 수동 열기 연결을 LISTEN으로 되돌립니다',
      );
      return out;
    }
    if (p.synChallenge) {
      return challenge(
        e,
        s,
        p,
        now,
        out,
        T(`a SYN in ${e.state}: ${CHALLENGE_ACK.en} (§3.10.7.4)`, `${e.state}에서 받은 SYN: ${CHALLENGE_ACK.ko}(§3.10.7.4)`),
        T('a SYN on a synchronized connection gets only a challenge ACK', '동기화된 연결에서 받은 SYN에는 챌린지 ACK만 보냅니다'),
      );
    }
    owe(e, 'rst', s.line, T('RFC 793: a SYN inside the window is an error; the connection is reset', 'RFC 793: 윈도 안의 SYN은 오류이므로 연결을 리셋합니다'), {
      ...(e.sndNxt ? { seq: e.sndNxt } : {}),
      ...(e.rcvNxt ? { ack: e.rcvNxt } : {}),
      withAck: true,
    });
    e.state = 'CLOSED';
    happened(out, 'abort');
    return out;
  }

  // Fifth: ACK.
  if (!s.ack) return drop(out, 'once synchronized, a segment without ACK is dropped (§3.10.7.4)', '동기화된 뒤에는 ACK 없는 세그먼트를 버립니다(§3.10.7.4)');
  if (e.sndUna && isPlaceholder(e.sndUna) && !isPlaceholder(s.ack) && e.sndNxt && e.sndNxt.base === e.sndUna.base) {
    const d = diff(e.sndNxt, e.sndUna) ?? 0;
    substitute(e, e.sndUna.base, add(s.ack, -d));
  }
  if (e.state === 'SYN_RECEIVED') {
    if (ackAcceptable(e, s.ack) === false) {
      oweReset(
        e,
        s,
        T(
          'its ACK does not acknowledge our SYN, so SYN_RECEIVED answers with a RST (§3.10.7.4)',
          'ACK가 우리 SYN을 확인하지 않으므로 SYN_RECEIVED는 RST로 답합니다(§3.10.7.4)',
        ),
      );
      return out;
    }
    e.sndUna = s.ack;
    go(e, 'rcv-ack-of-syn', out);
    if (!e.outOfOrder.empty) {
      drainQueue(e);
      owe(e, 'ack', s.line, T('data queued during the handshake is acknowledged', '핸드셰이크 중에 쌓인 데이터를 확인(ACK)합니다'), { delayable: true });
    }
  } else if (e.sndNxt) {
    const beyond = diff(s.ack, e.sndNxt);
    if (beyond !== undefined && beyond > 0) {
      // Linux (tcp_ack, 6.x): `if (after(ack, tp->snd_nxt)) tcp_send_challenge_ack()`: the ACK is a
      // challenge ACK, rate-limited like the others (the closing states send it from tcp_rcv_state_process).
      return (p.oldAckBound === 'linux' ? challenge : oowAckAlways)(
        e,
        s,
        p,
        now,
        out,
        T(
          'an ACK of something not yet sent is answered with an ACK and dropped (§3.10.7.4)',
          '아직 보내지 않은 것을 확인하는 ACK에는 ACK로 답하고 버립니다(§3.10.7.4)',
        ),
        T('it acknowledges something never sent', '보낸 적 없는 것을 확인합니다'),
      );
    }
    if (ackTooOld(e, s.ack, p)) {
      // Linux: tcp_ack() sends the challenge ACK in ESTABLISHED; in the closing states
      // tcp_rcv_state_process() sends it ("accept old ack during closing", Linux 6.8 and later).
      const bound = p.oldAckBound === 'linux' ? 'min(max_window, bytes_acked)' : 'MAX.SND.WND';
      return challenge(
        e,
        s,
        p,
        now,
        out,
        T(
          `its ACK is below SND.UNA − ${bound}: the segment is dropped and a challenge ACK goes back (RFC 5961 §5.2)`,
          `ACK가 SND.UNA − ${bound}보다 아래라 세그먼트를 버리고 챌린지 ACK를 보냅니다(RFC 5961 §5.2)`,
        ),
        T(
          'its ACK is too far below SND.UNA: an old or forged segment (RFC 5961 §5.2)',
          'ACK가 SND.UNA보다 너무 아래입니다. 오래되었거나 위조된 세그먼트입니다(RFC 5961 §5.2)',
        ),
      );
    }
    if (e.sndUna && (diff(s.ack, e.sndUna) ?? 0) > 0) e.sndUna = s.ack;
  }
  if (e.finSeq && !e.finAcked && diff(s.ack, add(e.finSeq, 1)) === 0) {
    e.finAcked = true;
    go(e, 'rcv-ack-of-fin', out);
    if (e.state === 'TIME_WAIT') e.timeWaitLeftMs = 2 * p.mslMs;
    if (e.state === 'CLOSED') return out;
  }

  // Seventh: segment text (out-of-order data waits in the reassembly queue).
  let fin = has('FIN');
  if (s.dataLen > 0) {
    if (e.state === 'ESTABLISHED' || e.state === 'FIN_WAIT_1' || e.state === 'FIN_WAIT_2') {
      const d = e.rcvNxt ? diff(s.seq, e.rcvNxt) : 0;
      if (d !== undefined && d > 0) {
        e.outOfOrder.push({ start: s.seq, end: add(s.seq, s.dataLen), fin });
        owe(e, 'ack', s.line, T('out-of-order data gets a duplicate ACK at once', '순서가 어긋난 데이터에는 바로 중복 ACK로 답합니다'));
        return out;
      }
      if (e.rcvNxt) e.rcvNxt = max(e.rcvNxt, add(s.seq, s.dataLen));
      fin = drainQueue(e) || fin;
      owe(e, 'ack', s.line, DATA_ACK, fin ? undefined : DELAYABLE);
    } else if (!fin) {
      return drop(out, `data after the peer's FIN is ignored in ${e.state}`, `${e.state}에서는 상대 FIN 뒤의 데이터를 무시합니다`);
    }
  }

  // Eighth: FIN.
  if (fin) {
    const finAt = has('FIN') ? add(s.seq, s.dataLen) : e.rcvNxt!;
    const d = e.rcvNxt ? diff(finAt, e.rcvNxt) : 0;
    if (d !== undefined && d > 0) {
      e.outOfOrder.push({ start: finAt, end: finAt, fin: true });
      owe(e, 'ack', s.line, T('a FIN after a gap waits; a duplicate ACK goes back', '빈틈 뒤의 FIN은 기다리고 중복 ACK를 보냅니다'));
      return out;
    }
    if (!e.receivedFin) e.rcvNxt = add(finAt, 1); // a FIN after the peer's FIN takes no new sequence number
    e.receivedFin = true;
    go(e, 'rcv-fin', out);
    if (e.state === 'TIME_WAIT') e.timeWaitLeftMs = 2 * p.mslMs;
    owe(e, 'ack', s.line, FIN_ACK);
  }
  return out;
}
