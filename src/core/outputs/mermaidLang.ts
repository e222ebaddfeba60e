/**
 * The Mermaid diagram in the reader's language. The generator (mermaid.ts) writes a few words of
 * its own besides what the author wrote: the crossing block's label, the long-flow window note,
 * `wait` notes, "(no flags)", Fast Open's "data delivered", and the words of arrivals ("d1 sent", "(sent ↑ line 7)",
 * "(duplicate)", "(not captured)"). In Korean they are replaced here — only where the generator
 * wrote them (located through its element list, never by searching the author's text).
 */

import type { CheckResult } from '../checker/check.js';
import type { Lang } from '../common/diagnosticCodes.js';
import { ARRIVAL_WORDS, CROSSING_LABEL, FAST_OPEN_NOTE, toMermaid, type MermaidOptions, type MermaidOutput } from './mermaid.js';

const KO = {
  crossing: '엇갈려 전송 중',
  noFlags: '(플래그 없음)',
  wait: '대기',
  window: (from: number, to: number): string => `긴 흐름의 ${from}–${to}행만 보여 줍니다`,
  sent: '보냄',
  sentAt: (line: string): string => `(↑ ${line}행에서 보냄)`,
  duplicate: '(중복)',
  notCaptured: '(캡처에 없음)',
  forgedAs: (endpoint: string): string => `(${endpoint}의 주소로 위조)`,
  fastOpen: 'SYN_RECEIVED, 데이터 전달됨',
};

const MESSAGE = /^\s*P\d+(?:-->>|--x|->>|-x)P\d+: /;
/** The generator's words at the end of a message: not captured, forged as an endpoint, sent on line N, duplicate (each optional, in this order). */
const MESSAGE_END = new RegExp(
  `( ${esc(ARRIVAL_WORDS.notCaptured)})?( ${esc(ARRIVAL_WORDS.forgedAs('\u0000')).replace('\u0000', '([^)]*)')})?( ${esc(ARRIVAL_WORDS.sentAt(0)).replace('0', '(\\d+)')})?( ${esc(ARRIVAL_WORDS.duplicate)})?$`,
);
const SENT_NOTE = new RegExp(`^(\\s*Note over P\\d+: .*) ${esc(ARRIVAL_WORDS.sent('').trim())}$`);

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function toMermaidIn(result: CheckResult, options: MermaidOptions, lang: Lang): MermaidOutput {
  const out = toMermaid(result, options);
  if (lang === 'en') return out;
  const waits = new Set(result.document.statements.filter((s) => s.kind === 'wait').map((s) => s.line));
  const fastOpen = new Set(result.simulation.steps.filter((s) => s.segment?.sent.fastOpen === 'accepted').map((s) => s.line));
  const sentLines = new Set(result.simulation.steps.filter((s) => s.segment?.label !== undefined).map((s) => s.line));
  const win = options.lineWindow;
  let element = 0;
  const lines = out.text.split('\n').map((line) => {
    if (line.trim() === `par ${CROSSING_LABEL}`) return line.replace(CROSSING_LABEL, KO.crossing);
    const isNote = line.trimStart().startsWith('Note ');
    const isMessage = !isNote && MESSAGE.test(line);
    if (!isNote && !isMessage) return line;
    const e = out.elements[element++];
    // After the colon, the connection's name (`c2#58; `) when the flow has several.
    if (isMessage) {
      return line
        .replace(/: ((?:[\p{L}][\p{L}\p{N}_]*#58; )?)\(no flags\)( |$)/u, `: $1${KO.noFlags}$2`)
        .replace(
          MESSAGE_END,
          (
            _m,
            nc: string | undefined,
            forged: string | undefined,
            as: string | undefined,
            sentAt: string | undefined,
            n: string | undefined,
            dup: string | undefined,
          ) =>
            [
              nc ? ` ${KO.notCaptured}` : '',
              forged && as !== undefined ? ` ${KO.forgedAs(as)}` : '',
              sentAt && n ? ` ${KO.sentAt(n)}` : '',
              dup ? ` ${KO.duplicate}` : '',
            ].join(''),
        );
    }
    if (e && sentLines.has(e.line)) {
      const m = SENT_NOTE.exec(line);
      if (m) return `${m[1]} ${KO.sent}`;
    }
    // The window note carries the first drawn segment's line, where no note of the author's can be.
    if (e && win && e.line === win.from) return line.replace(/: showing lines \d+–\d+ of a long flow$/, `: ${KO.window(win.from + 1, win.to + 1)}`);
    if (e && waits.has(e.line)) return line.replace(/: wait /, `: ${KO.wait} `);
    if (e && fastOpen.has(e.line) && line.endsWith(FAST_OPEN_NOTE)) return `${line.slice(0, -FAST_OPEN_NOTE.length)}${KO.fastOpen}`;
    return line;
  });
  return { text: lines.join('\n'), elements: out.elements };
}
