/** Words the server shows (hovers, completions, inlay hints) in English and Korean. */

import type { FieldName, Flag, Lang, TcpState, Text, Transition } from '../core/index.js';

export const STATE_TEXT: Record<TcpState, Text> = {
  CLOSED: { en: 'No connection.', ko: '연결이 없습니다.' },
  LISTEN: { en: 'Waiting for a connection request (a SYN) from any remote TCP.', ko: '원격 TCP의 연결 요청(SYN)을 기다립니다.' },
  SYN_SENT: { en: 'Sent its SYN; waiting for the matching SYN+ACK (or a crossing SYN).', ko: 'SYN을 보냈고 그에 맞는 SYN+ACK(또는 엇갈린 SYN)를 기다립니다.' },
  SYN_RECEIVED: {
    en: 'Received a SYN and sent SYN+ACK; waiting for the ACK of its SYN.',
    ko: 'SYN을 받고 SYN+ACK를 보냈으며 자기 SYN에 대한 ACK를 기다립니다.',
  },
  ESTABLISHED: { en: 'Open: data flows both ways.', ko: '열린 상태: 양쪽으로 데이터가 흐릅니다.' },
  FIN_WAIT_1: {
    en: "Closed its side (sent FIN); waiting for the ACK of its FIN or the peer's FIN.",
    ko: '자기 쪽을 닫았고(FIN 보냄) FIN에 대한 ACK나 상대의 FIN을 기다립니다.',
  },
  FIN_WAIT_2: {
    en: "Its FIN is acknowledged; waiting for the peer's FIN (data may still arrive).",
    ko: 'FIN이 확인되었고 상대의 FIN을 기다립니다(데이터는 아직 올 수 있습니다).',
  },
  CLOSE_WAIT: {
    en: 'The peer closed its side (FIN received); waiting for the local application to close.',
    ko: '상대가 자기 쪽을 닫았고(FIN 받음) 로컬 애플리케이션이 닫기를 기다립니다.',
  },
  CLOSING: {
    en: 'Both sides sent FIN at once (simultaneous close); waiting for the ACK of its FIN.',
    ko: '양쪽이 동시에 FIN을 보냈고(동시 닫기) 자기 FIN에 대한 ACK를 기다립니다.',
  },
  LAST_ACK: { en: 'Closed after the peer; waiting for the ACK of its FIN.', ko: '상대 다음에 닫았고 자기 FIN에 대한 ACK를 기다립니다.' },
  TIME_WAIT: {
    en: 'Waits 2×MSL so that late segments die out and the last ACK can be repeated.',
    ko: '늦게 도착하는 세그먼트가 사라지고 마지막 ACK를 다시 보낼 수 있도록 2×MSL 동안 기다립니다.',
  },
};

export const FLAG_TEXT: Record<Flag, Text> = {
  SYN: { en: 'synchronize sequence numbers: opens a connection, takes one sequence number', ko: '순서 번호 동기화: 연결을 열며 순서 번호 하나를 씁니다' },
  ACK: { en: 'the acknowledgment number is valid', ko: '확인 번호가 유효합니다' },
  FIN: {
    en: 'no more data from the sender: closes its side, takes one sequence number',
    ko: '보내는 쪽의 데이터가 끝났습니다: 자기 쪽을 닫으며 순서 번호 하나를 씁니다',
  },
  RST: { en: 'reset the connection', ko: '연결을 리셋합니다' },
  PSH: { en: 'push the data to the application', ko: '데이터를 애플리케이션에 바로 넘깁니다' },
  URG: { en: 'the urgent pointer is valid', ko: '긴급 포인터가 유효합니다' },
  ECE: { en: 'ECN echo: congestion was experienced', ko: 'ECN 에코: 혼잡을 겪었습니다' },
  CWR: { en: 'congestion window reduced', ko: '혼잡 윈도를 줄였습니다' },
};

