/**
 * The Mermaid diagram in the reader's language. The generator (mermaid.ts) writes a few words of
 * its own besides what the author wrote: the crossing block's label, the long-flow window note,
 * `wait` notes and "(no flags)". In Korean they are replaced here — only where the generator
 * wrote them (located through its element list, never by searching the author's text).
 */

import type { CheckResult } from '../tcp/check.js';
import type { Lang } from '../common/diagnosticCodes.js';
import { CROSSING_LABEL, toMermaid, type MermaidOptions, type MermaidOutput } from './mermaid.js';

const KO = {
  crossing: '엇갈려 전송 중',
  noFlags: '(플래그 없음)',
  wait: '대기',
  window: (from: number, to: number): string => `긴 흐름의 ${from}–${to}행만 보여 줍니다`,
};

const MESSAGE = /^\s*P\d+(?:->>|-x)P\d+: /;

export function toMermaidIn(result: CheckResult, options: MermaidOptions, lang: Lang): MermaidOutput {
  const out = toMermaid(result, options);
  if (lang === 'en') return out;
  const waits = new Set(result.document.statements.filter((s) => s.kind === 'wait').map((s) => s.line));
  const win = options.lineWindow;
  let element = 0;
  const lines = out.text.split('\n').map((line) => {
    if (line.trim() === `par ${CROSSING_LABEL}`) return line.replace(CROSSING_LABEL, KO.crossing);
    const isNote = line.trimStart().startsWith('Note ');
    const isMessage = !isNote && MESSAGE.test(line);
    if (!isNote && !isMessage) return line;
    const e = out.elements[element++];
    // After the colon, the connection's name (`c2#58; `) when the flow has several.
    if (isMessage) return line.replace(/: ((?:[\p{L}][\p{L}\p{N}_]*#58; )?)\(no flags\)( |$)/u, `: $1${KO.noFlags}$2`);
    // The window note carries the first drawn segment's line, where no note of the author's can be.
    if (e && win && e.line === win.from) return line.replace(/: showing lines \d+–\d+ of a long flow$/, `: ${KO.window(win.from + 1, win.to + 1)}`);
    if (e && waits.has(e.line)) return line.replace(/: wait /, `: ${KO.wait} `);
    return line;
  });
  return { text: lines.join('\n'), elements: out.elements };
}
