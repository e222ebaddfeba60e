/**
 * The catalogue of diagnostic codes: each stable code with its category, severity, a one-line
 * summary in English and Korean, its RFC section, and its message in English and Korean
 * (templates with `{name}` placeholders). Its documentation (what it means, a broken and a fixed
 * example) is in outputs/diagnosticDocs.ts, keyed by these codes; docs/diagnostics.md is generated from
 * both (`npm run generate`), and a test keeps the committed page current.
 */

import { particles } from './korean.js';
import { FIELDS, FLAGS, PROFILE_OPTIONS, PROFILES } from './vocabulary.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Lang = 'en' | 'ko';

/** The kinds of diagnostic, each owning a hundred of code numbers (TF1xx syntax, TF2xx sending…). */
export const CATEGORIES = {
  syntax: { from: 100, en: 'Syntax', ko: '문법' },
  sending: { from: 200, en: 'Sending', ko: '보내기' },
  receiving: { from: 300, en: 'Receiving', ko: '받기' },
  numbers: { from: 400, en: 'Sequence and acknowledgment numbers', ko: '순서 번호와 확인 번호' },
  assertions: { from: 500, en: 'State claims', ko: '상태 주장' },
  end: { from: 600, en: 'At the end of the flow', ko: '흐름의 끝' },
  teaching: { from: 700, en: 'Teaching notes', ko: '학습용 안내' },
  limits: { from: 900, en: "The editor's limits", ko: '편집기의 한계' },
} as const;
export type Category = keyof typeof CATEGORIES;

export interface CodeInfo {
  readonly category: Category;
  readonly severity: Severity;
  readonly summary: string;
  /** The summary in Korean (hovers and the code's documentation name it). */
  readonly summaryKo: string;
  /** The RFC section the rule comes from (docs/diagnostics.md cites it; a test keeps them in step). */
  readonly rfc?: string;
  readonly en: string;
  readonly ko: string;
}

