/**
 * Present mode's words, in English and Korean: buttons, the step counter, the screen-reader line.
 * One dictionary: every entry is a bilingual Text (or a function giving one), picked per language
 * by presentTexts(), which also resolves Korean particles after the names they follow.
 */

import { particles, T, type Text } from '../core/pages.js';

export type PresentLang = 'en' | 'ko';

const WORDS = {
  toolbar: T('Presentation', '프레젠테이션'),
  present: T('Present', '발표'),
  presentTitle: T(
    'Present this flow step by step (→ Space ← Home End, Q quiz, R reveal, P presenter notes, Esc leaves)',
    '이 흐름을 한 단계씩 발표합니다 (→ Space ← Home End, Q 퀴즈, R 공개, P 발표자 노트, Esc 나가기)',
  ),
  prev: T('Previous step', '이전 단계'),
  next: T('Next step', '다음 단계'),
  quiz: T('Quiz', '퀴즈'),
  quizTitle: T('Quiz: hide the next state and seq/ack until revealed (Q)', '퀴즈: 공개할 때까지 다음 상태와 seq/ack를 숨깁니다 (Q)'),
  reveal: T('Reveal', '공개'),
  revealTitle: T('Reveal the answer (R)', '답을 공개합니다 (R)'),
  notes: T('Presenter notes', '발표자 노트'),
  notesTitle: T(
    'Show this step’s errors and warnings (P): keep it off on the audience’s screen',
    '이 단계의 오류와 경고를 표시합니다 (P): 청중 화면에서는 끄세요',
  ),
  exit: T('Exit', '나가기'),
  exitTitle: T('Leave present mode (Esc)', '발표 모드에서 나갑니다 (Esc)'),
  start: T('Start', '시작'),
  stepOf: (k: number, n: number) => T(`Step ${k} of ${n}`, `${n}단계 중 ${k}단계`),
  noErrors: T('No errors or warnings on this step.', '이 단계에는 오류나 경고가 없습니다.'),
  line: (n: number) => T(`line ${n}`, `${n}행`),
  hidden: T('?', '?'),
  none: T('—', '—'),
  was: (s: string) => T(`was ${s}`, `이전 ${s}`),
  guess: T('Quiz: what comes next?', '퀴즈: 다음은 무엇일까요?'),
  startSpoken: (names: string) => T(`Start: ${names}.`, `시작: ${names}.`),
  sends: (from: string, to: string, label: string, lost: boolean) =>
    T(
      `${from} sends ${label} to ${to}${lost ? ', lost on the way' : ''}.`,
      `${from}이(가) ${to}에게 ${label}을(를) 보냅니다${lost ? '. 도중에 손실됩니다' : ''}.`,
    ),
  sendsDropped: (from: string, to: string, label: string) =>
    T(
      `${from} sends ${label} to ${to}; it reaches ${to}'s host, whose kernel drops it.`,
      `${from}이(가) ${to}에게 ${label}을(를) 보냅니다. ${to}의 호스트에 닿지만 커널이 버립니다.`,
    ),
  arrivesDropped: (from: string, to: string, what: string) =>
    T(`${what} from ${from} reaches ${to}'s host, whose kernel drops it.`, `${from}이(가) 보낸 ${what}이(가) ${to}의 호스트에 닿지만 커널이 버립니다.`),
  sendsInFlight: (from: string, to: string, label: string) =>
    T(`${from} sends ${label} to ${to}; it is in flight.`, `${from}이(가) ${to}에게 ${label}을(를) 보냅니다. 아직 가는 중입니다.`),
  arrives: (from: string, to: string, what: string, lost: boolean) =>
    T(
      `${what} from ${from} ${lost ? 'is lost on the way to' : 'arrives at'} ${to}.`,
      `${from}이(가) 보낸 ${what}이(가) ${lost ? `${to}에 가는 도중에 손실됩니다` : `${to}에 도착합니다`}.`,
    ),
  does: (what: string) => T(`${what}.`, `${what}.`),
  stateSpoken: (name: string, state: string, was?: string) =>
    was ? T(`${name}: ${state}, was ${was}`, `${name}: ${state}, 이전 ${was}`) : T(`${name}: ${state}`, `${name}: ${state}`),
};

type Words = typeof WORDS;

/** The words in one language: each Text becomes a string, each function returns one. */
export type PresentTexts = {
  readonly [K in keyof Words]: Words[K] extends (...args: infer A) => Text ? (...args: A) => string : string;
};

const pick = (text: Text, lang: PresentLang): string => (lang === 'ko' ? particles(text.ko) : text.en);

/** Present mode's words in `lang`. */
export function presentTexts(lang: PresentLang): PresentTexts {
  const out: Record<string, unknown> = {};
  for (const [key, word] of Object.entries(WORDS) as [string, Text | ((...args: never[]) => Text)][]) {
    out[key] = typeof word === 'function' ? (...args: never[]) => pick(word(...args), lang) : pick(word, lang);
  }
  return out as PresentTexts;
}
