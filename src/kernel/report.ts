/**
 * A kernel run as people read it: each line of the flow with what the kernel did (agrees, sent
 * something else and which field, sent nothing, sent more), a summary, and the same as JSON.
 */

import type { LineResult, RunResult } from './runner.js';

export interface Summary {
  readonly agree: number;
  readonly disagree: number;
  readonly notJudged: number;
  /** Segments the kernel sent that no line took. */
  readonly extra: number;
  /** The kernel's final state differs from the one the flow (as the checker reads it) ends in. */
  readonly finalDiffers: boolean;
}

export function summary(r: RunResult): Summary {
  let agree = 0;
  let disagree = 0;
  let notJudged = 0;
  let extra = 0;
  for (const l of r.lines) {
    if (l.verdict === 'agrees') agree++;
    if (l.verdict === 'differs' || l.verdict === 'nothing') disagree++;
    if (l.verdict === 'not-judged' && l.who === 'kernel') notJudged++;
    extra += l.extras.length;
  }
  return {
    agree,
    disagree,
    notJudged,
    extra,
    finalDiffers: r.final.kernel !== r.final.checker && !r.lines.some((l) => l.verdict === 'not-judged' && l.who === 'other'),
  };
}

/** Every line agrees and the kernel sent nothing more. */
export function allAgree(r: RunResult): boolean {
  const s = summary(r);
  return s.disagree === 0 && s.extra === 0 && !r.cancelled;
}

/** What the kernel did on one line, in a few words. */
export function verdictText(l: LineResult): string {
  switch (l.verdict) {
    case 'agrees':
      return 'agrees';
    case 'differs':
      return `differs: ${(l.differences ?? []).map((d) => `${d.field} ${d.flow} → the kernel ${d.kernel}`).join('; ')}`;
    case 'nothing':
      return 'the kernel sent nothing';
    case 'sent':
      return 'sent by tcpflow';
    case 'lost':
      return 'not sent (lost on purpose)';
    case 'done':
      return l.note ?? 'done';
    default:
      return `not judged${l.note ? `: ${l.note}` : ''}`;
  }
}

/** The last line of the report: `2 lines agree, 0 disagree, 0 segments sent more`. */
export function summaryText(r: RunResult): string {
  const s = summary(r);
  return `${r.cancelled ? 'cancelled: ' : ''}${s.agree} line${s.agree === 1 ? '' : 's'} agree, ${s.disagree} disagree, ${s.extra} segment${s.extra === 1 ? '' : 's'} sent more${s.notJudged ? `, ${s.notJudged} not judged` : ''}`;
}

/** Who played whom, where: the report's first line after the file name. */
export function headingText(r: RunResult): string {
  return `Linux ${r.kernelRelease} played ${r.kernel}; tcpflow played ${r.tcpflow} (10.77.0.1:${r.ports.kernel} ↔ 10.77.0.2:${r.ports.tcpflow}, in a private network namespace)`;
}

export function textReport(r: RunResult, file: string): string {
  const out: string[] = [];
  out.push(`${file}: ${headingText(r)}`);
  for (const n of r.notes) out.push(`  note: ${n}`);
  const width = Math.min(
    56,
    r.lines.reduce((w, l) => Math.max(w, l.source.trim().length), 10),
  );
  for (const l of r.lines) {
    const mark = l.verdict === 'agrees' ? '✓' : l.verdict === 'differs' || l.verdict === 'nothing' ? '✗' : ' ';
    out.push(`${String(l.line + 1).padStart(4)} ${mark} ${l.source.trim().padEnd(width)}  ${verdictText(l)}`);
    if (l.verdict === 'differs' && l.kernelSent && l.who === 'kernel' && l.differences?.some((d) => d.field !== 'state'))
      out.push(`${' '.repeat(7)}the kernel sent: ${l.kernelSent}`);
    if (l.note && l.verdict !== 'done' && l.verdict !== 'not-judged') out.push(`${' '.repeat(7)}(${l.note})`);
    for (const e of l.extras) out.push(`${' '.repeat(7)}+ the kernel sent more: ${e}`);
  }
  const s = summary(r);
  out.push(`the kernel ended in ${r.final.kernel}; the flow ends it in ${r.final.checker}${s.finalDiffers ? ' ✗' : ''}`);
  out.push(summaryText(r));
  return `${out.join('\n')}\n`;
}

export function jsonReport(r: RunResult, file: string): unknown {
  const s = summary(r);
  return {
    file,
    kernelRelease: r.kernelRelease,
    kernelPlays: r.kernel,
    tcpflowPlays: r.tcpflow,
    notes: r.notes,
    lines: r.lines.map((l) => ({
      line: l.line + 1,
      source: l.source.trim(),
      who: l.who,
      verdict: l.verdict,
      ...(l.differences ? { differences: l.differences } : {}),
      ...(l.kernelSent ? { kernelSent: l.kernelSent } : {}),
      ...(l.extras.length ? { sentMore: l.extras } : {}),
      ...(l.note ? { note: l.note } : {}),
    })),
    final: r.final,
    summary: s,
    agrees: allAgree(r),
    cancelled: r.cancelled,
  };
}