export const CODES = {
  TF100: { category: 'syntax', severity: 'error', summary: 'unknown statement', summaryKo: '알 수 없는 문장', en: "Unknown statement '{word}'.", ko: "알 수 없는 문장 '{word}'입니다." },
  TF101: { category: 'syntax', severity: 'error', summary: 'unknown flag', summaryKo: '알 수 없는 플래그', en: `Unknown flag '{word}'. Flags are ${FLAGS.join(' ')}.`, ko: `알 수 없는 플래그 '{word}'입니다. 플래그는 ${FLAGS.join(' ')}입니다.` },
  TF102: { category: 'syntax', severity: 'error', summary: 'unknown state', summaryKo: '알 수 없는 상태', en: "Unknown TCP state '{word}'.", ko: "알 수 없는 TCP 상태 '{word}'입니다." },
  TF103: { category: 'syntax', severity: 'error', summary: 'bad value', summaryKo: '잘못된 값', en: 'Bad value: {detail}.', ko: '잘못된 값입니다: {detail}.' },
  TF104: { category: 'syntax', severity: 'error', summary: 'duplicate title', summaryKo: '제목이 둘 이상', en: 'A flow has at most one title; the first is on line {line}.', ko: '제목은 하나만 쓸 수 있습니다. 첫 제목은 {line}행에 있습니다.' },
  TF105: { category: 'syntax', severity: 'error', summary: 'third participant', summaryKo: '세 번째 참여자', en: "A connection has exactly two endpoints; '{name}' would be a third.", ko: "연결의 끝점은 정확히 둘입니다. '{name}'은(는) 세 번째가 됩니다." },
  TF106: { category: 'syntax', severity: 'error', summary: 'unknown participant', summaryKo: '알 수 없는 참여자', en: "Unknown participant '{name}'.", ko: "알 수 없는 참여자 '{name}'입니다." },
  TF107: { category: 'syntax', severity: 'error', summary: 'malformed string', summaryKo: '잘못된 문자열', en: 'Malformed string: {detail}.', ko: '문자열이 잘못되었습니다: {detail}.' },
  TF108: { category: 'syntax', severity: 'error', summary: 'something expected', summaryKo: '와야 할 것이 없음', en: 'Expected {what}.', ko: '{what}이(가) 와야 합니다.' },
  TF109: { category: 'syntax', severity: 'error', summary: 'unknown field', summaryKo: '알 수 없는 필드', en: `Unknown field '{word}'. Fields are ${FIELDS.join(' ')}.`, ko: `알 수 없는 필드 '{word}'입니다. 필드는 ${FIELDS.join(' ')}입니다.` },
  TF110: { category: 'syntax', severity: 'warning', summary: 'repeated flag or field', summaryKo: '반복된 플래그나 필드', en: "'{word}' is given twice; the first one counts.", ko: "'{word}'이(가) 두 번 나옵니다. 첫 번째 것만 씁니다." },
  TF111: { category: 'syntax', severity: 'error', summary: 'len disagrees with payload', summaryKo: 'len과 데이터 길이가 다름', en: 'len={len} but the payload is {bytes} bytes (UTF-8).', ko: 'len={len}이지만 데이터는 {bytes}바이트(UTF-8)입니다.' },
  TF112: { category: 'syntax', severity: 'error', summary: 'participant declared twice', summaryKo: '참여자를 두 번 선언', en: "'{name}' is already declared on line {line}.", ko: "'{name}'은(는) 이미 {line}행에서 선언되었습니다." },
  TF113: { category: 'syntax', severity: 'error', summary: 'segment to itself', summaryKo: '자기 자신에게 보내는 세그먼트', en: 'A segment goes from one endpoint to the other, not to itself.', ko: '세그먼트는 한 끝점에서 다른 끝점으로 갑니다. 자기 자신에게 보낼 수 없습니다.' },
  TF114: { category: 'syntax', severity: 'error', summary: 'crossing marker without a segment before it', summaryKo: '앞에 세그먼트가 없는 엇갈림 표시', en: "'&' marks a segment sent before the previous segment arrived; there is no segment right before this line.", ko: "'&'는 앞 세그먼트가 도착하기 전에 보낸 세그먼트를 뜻합니다. 바로 앞에 세그먼트가 없습니다." },
  TF115: { category: 'syntax', severity: 'error', summary: 'unknown stack profile', summaryKo: '알 수 없는 스택 프로필', en: `Unknown stack '{word}'. Stacks are ${PROFILES.join(', ')}; options ${PROFILE_OPTIONS.join(', ')}.`, ko: `알 수 없는 스택 '{word}'입니다. 스택은 ${PROFILES.join(', ')}이고 옵션은 ${PROFILE_OPTIONS.join(', ')}입니다.` },
  TF116: { category: 'syntax', severity: 'error', summary: 'bad duration', summaryKo: '잘못된 시간', en: "Bad duration '{word}'. Write 2MSL, 60s, 500ms or 1.5s.", ko: "잘못된 시간 '{word}'입니다. 2MSL, 60s, 500ms, 1.5s처럼 씁니다." },
  TF117: { category: 'syntax', severity: 'error', summary: 'statement in the wrong place', summaryKo: '잘못된 자리의 문장', en: '{what}', ko: '{what}' },
  TF120: { category: 'syntax', severity: 'error', summary: 'stack option of another profile', summaryKo: '다른 프로필의 스택 옵션', rfc: 'RFC 7413 §1', en: "The stack option '{option}' exists only with {profiles}, not with {profile}.", ko: "스택 옵션 '{option}'은(는) {profiles}에만 있고 {profile}에는 없습니다." },
  TF121: { category: 'syntax', severity: 'error', summary: 'ecr= without ts=', summaryKo: 'ts= 없는 ecr=', rfc: 'RFC 7323 §3.2', en: 'ecr= is the echo half of the timestamp option: a segment with ecr= also carries its own TSval, ts=.', ko: 'ecr=는 타임스탬프 옵션의 반사 값입니다. ecr=가 있는 세그먼트에는 자기 TSval인 ts=도 있습니다.' },
  TF122: { category: 'syntax', severity: 'error', summary: 'cookie request on a SYN+ACK', summaryKo: 'SYN+ACK의 쿠키 요청', rfc: 'RFC 7413 §4.1.1', en: 'A bare `cookie` asks for a Fast Open cookie, which only a client\'s SYN does; a SYN+ACK carries the cookie itself, `cookie=<hex or name>`.', ko: '그냥 쓴 `cookie`는 Fast Open 쿠키를 요청하는 것으로, 클라이언트의 SYN만 합니다. SYN+ACK에는 쿠키 자체를 `cookie=<16진수 또는 이름>`으로 씁니다.' },
  TF118: { category: 'syntax', severity: 'error', summary: 'label on a lost segment', summaryKo: '잃어버린 세그먼트의 이름표', en: "A lost segment ('-x') never arrives, so it takes no label; '@{label}' would say it arrives later.", ko: "잃어버린 세그먼트('-x')는 도착하지 않으므로 이름표를 달지 않습니다. '@{label}'은(는) 나중에 도착한다는 뜻입니다." },
  TF119: { category: 'syntax', severity: 'error', summary: 'label used twice', summaryKo: '두 번 쓴 이름표', en: "The label '{label}' already names the segment on line {line}; each segment needs its own label. This segment arrives at once.", ko: "이름표 '{label}'은(는) 이미 {line}행의 세그먼트 이름입니다. 세그먼트마다 이름표가 달라야 합니다. 이 세그먼트는 바로 도착합니다." },
  TF123: { category: 'syntax', severity: 'error', summary: 'reuses an unknown connection', summaryKo: '알 수 없는 연결을 재사용', en: "Unknown connection '{name}' after 'reuses'.", ko: "'reuses' 뒤의 '{name}'은(는) 알 수 없는 연결입니다." },
  TF124: { category: 'syntax', severity: 'error', summary: 'label or reuses on a return to a connection', summaryKo: '돌아가는 연결에 붙인 이름표나 재사용', en: "Connection '{name}' started on line {line}; returning to it takes only its name.", ko: "'{name}' 연결은 {line}행에서 시작했습니다. 그 연결로 돌아갈 때는 이름만 씁니다." },
  TF125: { category: 'syntax', severity: 'error', summary: 'statement outside every connection', summaryKo: '어느 연결에도 속하지 않는 문장', en: "This flow has 'connection' lines, and this line comes before the first: start a connection above it.", ko: "이 흐름에는 'connection' 줄이 있는데 이 줄은 첫 'connection' 줄보다 앞에 있습니다. 이 줄 위에서 연결을 시작합니다." },
  TF190: { category: 'syntax', severity: 'hint', summary: "'>' read as '->'", summaryKo: "'>'를 '->'로 읽음", en: "'>' is read as '->'.", ko: "'>'는 '->'로 읽습니다." },
  TF191: { category: 'syntax', severity: 'hint', summary: "leading 'TCP' ignored", summaryKo: "앞의 'TCP'는 무시됨", en: "The leading 'TCP' is not needed and is ignored.", ko: "앞의 'TCP'는 필요 없으며 무시됩니다." },

  TF200: { category: 'sending', severity: 'error', summary: 'segment the sender cannot send', summaryKo: '보내는 쪽이 보낼 수 없는 세그먼트', rfc: 'RFC 9293 §3.10', en: '{name} cannot send {flags} in {state}: {reason}.', ko: '{name}은(는) {state} 상태에서 {flags}을(를) 보낼 수 없습니다: {reason}.' },
  TF201: { category: 'sending', severity: 'error', summary: 'call not possible in this state', summaryKo: '이 상태에서 할 수 없는 호출', rfc: 'RFC 9293 §3.10.1–§3.10.5', en: '{name} cannot {call} in {state}.', ko: '{name}은(는) {state} 상태에서 {call}할 수 없습니다.' },
  TF202: { category: 'sending', severity: 'error', summary: 'ACK flag missing', summaryKo: 'ACK 플래그 빠짐', rfc: 'RFC 9293 §3.1, §3.10.7.4 (fifth step)', en: 'Once a connection is synchronized every segment but a RST carries ACK, and a receiver drops one without it; {name} is {state}.', ko: '연결이 동기화된 뒤에는 RST를 뺀 모든 세그먼트에 ACK가 붙으며, 받는 쪽은 ACK 없는 세그먼트를 버립니다. {name}은(는) {state} 상태입니다.' },
  TF203: { category: 'sending', severity: 'error', summary: 'flags a TCP never combines', summaryKo: 'TCP가 함께 보내지 않는 플래그', rfc: 'RFC 9293 §3.10', en: 'A TCP never sends {flags} together.', ko: 'TCP는 {flags}을(를) 함께 보내지 않습니다.' },
  TF204: { category: 'sending', severity: 'error', summary: 'state of a raw participant', summaryKo: 'raw 참여자의 상태', en: "'{name}' is raw: it has no TCP state.", ko: "'{name}'은(는) raw 참여자라 TCP 상태가 없습니다." },
  TF205: { category: 'sending', severity: 'error', summary: 'SYN option on another segment', summaryKo: '다른 세그먼트에 붙은 SYN 옵션', rfc: 'RFC 9293 §3.2, RFC 2018 §2, RFC 7323 §2.2, RFC 7413 §4.1.1', en: '`{field}` is sent only on a SYN or SYN+ACK ({rfc}): a real TCP never puts it on another segment.', ko: '`{field}`은(는) SYN이나 SYN+ACK에만 보냅니다({rfc}). 실제 TCP는 다른 세그먼트에 붙이지 않습니다.' },
  TF206: { category: 'sending', severity: 'error', summary: 'SYN+ACK option the SYN did not offer', summaryKo: 'SYN이 제안하지 않은 SYN+ACK 옵션', rfc: 'RFC 2018 §2, RFC 7323 §1.3, RFC 7413 §4.2.1', en: 'A SYN+ACK carries `{field}` only when the SYN it answers carried it ({rfc}), and this one did not.', ko: 'SYN+ACK는 답하는 SYN에 `{field}`이(가) 있을 때만 그것을 담습니다({rfc}). 이 SYN에는 없었습니다.' },
  TF207: { category: 'sending', severity: 'error', summary: 'SACK not permitted on this connection', summaryKo: '이 연결에서 허용되지 않은 SACK', rfc: 'RFC 2018 §2', en: 'SACK blocks are sent only when both SYNs carried sackOK, and {who} did not offer it.', ko: 'SACK 블록은 두 SYN 모두에 sackOK가 있을 때만 보냅니다. {who}은(는) 이를 제안하지 않았습니다.' },
  TF208: { category: 'sending', severity: 'error', summary: 'too many SACK blocks', summaryKo: 'SACK 블록이 너무 많음', rfc: 'RFC 2018 §3', en: '{count} SACK blocks do not fit the 40 octets of TCP options: at most {max}{ts}.', ko: 'SACK 블록 {count}개는 40옥텟의 TCP 옵션 공간에 들어가지 않습니다. {tsKo}최대 {max}개입니다.' },
  TF209: { category: 'sending', severity: 'error', summary: 'timestamp missing', summaryKo: '빠진 타임스탬프', rfc: 'RFC 7323 §3.2', en: 'Both SYNs carried timestamps, so every segment but a RST carries ts= (and ecr=); {name} sends this one without.', ko: '두 SYN 모두 타임스탬프를 담았으므로 RST를 뺀 모든 세그먼트에 ts=(와 ecr=)가 붙습니다. {name}은(는) 이 세그먼트를 타임스탬프 없이 보냅니다.' },
  TF210: { category: 'sending', severity: 'error', summary: 'reuses a four-tuple still in use', summaryKo: '아직 쓰이는 주소·포트 쌍을 재사용', rfc: 'RFC 9293 §3.10.1', en: "'{name}' cannot reuse {old}'s four-tuple: {who} is still {state} there, and a host opens a four-tuple only when its old connection is in TIME_WAIT or CLOSED.", ko: "'{name}'은(는) {old}의 주소·포트 쌍을 재사용할 수 없습니다. {who}이(가) 그 연결에서 아직 {state} 상태이며, 호스트는 이전 연결이 TIME_WAIT나 CLOSED일 때만 같은 주소·포트 쌍을 엽니다." },
  TF211: { category: 'sending', severity: 'error', summary: 'reuses a connection already reused', summaryKo: '이미 재사용된 연결을 재사용', rfc: 'RFC 9293 §3.10.1', en: "{name}'s four-tuple was already reused by {by} on line {line}: reuse {by}.", ko: "{name}의 주소·포트 쌍은 이미 {line}행에서 {by}이(가) 재사용했습니다. {by}을(를) 재사용합니다." },
  TF212: { category: 'sending', severity: 'error', summary: 'returns to a connection whose four-tuple was reused', summaryKo: '주소·포트 쌍이 재사용된 연결로 돌아감', rfc: 'RFC 9293 §3.10.1', en: "{name} ended when {by} reused its four-tuple on line {line}: its segments now belong to {by}.", ko: "{name}은(는) {line}행에서 {by}이(가) 주소·포트 쌍을 재사용했을 때 끝났습니다. 이제 그 세그먼트는 {by}에 속합니다." },

  TF213: { category: 'sending', severity: 'error', summary: 'own TIME_WAIT reused without timestamps', summaryKo: '타임스탬프 없이 자기 TIME_WAIT 재사용', rfc: 'Linux tcp_twsk_unique (net/ipv4/tcp_ipv4.c)', en: "{name} opens {connection} on the four-tuple its own TIME_WAIT holds, but that connection used no timestamps: Linux lets a host take over its own TIME_WAIT only when the old connection kept timestamps (tcp_twsk_unique, with net.ipv4.tcp_tw_reuse), so connect() fails and no SYN is sent.", ko: '{name}이(가) 자기 TIME_WAIT가 쥔 주소·포트 쌍으로 {connection}을(를) 엽니다. 그런데 그 연결은 타임스탬프를 쓰지 않았습니다. Linux는 이전 연결이 타임스탬프를 쓴 경우에만 자기 TIME_WAIT를 넘겨받게 하므로(tcp_twsk_unique, net.ipv4.tcp_tw_reuse) connect()가 실패하고 SYN은 나가지 않습니다.' },
  TF214: { category: 'sending', severity: 'error', summary: 'an endpoint forging a segment', summaryKo: '세그먼트를 위조하는 끝점', rfc: 'RFC 5961 §1', en: "{name} is an endpoint of this connection: a forged segment (`… as {as} -> …`) is sent by a third party, a name that is not one of the two endpoints (`Attacker as {as} -> …`).", ko: "{name}은(는) 이 연결의 끝점입니다. 위조한 세그먼트(`… as {as} -> …`)는 두 끝점이 아닌 제3자가 보냅니다(`Attacker as {as} -> …`)." },
  TF300: { category: 'receiving', severity: 'error', summary: 'the receiver owes another answer', summaryKo: '받는 쪽이 먼저 보내야 할 답', rfc: 'RFC 9293 §3.10.7', en: '{name} must first answer line {line} with {answer}: {reason}.', ko: '{name}은(는) 먼저 {line}행에 {answer}(으)로 답해야 합니다: {reason}.' },
  TF301: { category: 'receiving', severity: 'information', summary: 'segment dropped by the receiver', summaryKo: '받는 쪽이 버리는 세그먼트', rfc: 'RFC 9293 §3.10.7', en: '{name} drops this segment: {reason}.', ko: '{name}은(는) 이 세그먼트를 버립니다: {reason}.' },

  TF302: { category: 'receiving', severity: 'error', summary: 'arrival of an unknown label', summaryKo: '알 수 없는 이름표의 도착', rfc: 'RFC 9293 §3.10.7', en: "No segment labelled '{label}' has been sent before this line{detail}.", ko: "이 줄 앞에서 '{label}' 이름표를 단 세그먼트를 보낸 적이 없습니다{detail}." },
  TF303: { category: 'receiving', severity: 'warning', summary: 'inferred segment judged wrong', summaryKo: '추정한 세그먼트의 오류', rfc: 'RFC 9293 §3.10', en: 'Inferred segment (not in the capture, its fields are a guess): {message}', ko: '추정한 세그먼트입니다(캡처에 없어 필드는 추측입니다): {message}' },

  TF400: { category: 'numbers', severity: 'error', summary: 'seq ahead of what the sender uses', summaryKo: '보내는 쪽이 쓰는 번호보다 앞선 seq', rfc: 'RFC 9293 §3.4, §3.10.2', en: 'seq={got} is ahead of {expected}: {why}.', ko: 'seq={got}은(는) {expected}보다 앞섭니다: {why}.' },
  TF401: { category: 'numbers', severity: 'warning', summary: 'retransmission although nothing was lost', summaryKo: '잃은 것이 없는데 재전송', rfc: 'RFC 9293 §3.8.1', en: "seq={got} is below {name}'s next sequence number {expected}: a retransmission, but nothing was lost.", ko: 'seq={got}은(는) {name}의 다음 순서 번호 {expected}보다 작습니다. 재전송인데 잃어버린 것이 없습니다.' },
  TF402: { category: 'numbers', severity: 'error', summary: 'ack beyond what was received', summaryKo: '받은 것보다 큰 ack', rfc: 'RFC 9293 §3.4, §3.10.7.4', en: 'ack={got} acknowledges more than {name} has received: {why}.', ko: 'ack={got}은(는) {name}이(가) 받은 것보다 많이 확인합니다: {why}.' },
  TF403: { category: 'numbers', severity: 'error', summary: 'ack behind what was received', summaryKo: '받은 것보다 뒤처진 ack', rfc: 'RFC 9293 §3.4, §3.10.7.4', en: 'ack={got} is behind what {name} has received: {why}.', ko: 'ack={got}은(는) {name}이(가) 받은 것보다 뒤처집니다: {why}.' },
  TF404: { category: 'numbers', severity: 'warning', summary: 'ack number without ACK flag', summaryKo: 'ACK 플래그 없는 ack 번호', rfc: 'RFC 9293 §3.1', en: 'ack= is ignored without the ACK flag.', ko: 'ACK 플래그가 없으면 ack=는 무시됩니다.' },
  TF405: { category: 'numbers', severity: 'warning', summary: 'numbers that do not compare', summaryKo: '비교할 수 없는 번호', en: '{field}={got} cannot be compared with {expected}: they use different symbols.', ko: '{field}={got}은(는) {expected}와(과) 비교할 수 없습니다. 서로 다른 기호를 씁니다.' },
  TF406: { category: 'numbers', severity: 'error', summary: 'wrong RST', summaryKo: '잘못된 RST', rfc: 'RFC 9293 §3.10.7.1–§3.10.7.4', en: 'The RST answering line {line} is `{expected}`, not `{got}` ({rule}).', ko: '{line}행에 답하는 RST는 `{got}`이(가) 아니라 `{expected}`입니다({ruleKo}).' },
  TF407: { category: 'numbers', severity: 'error', summary: 'retransmission with other octets', summaryKo: '다른 옥텟을 담은 재전송', rfc: 'RFC 9293 §3.8.1, RFC 1122 §4.2.2.15', en: 'seq={got} is a retransmission ({name} already sent up to {next}), but {detail}: a retransmission repeats the same octets at the same numbers (it may add new ones after them).', ko: 'seq={got}은(는) 재전송입니다({name}은(는) 이미 {next}까지 보냈습니다). 그런데 {detailKo}. 재전송은 같은 번호에 같은 옥텟을 다시 보냅니다(그 뒤에 새 옥텟을 덧붙일 수는 있습니다).' },
  TF408: { category: 'numbers', severity: 'error', summary: 'seq behind what the sender uses', summaryKo: '보내는 쪽이 쓰는 번호보다 뒤처진 seq', rfc: 'RFC 9293 §3.4, §3.10.7.4', en: 'seq={got} is behind {expected}: {why}.', ko: 'seq={got}은(는) {expected}보다 뒤처집니다: {why}.' },
  TF409: { category: 'numbers', severity: 'error', summary: 'data beyond the receive window', summaryKo: '수신 윈도 밖의 데이터', rfc: 'RFC 9293 §3.8.6, §3.10.2', en: "{name} may send only up to {limit}: {peer} advertised a window of {wnd} octets from {una} (SND.UNA + SND.WND), and this segment runs to {end}.", ko: '{name}은(는) {limit}까지만 보낼 수 있습니다. {peer}이(가) {una}부터 {wnd}옥텟의 윈도를 알렸는데(SND.UNA + SND.WND) 이 세그먼트는 {end}까지 갑니다.' },
  TF410: { category: 'numbers', severity: 'error', summary: "ack of another connection's numbers", summaryKo: '다른 연결의 번호를 쓰는 ack', rfc: 'RFC 9293 §3.10.7.3, §3.10.7.4', en: "ack={got} uses another connection's numbers, where {expected} is expected: {name} in {state} cannot relate it to what it sent, finds it unacceptable and answers with a RST.", ko: '`ack={got}`: 다른 연결의 번호를 씁니다(`ack={expected}`여야 합니다). {state}인 {name}은(는) 보낸 것과 맞춰 볼 수 없어 받아들일 수 없으므로 RST로 답합니다.' },
  TF415: { category: 'numbers', severity: 'error', summary: 'SACK of data never received', summaryKo: '받지 않은 데이터의 SACK', rfc: 'RFC 2018 §3, §4', en: 'The SACK block {left}:{right} reports data {name} does not hold out of order: nothing at {from}…{to} arrived above RCV.NXT ({rcvNxt}). A SACK block covers only data received and queued after a gap.', ko: 'SACK 블록 {left}:{right}은(는) {name}이(가) 순서 밖으로 갖고 있지 않은 데이터를 알립니다. {from}…{to}에는 RCV.NXT({rcvNxt}) 위로 도착한 것이 없습니다. SACK 블록은 빈틈 뒤에 받아 둔 데이터만 알립니다.' },
  TF416: { category: 'numbers', severity: 'error', summary: 'empty SACK block', summaryKo: '빈 SACK 블록', rfc: 'RFC 2018 §3', en: 'The SACK block {left}:{right} is empty or reversed: its right edge is the number after its last octet, above the left edge.', ko: 'SACK 블록 {left}:{right}이(가) 비었거나 거꾸로입니다. 오른쪽 끝은 마지막 옥텟 다음 번호로, 왼쪽 끝보다 큽니다.' },
  TF417: { category: 'numbers', severity: 'warning', summary: 'ecr echoes no TSval received', summaryKo: '받은 적 없는 TSval을 반사하는 ecr', rfc: 'RFC 7323 §3.2, §4.3', en: 'ecr={ecr} echoes no TSval {name} has received (the last was {last}): TSecr repeats a timestamp of the peer.', ko: 'ecr={ecr}은(는) {name}이(가) 받은 어떤 TSval도 아닙니다(마지막은 {lastKo}). TSecr은 상대의 타임스탬프를 되돌려 보냅니다.' },
  TF418: { category: 'numbers', severity: 'error', summary: 'TSval going backwards', summaryKo: '거꾸로 가는 TSval', rfc: 'RFC 7323 §5.4', en: "ts={ts} is earlier than {name}'s previous TSval {last}: a sender's timestamp clock never runs backwards.", ko: 'ts={ts}은(는) {name}의 이전 TSval {last}보다 이릅니다. 보내는 쪽의 타임스탬프 시계는 거꾸로 가지 않습니다.' },
  TF419: { category: 'numbers', severity: 'warning', summary: 'ecr on a segment without ACK', summaryKo: 'ACK 없는 세그먼트의 ecr', rfc: 'RFC 7323 §3.2', en: 'ecr={ecr} on a segment without ACK: TSecr is valid only with ACK, and a sender sets it to 0 without (Linux does, on its SYN).', ko: 'ACK 없는 세그먼트의 ecr={ecr}입니다. TSecr은 ACK가 있을 때만 유효하며, 없으면 0으로 보냅니다(Linux는 SYN에 그렇게 보냅니다).' },
  TF420: { category: 'numbers', severity: 'error', summary: "SYN+ACK's ecr older than the SYN", summaryKo: 'SYN보다 오래된 SYN+ACK의 ecr', rfc: 'RFC 7323 §3.2; Linux tcp_rcv_synsent_state_process', en: "ecr={ecr} is older than the TSval {ts} of {name}'s SYN: a SYN+ACK echoes the SYN's TSval, and Linux answers one whose TSecr is not between its SYN's TSval and now with a RST, staying in SYN_SENT.", ko: 'ecr={ecr}은(는) {name}의 SYN이 보낸 TSval {ts}보다 오래되었습니다. SYN+ACK는 SYN의 TSval을 되돌려 보내며, Linux는 TSecr이 자기 SYN의 TSval과 지금 사이에 있지 않은 SYN+ACK에 RST로 답하고 SYN_SENT에 머뭅니다.' },

  TF500: { category: 'assertions', severity: 'error', summary: 'wrong state claim', summaryKo: '틀린 상태 주장', rfc: 'RFC 9293 §3.3.2', en: '{name} is {actual} here, not {claimed}: {history}.', ko: '{name}은(는) 여기서 {claimed}이(가) 아니라 {actual} 상태입니다: {history}.' },

  TF600: { category: 'end', severity: 'information', summary: 'answer still owed at the end', summaryKo: '끝까지 보내지 않은 답', en: 'At the end, {name} still owes {answer} for line {line}.', ko: '끝에서 {name}은(는) 아직 {line}행에 대한 {answer}을(를) 보내지 않았습니다.' },
  TF601: { category: 'end', severity: 'information', summary: 'unacknowledged at the end', summaryKo: '끝까지 확인되지 않은 것', en: "At the end, {name}'s {what} is not acknowledged.", ko: '끝에서 {name}의 {what}이(가) 아직 확인(ACK)되지 않았습니다.' },
  TF602: { category: 'end', severity: 'information', summary: 'segment still in flight at the end', summaryKo: '끝까지 도착하지 않은 세그먼트', en: "At the end, the segment labelled '{label}' is still in flight: {name} has not received it.", ko: "끝에서 '{label}' 이름표를 단 세그먼트는 아직 가는 중입니다. {name}은(는) 이를 받지 않았습니다." },

  TF700: { category: 'teaching', severity: 'information', summary: 'TIME_WAIT duration claim', summaryKo: 'TIME_WAIT 길이 주장', en: 'TIME_WAIT lasts 2×MSL: 240 s with RFC 9293\'s nominal MSL of 2 minutes, but Linux uses a fixed 60 s and FreeBSD 60 s.', ko: 'TIME_WAIT는 2×MSL입니다. RFC 9293의 명목 MSL 2분이면 240초지만, Linux는 고정 60초, FreeBSD는 60초입니다.' },
  TF701: { category: 'teaching', severity: 'information', summary: 'ack = seq + 1 for data', summaryKo: '데이터에 ack = seq + 1', en: 'For data, ack = seq + length ({len}); only SYN and FIN take one sequence number.', ko: '데이터에는 ack = seq + 길이({len})입니다. 순서 번호를 하나 쓰는 것은 SYN과 FIN뿐입니다.' },
  TF702: { category: 'teaching', severity: 'information', summary: 'CLOSE_WAIT on the side that closed first', summaryKo: '먼저 닫은 쪽의 CLOSE_WAIT', en: 'CLOSE_WAIT belongs to the side that receives the first FIN; {name} sent it, so it goes through FIN_WAIT_1/2 and TIME_WAIT.', ko: 'CLOSE_WAIT는 먼저 FIN을 받은 쪽의 상태입니다. {name}은(는) FIN을 보냈으므로 FIN_WAIT_1/2와 TIME_WAIT를 거칩니다.' },
  TF703: { category: 'teaching', severity: 'information', summary: 'TIME_WAIT not over yet', summaryKo: '아직 끝나지 않은 TIME_WAIT', en: '{name} stays in TIME_WAIT {left} longer: 2×MSL is {total} for the {profile} stack.', ko: '{name}은(는) TIME_WAIT에 {left} 더 머뭅니다. {profile} 스택의 2×MSL은 {total}입니다.' },
  TF704: { category: 'teaching', severity: 'information', summary: 'TIME_WAIT length on real stacks', summaryKo: '실제 스택의 TIME_WAIT 길이', en: 'TIME_WAIT ends after 2×MSL = {total} here; Linux keeps it a fixed 60 s.', ko: '여기서 TIME_WAIT는 2×MSL = {total} 뒤에 끝납니다. Linux는 고정 60초입니다.' },
  TF705: { category: 'teaching', severity: 'information', summary: 'RST in TIME_WAIT differs between stacks', summaryKo: '스택마다 다른 TIME_WAIT의 RST', en: 'RFC 9293 closes on this RST; RFC 1337 and FreeBSD keep TIME_WAIT ({profile} stack: {state}).', ko: 'RFC 9293에서는 이 RST로 닫히지만 RFC 1337과 FreeBSD는 TIME_WAIT를 유지합니다({profile} 스택: {state}).' },
  TF706: { category: 'teaching', severity: 'information', summary: 'Fast Open cookie issued before the flow', summaryKo: '흐름 전에 발급된 Fast Open 쿠키', rfc: 'RFC 7413 §4.1.2', en: "{name} never issued the cookie '{cookie}' in this flow: it is taken as issued on an earlier connection.", ko: "{name}은(는) 이 흐름에서 쿠키 '{cookie}'을(를) 발급하지 않았습니다. 이전 연결에서 발급한 것으로 봅니다." },
  TF707: { category: 'teaching', severity: 'information', summary: 'data on a SYN without Fast Open', summaryKo: 'Fast Open 없이 SYN에 실은 데이터', rfc: 'RFC 7413 §4.2.2, RFC 9293 §3.10.7.2', en: 'A SYN+ACK acknowledges the data on a SYN only with TCP Fast Open (`stack linux fastopen` and a cookie on the SYN), and here {why}: it acknowledges the SYN alone, and the client sends the data again.', ko: 'SYN+ACK는 TCP Fast Open일 때만(`stack linux fastopen`과 SYN의 쿠키) SYN에 실린 데이터를 확인하는데, 여기서는 {whyKo}. SYN만 확인하고 클라이언트가 데이터를 다시 보냅니다.' },
  TF708: { category: 'teaching', severity: 'information', summary: 'cookie without Fast Open', summaryKo: 'Fast Open 없는 쿠키', rfc: 'RFC 7413 §4', en: "The {profile} stack here has no Fast Open, so the cookie option is ignored; write `stack linux fastopen` (or freebsd) for TCP Fast Open.", ko: '여기서 {profile} 스택은 Fast Open이 없으므로 쿠키 옵션은 무시됩니다. TCP Fast Open을 쓰려면 `stack linux fastopen`(또는 freebsd)을 씁니다.' },

  TF900: { category: 'limits', severity: 'warning', summary: 'document too large to check', summaryKo: '검사하기에 너무 큰 문서', en: 'This document has {size} characters; tcpflow checks and draws documents of up to {limit} characters, so it is not checked.', ko: '이 문서는 {size}자입니다. tcpflow는 {limit}자까지의 문서만 검사하고 그리므로 이 문서는 검사하지 않습니다.' },
  TF901: { category: 'limits', severity: 'information', summary: 'more diagnostics than are shown', summaryKo: '보이지 않는 진단이 더 있음', en: '{count} more diagnostics are not shown ({errors} errors, {warnings} warnings): tcpflow shows at most {max} per document, the errors first.', ko: '진단 {count}개를 더 표시하지 않았습니다(오류 {errors}개, 경고 {warnings}개). tcpflow는 문서마다 오류부터 최대 {max}개를 표시합니다.' },
} as const satisfies Record<string, CodeInfo>;

export type Code = keyof typeof CODES;

export type Args = Readonly<Record<string, string | number>>;

export function fill(template: string, args: Args): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in args ? String(args[k]) : m));
}

/**
 * Korean text may come in `<key>Ko` arguments (a reason, say); they replace `<key>` in Korean.
 * The particles after the filled-in names are then chosen by how each name ends (korean.ts).
 */
export function messageFor(code: Code, args: Args, lang: Lang): string {
  const info: CodeInfo = CODES[code];
  if (lang === 'en') return fill(info.en, args);
  const ko: Record<string, string | number> = { ...args };
  for (const [k, v] of Object.entries(args)) if (k.endsWith('Ko')) ko[k.slice(0, -2)] = v;
  return particles(fill(info.ko, ko));
}
