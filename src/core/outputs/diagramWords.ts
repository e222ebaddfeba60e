/**
 * The diagram's own words, in each language the reader may choose: everything the Mermaid
 * generator writes besides what the author wrote (the crossing block's label, the long-flow
 * window note, `wait` notes, "(no flags)", Fast Open's "data delivered", the words of arrivals,
 * forged and uncaptured segments, a kernel's drop and reset). The generator takes the table, so a
 * translation never reads the drawn text back.
 */

import type { Lang } from '../common/diagnosticCodes.js';

export interface DiagramWords {
  /** The label of a `par` block of segments in flight together. */
  readonly crossing: string;
  readonly noFlags: string;
  /** A `wait` note: `wait 2 s`, `wait 2×MSL`. */
  readonly wait: (amount: string) => string;
  /** The note of a long flow drawn in part (1-based lines). */
  readonly window: (from: number, to: number) => string;
  /** Where a labelled segment was sent: `d1 sent`. */
  readonly sent: (label: string) => string;
  /** Where a labelled segment arrives: `(sent ↑ line 7)`. */
  readonly sentAt: (line: number) => string;
  readonly duplicate: string;
  readonly notCaptured: string;
  readonly forgedAs: (endpoint: string) => string;
  /** Beside the server after a SYN+ACK that accepted a Fast Open SYN's data (RFC 7413). */
  readonly fastOpen: string;
  /** A segment the receiver's kernel discarded (`dropped "reason"`). */
  readonly dropped: (receiver: string, reason: string | undefined) => string;
  /** An endpoint's kernel resetting the connection (`resets "reason"`). */
  readonly resets: (reason: string | undefined) => string;
}

const EN: DiagramWords = {
  crossing: 'crossing in flight',
  noFlags: '(no flags)',
  wait: (amount) => `wait ${amount}`,
  window: (from, to) => `showing lines ${from}–${to} of a long flow`,
  sent: (label) => `${label} sent`,
  sentAt: (line) => `(sent ↑ line ${line})`,
  duplicate: '(duplicate)',
  notCaptured: '(not captured)',
  forgedAs: (endpoint) => `(forged as ${endpoint})`,
  fastOpen: 'SYN_RECEIVED, data delivered',
  dropped: (receiver, reason) => `(dropped by ${receiver}'s kernel${reason ? `: ${reason}` : ''})`,
  resets: (reason) => `kernel reset${reason ? `: ${reason}` : ''}`,
};

const KO: DiagramWords = {
  crossing: '엇갈려 전송 중',
  noFlags: '(플래그 없음)',
  wait: (amount) => `대기 ${amount}`,
  window: (from, to) => `긴 흐름의 ${from}–${to}행만 보여 줍니다`,
  sent: (label) => `${label} 보냄`,
  sentAt: (line) => `(↑ ${line}행에서 보냄)`,
  duplicate: '(중복)',
  notCaptured: '(캡처에 없음)',
  forgedAs: (endpoint) => `(${endpoint}의 주소로 위조)`,
  fastOpen: 'SYN_RECEIVED, 데이터 전달됨',
  dropped: (receiver, reason) => `(${receiver}의 커널이 버림${reason ? `: ${reason}` : ''})`,
  resets: (reason) => `커널이 재설정${reason ? `: ${reason}` : ''}`,
};

export function diagramWords(lang: Lang): DiagramWords {
  return lang === 'ko' ? KO : EN;
}
