/**
 * `tcpflow-cli check`: every .tcpflow file and every ```tcpflow block of the Markdown files given
 * (directories searched), diagnostics as `file:line:col: severity code: message` or JSON; each
 * input that cannot be read is named, and the others are still checked.
 */

import { diagnosticsWith, messageOf, T, type CheckSettings, type Lang } from '../core/index.js';
import { UsageError } from './args.js';
import { expandPaths, InputError, readInput, type InputFile, type InputProblem } from './inputs.js';
import type { Io } from './io.js';

export function runCheck(paths: readonly string[], format: string, lang: Lang, opts: CheckSettings, io: Io): number {
  if (paths.length === 0) throw new UsageError('check needs at least one file or directory');
  // Every readable file is checked; each entry that cannot be read is named (exit 2 at the end).
  const { files: names, problems } = expandPaths(paths);
  const files: InputFile[] = [];
  for (const name of names) {
    try {
      files.push(readInput(name));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push({ path: e.path, reason: e.reason });
    }
  }
  let errors = 0;
  const report = files.map((f) => {
    const diagnostics = f.flows.flatMap((flow) =>
      // Only the diagnostics are wanted: no syntax tree, no per-step trace (a fraction of the memory and time of a long flow).
      diagnosticsWith(flow.text, opts, flow.lineOffset).map((d) => ({
        line: d.range.start.line + flow.lineOffset + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + flow.lineOffset + 1,
        endColumn: d.range.end.character + 1,
        severity: d.severity,
        code: d.code,
        message: messageOf(d, lang),
      })),
    );
    errors += diagnostics.filter((d) => d.severity === 'error').length;
    return { path: f.path, diagnostics };
  });
  if (format === 'json') io.out(`${JSON.stringify({ files: report, ...(problems.length ? { unreadable: problems } : {}) }, null, 2)}\n`);
  else {
    for (const f of report) for (const d of f.diagnostics) io.out(`${f.path}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}\n`);
  }
  reportProblems(problems, io);
  if (format !== 'json' && (files.length > 0 || problems.length === 0)) {
    const count = report.reduce((n, f) => n + f.diagnostics.length, 0);
    const unread = problems.length ? T(`; ${problems.length} could not be read`, `, 읽지 못한 입력 ${problems.length}개`)[lang] : '';
    io.err(`${T(`${files.length} file(s) checked, ${errors} error(s), ${count - errors} other diagnostic(s)`, `파일 ${files.length}개 검사: 오류 ${errors}개, 다른 진단 ${count - errors}개`)[lang]}${unread}\n`);
  }
  // An input that could not be read makes the run incomplete: 2 wins over 1.
  return problems.length > 0 ? 2 : errors > 0 ? 1 : 0;
}

function reportProblems(problems: readonly InputProblem[], io: Io): void {
  for (const p of problems) io.err(`tcpflow-cli: cannot read '${p.path}': ${p.reason}\n`);
}