/** What each TCP option says, for the hover's option list (`ts` stands for TSval with its TSecr). */
export const OPTION_TEXT: Partial<Record<FieldName, Text>> = {
  mss: {
    en: 'maximum segment size: the largest segment the sender accepts (RFC 9293 §3.7.1)',
    ko: '최대 세그먼트 크기: 보내는 쪽이 받을 수 있는 가장 큰 세그먼트(RFC 9293 §3.7.1)',
  },
  wscale: {
    en: 'window scale: once both SYNs offer it, the windows after the handshake are shifted left by it (RFC 7323 §2)',
    ko: '윈도 스케일: 두 SYN이 모두 제안하면 핸드셰이크 뒤의 윈도를 그만큼 왼쪽으로 시프트합니다(RFC 7323 §2)',
  },
  sackOK: { en: 'SACK permitted: the sender understands SACK blocks (RFC 2018 §2)', ko: 'SACK 허용: 보내는 쪽이 SACK 블록을 이해합니다(RFC 2018 §2)' },
  sack: {
    en: 'SACK blocks: data the sender received out of order, above its cumulative ack (RFC 2018 §3); a first block at or below the ack reports a duplicate (D-SACK, RFC 2883)',
    ko: 'SACK 블록: 보내는 쪽이 누적 ack 위에서 순서 밖으로 받은 데이터(RFC 2018 §3). ack 이하의 첫 블록은 중복을 알립니다(D-SACK, RFC 2883)',
  },
  ts: {
    en: "timestamps: the sender's clock (TSval) and the echo of the peer's (TSecr) (RFC 7323 §3)",
    ko: '타임스탬프: 보내는 쪽의 시계(TSval)와 상대 시계의 반사(TSecr)(RFC 7323 §3)',
  },
  cookie: {
    en: 'TCP Fast Open: a bare `cookie` asks for a cookie; `cookie=` carries one, with which a SYN may carry data the server accepts (RFC 7413)',
    ko: 'TCP Fast Open: 그냥 `cookie`는 쿠키를 요청하고, `cookie=`는 쿠키를 담습니다. 쿠키가 있으면 SYN에 실린 데이터를 서버가 받을 수 있습니다(RFC 7413)',
  },
};

/** The transition table's events as the Korean hover names them (English shows the event's id). */
const EVENT_KO: Record<Transition['event'], string> = {
  'passive-open': '수동 열기(listen)',
  'active-open': '능동 열기(connect)',
  close: '닫기(close)',
  abort: '중단(abort)',
  'rcv-syn': 'SYN 받음',
  'rcv-syn-ack': 'SYN+ACK 받음',
  'rcv-ack-of-syn': 'SYN에 대한 ACK 받음',
  'rcv-ack-of-fin': 'FIN에 대한 ACK 받음',
  'rcv-fin': 'FIN 받음',
  'rcv-rst': 'RST 받음',
  timeout: '2×MSL 시간 만료',
};

export function eventText(event: Transition['event'], lang: Lang): string {
  return lang === 'ko' ? EVENT_KO[event] : event;
}

