/**
 * `tcpflow-cli explain`: both endpoints' states after each line, as text or JSON (with the
 * sequence variables). The source lines are the user's: their control characters are made
 * visible (visible.ts), in JSON too.
 */

import { checkWith, explain, T, type CheckSettings, type Lang } from '../core/index.js';
import { UsageError } from './args.js';
import { readSingleInput } from './inputs.js';
import type { Io } from './io.js';
import { jsonText, line, visible } from './visible.js';

const WORDS = { stack: T('stack', '스택'), participants: T('participants', '참여자'), starts: T('starts', '시작 상태'), final: T('final', '최종') };

export function runExplain(path: string, format: string, lang: Lang, opts: CheckSettings, io: Io): number {
  const input = readSingleInput(path);
  const flow = input.flows[0];
  if (!flow) throw new UsageError(`'${input.path}' has no \`\`\`tcpflow block`);
  const result = checkWith(flow.text, opts);
  const ex = explain(result, flow.text.split(/\r\n|\r|\n/));
  if (format === 'json') {
    io.out(
      `${jsonText({ participants: ex.participants, stack: ex.stack, steps: ex.steps.map((s) => ({ ...s, line: s.line + flow.lineOffset })), final: ex.final })}\n`,
    );
  } else {
    const names = ex.participants.map((p) => p.name);
    const w = (k: keyof typeof WORDS): string => WORDS[k][lang];
    io.out(
      line(`${w('stack')}: ${ex.stack}; ${w('participants')}: ${ex.participants.map((p) => `${p.name} (${p.role}, ${w('starts')} ${p.initial})`).join(', ')}`),
    );
    for (const s of ex.steps) {
      const states = `${s.connection ? `${s.connection}: ` : ''}${names.map((n) => `${n}=${s.states[n] ?? '?'}`).join('  ')}`;
      io.out(
        line(
          `${String(s.line + flow.lineOffset).padStart(4)}  ${visible(s.source).padEnd(48)}  ${states}${s.changes.length ? `   (${s.changes.join('; ')})` : ''}`,
        ),
      );
    }
    io.out(line(`${w('final')}: ${names.map((n) => `${n}=${ex.final[n]}`).join('  ')}`));
  }
  return 0;
}
