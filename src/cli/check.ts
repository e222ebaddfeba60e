/**
 * `tcpflow-cli check`: every .tcpflow file and every ```tcpflow block of the Markdown files given
 * (directories searched), diagnostics as `file:line:col: severity code: message` or JSON; each
 * input that cannot be read is named, and the others are still checked. Each file is read,
 * checked and written out before the next is read (memory for one file, not for the run); text
 * from the files (names, quoted words) has its control characters made visible (visible.ts).
 */

import { diagnosticsWith, messageOf, T, type CheckSettings, type Lang } from '../core/index.js';
import { UsageError } from './args.js';
import { expandPaths, InputError, readInput, type InputFile, type InputProblem } from './inputs.js';
import type { Io } from './io.js';
import { jsonText, line } from './visible.js';

interface Finding {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

/** `text` indented by `by` spaces after each line break (and before the first line when `first`). */
const indent = (text: string, by: number, first = true): string => {
  const pad = ' '.repeat(by);
  return `${first ? pad : ''}${text.replace(/\n/g, `\n${pad}`)}`;
};

/**
 * Writes the report a file at a time, as `JSON.stringify({ files, unreadable? }, null, 2)`
 * would (the same text), without holding every file's diagnostics.
 */
class JsonReport {
  private files = 0;
  constructor(private readonly io: Io) {
    io.out('{\n  "files": [');
  }
  file(path: string, findings: Iterable<Finding>): void {
    this.io.out(`${this.files++ > 0 ? ',' : ''}\n    {\n      "path": ${jsonText(path)},\n      "diagnostics": [`);
    let n = 0;
    for (const f of findings) this.io.out(`${n++ > 0 ? ',' : ''}\n${indent(jsonText(f), 8)}`);
    this.io.out(`${n > 0 ? '\n      ' : ''}]\n    }`);
  }
  end(problems: readonly InputProblem[]): void {
    this.io.out(`${this.files > 0 ? '\n  ' : ''}]`);
    if (problems.length > 0) this.io.out(`,\n  "unreadable": ${indent(jsonText(problems), 2, false)}`);
    this.io.out('\n}\n');
  }
}

export function runCheck(paths: readonly string[], format: string, lang: Lang, opts: CheckSettings, io: Io): number {
  if (paths.length === 0) throw new UsageError('check needs at least one file or directory');
  // Every readable file is checked; each entry that cannot be read is named (exit 2 at the end).
  const { files: names, problems } = expandPaths(paths);
  const json = format === 'json' ? new JsonReport(io) : undefined;
  let checked = 0;
  let errors = 0;
  let count = 0;
  for (const name of names) {
    let f: InputFile;
    try {
      f = readInput(name);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push({ path: e.path, reason: e.reason });
      continue;
    }
    checked++;
    const findings: Finding[] = [];
    for (const flow of f.flows) {
      // Only the diagnostics are wanted: no syntax tree, no per-step trace (a fraction of the memory and time of a long flow).
      for (const d of diagnosticsWith(flow.text, opts, flow.lineOffset)) {
        const finding: Finding = {
          line: d.range.start.line + flow.lineOffset + 1,
          column: d.range.start.character + 1,
          endLine: d.range.end.line + flow.lineOffset + 1,
          endColumn: d.range.end.character + 1,
          severity: d.severity,
          code: d.code,
          message: messageOf(d, lang),
        };
        count++;
        if (d.severity === 'error') errors++;
        if (json) findings.push(finding);
        else io.out(line(`${f.path}:${finding.line}:${finding.column}: ${finding.severity} ${finding.code}: ${finding.message}`));
      }
    }
    json?.file(f.path, findings);
  }
  json?.end(problems);
  for (const p of problems) io.err(line(`tcpflow-cli: cannot read '${p.path}': ${p.reason}`));
  if (!json && (checked > 0 || problems.length === 0)) {
    const unread = problems.length ? T(`; ${problems.length} could not be read`, `, 읽지 못한 입력 ${problems.length}개`)[lang] : '';
    io.err(
      `${T(`${checked} file(s) checked, ${errors} error(s), ${count - errors} other diagnostic(s)`, `파일 ${checked}개 검사: 오류 ${errors}개, 다른 진단 ${count - errors}개`)[lang]}${unread}\n`,
    );
  }
  // An input that could not be read makes the run incomplete: 2 wins over 1.
  return problems.length > 0 ? 2 : errors > 0 ? 1 : 0;
}