const UI = {
  before: { en: 'before', ko: '이전' },
  after: { en: 'after', ko: '이후' },
  state: { en: 'state', ko: '상태' },
  flags: { en: 'Flags', ko: '플래그' },
  leaves: { en: 'Leaves this state', ko: '이 상태에서 나가는 길' },
  sends: { en: 'sends', ko: '보냄' },
  dropped: { en: 'Dropped', ko: '버려짐' },
  owes: { en: 'Owes', ko: '보내야 할 것' },
  lost: { en: 'lost in the network', ko: '네트워크에서 사라짐' },
  inferred: { en: 'inferred', ko: '추론됨' },
  snippet3: { en: '3-way handshake', ko: '3방향 핸드셰이크' },
  snippet4: { en: '4-way close', ko: '4방향 종료' },
  snippetSimOpen: { en: 'simultaneous open', ko: '동시 열기' },
  snippetSimClose: { en: 'simultaneous close', ko: '동시 닫기' },
  snippetRefused: { en: 'refused connection (RST)', ko: '거부된 연결(RST)' },
  snippetHalfClose: { en: 'half-close with data', ko: '데이터가 있는 반닫기' },
  snippetLostSyn: { en: 'lost SYN and retransmission', ko: 'SYN 손실과 재전송' },
  expected: { en: 'what a real TCP sends here', ko: '실제 TCP가 여기서 보내는 값' },
  current: { en: 'simulated state here', ko: '여기서 시뮬레이션된 상태' },
  canSend: { en: 'it may send this now', ko: '지금 보낼 수 있습니다' },
  options: { en: 'Options', ko: '옵션' },
  fastOpenAccepted: {
    en: "Fast Open: the SYN's data is accepted and delivered in SYN_RECEIVED (RFC 7413 §4.2.2)",
    ko: 'Fast Open: SYN에 실린 데이터를 받아 SYN_RECEIVED에서 전달합니다(RFC 7413 §4.2.2)',
  },
  fastOpenRefused: {
    en: "Fast Open: the SYN's data is refused; the client sends it again after the handshake (RFC 7413 §4.2.2)",
    ko: 'Fast Open: SYN에 실린 데이터를 거절합니다. 클라이언트가 핸드셰이크 뒤에 다시 보냅니다(RFC 7413 §4.2.2)',
  },
  notCaptured: { en: 'not in the capture: inferred, its fields are a guess', ko: '캡처에 없음: 추정한 세그먼트라 필드는 추측입니다' },
  forged: {
    en: "forged: {from}, a third party with no connection of its own, sends it with {as}'s addresses; {to} judges it as if {as} had sent it, and {as} knows nothing of it (RFC 5961: a blind in-window RST or SYN gets a challenge ACK, sent to {as})",
    ko: '위조: 자기 연결이 없는 제3자 {from}이(가) {as}의 주소로 보냅니다. {to}은(는) {as}이(가) 보낸 것처럼 판단하고, {as}은(는) 이를 모릅니다(RFC 5961: 윈도 안의 눈먼 RST나 SYN에는 {as}에게 챌린지 ACK를 보냅니다)',
  },
  kernelDropped: { en: "dropped by {to}'s kernel", ko: '{to}의 커널이 버림' },
  kernelDropWhy: {
    en: "it reached {to}'s host, whose kernel discarded it on purpose (a full accept queue, TCP_DEFER_ACCEPT waiting for data): {to}'s TCP never saw it, so its state does not change and it owes nothing; {from} sends it again as after a loss",
    ko: '{to}의 호스트에 닿았지만 그 커널이 일부러 버렸습니다(가득 찬 accept 큐, 데이터를 기다리는 TCP_DEFER_ACCEPT). {to}의 TCP는 이 세그먼트를 보지 못했으므로 상태가 바뀌지 않고 보낼 것도 없습니다. {from}은(는) 잃어버렸을 때처럼 다시 보냅니다',
  },
  reason: { en: 'reason', ko: '이유' },
  kernelDropCompletion: { en: "the receiver's kernel discards it where it arrives", ko: '도착한 곳에서 받는 쪽 커널이 버립니다' },
  kernelResets: {
    en: "{name}'s kernel resets the connection, not its application: a RST (SEQ=SND.NXT), then CLOSED, as ABORT does (RFC 9293 §3.10.5); e.g. Linux's tcp_abort_on_overflow when the accept queue is full",
    ko: '애플리케이션이 아니라 {name}의 커널이 연결을 재설정합니다. ABORT처럼 RST(SEQ=SND.NXT)를 보내고 CLOSED가 됩니다(RFC 9293 §3.10.5). 예: accept 큐가 가득 찼을 때 Linux의 tcp_abort_on_overflow',
  },
  arrivesAt: { en: 'Arrives at line', ko: '도착하는 행' },
  inFlightAtEnd: { en: 'still in flight at the end (no `arrives` line)', ko: '끝까지 가는 중(`arrives` 줄 없음)' },
  sentAt: { en: 'sent on line', ko: '보낸 행' },
  duplicate: { en: 'a duplicate: it arrived before', ko: '중복: 이미 한 번 도착했습니다' },
  atSend: { en: 'When it was sent', ko: '보냈을 때' },
  atArrival: { en: 'When it arrived', ko: '도착했을 때' },
  labelCompletion: { en: 'segment in flight, sent on line', ko: '가는 중인 세그먼트, 보낸 행' },
  returnToConnection: { en: 'return to this connection', ko: '이 연결로 돌아가기' },
  newConnection: { en: 'start a new connection', ko: '새 연결 시작' },
  reuseConnection: { en: 'the same four-tuple (its ends in TIME_WAIT or CLOSED)', ko: '같은 주소·포트 쌍(끝점이 TIME_WAIT나 CLOSED)' },
  connection: { en: 'Connection', ko: '연결' },
  connectionStarts: { en: 'starts on line', ko: '시작 행' },
  connectionReusedBy: { en: 'its four-tuple reused by', ko: '주소·포트 쌍을 재사용한 연결' },
  atThisLine: { en: 'here', ko: '여기서' },
  atTheEnd: { en: 'at the end', ko: '끝에서' },
} satisfies Record<string, Text>;

export type UiKey = keyof typeof UI;

export function ui(key: UiKey, lang: Lang): string {
  return UI[key][lang];
}
