/**
 * tcpflow-cli: the checker, renderer and explainer from a command line, for notes in CI.
 *   tcpflow-cli check   [--format text|json] [--lang en|ko] [--stack NAME] <files or dirs…>
 *   tcpflow-cli render  [--format mermaid|markdown] [--no-states] [--stack NAME] <file>
 *   tcpflow-cli explain [--format text|json] [--stack NAME] <file>
 *   tcpflow-cli import  [--connection N|ADDR:PORT] [--names A,B] [--relative] [--collapse] [--stack NAME] [--list] [-o FILE] <capture>
 * Exit codes: 0 no errors, 1 the flows have errors, 2 usage or I/O problems (an input that could
 * not be read, too large, a bad argument; 2 wins over 1). `-` reads standard input.
 */

import { check, explain, messageOf, PROFILES, toMermaid, type Lang, type ProfileName } from '../core/index.js';
import { parseArgs, UsageError, type OptionSpec } from './args.js';
import { runImport } from './import.js';
import { expandPaths, InputError, readInput, readSingleInput, type InputFile, type InputProblem } from './inputs.js';
import { markdownText } from './markdownText.js';

const VERSION = '0.1.0';
const stack = [...PROFILES];
const SPECS: Record<string, OptionSpec> = {
  check: { format: ['text', 'json'], lang: ['en', 'ko'], stack },
  render: { format: ['mermaid', 'markdown'], 'no-states': true, stack },
  explain: { format: ['text', 'json'], stack },
  import: { connection: [], names: [], relative: true, collapse: true, stack, list: true, output: [] },
};

const USAGE = `usage:
  tcpflow-cli check   [--format text|json] [--lang en|ko] [--stack ${stack.join('|')}] <files or directories…>
  tcpflow-cli render  [--format mermaid|markdown] [--no-states] [--stack …] <file>
  tcpflow-cli explain [--format text|json] [--stack …] <file>
  tcpflow-cli import  [--connection N|ADDR:PORT] [--names A,B] [--relative] [--collapse] [--stack …] [--list] [-o FILE] <pcap, pcapng or tcpdump text>
exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem (an input not read); '-' reads standard input`;

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

export function run(argv: readonly string[], io: Io): number {
  try {
    if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (argv[0] === '--version') {
      io.out(`${VERSION}\n`);
      return 0;
    }
    const args = parseArgs(argv, SPECS);
    const opts = args.options['stack'] ? { stack: args.options['stack'] as ProfileName } : {};
    switch (args.command) {
      case 'check':
        return runCheck(args.files, (args.options['format'] as string) ?? 'text', (args.options['lang'] as Lang) ?? 'en', opts, io);
      case 'import':
        return runImport(args.files, args.options, io);
      case 'render':
        return runRender(single(args.files), (args.options['format'] as string) ?? 'mermaid', !args.options['no-states'], opts, io);
      default:
        return runExplain(single(args.files), (args.options['format'] as string) ?? 'text', opts, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`tcpflow-cli: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function single(files: readonly string[]): string {
  if (files.length !== 1) throw new UsageError(`expected exactly one file, got ${files.length}`);
  return files[0]!;
}

function runCheck(paths: readonly string[], format: string, lang: Lang, opts: { stack?: ProfileName }, io: Io): number {
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
      check(flow.text, opts).diagnostics.map((d) => ({
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
    const unread = problems.length ? `; ${problems.length} could not be read` : '';
    io.err(`${files.length} file(s) checked, ${errors} error(s), ${count - errors} other diagnostic(s)${unread}\n`);
  }
  // An input that could not be read makes the run incomplete: 2 wins over 1.
  return problems.length > 0 ? 2 : errors > 0 ? 1 : 0;
}

function reportProblems(problems: readonly InputProblem[], io: Io): void {
  for (const p of problems) io.err(`tcpflow-cli: cannot read '${p.path}': ${p.reason}\n`);
}

function runRender(path: string, format: string, showStates: boolean, opts: { stack?: ProfileName }, io: Io): number {
  const input = readSingleInput(path);
  if (input.flows.length === 0) throw new UsageError(`'${path}' has no \`\`\`tcpflow block`);
  if (format === 'mermaid') {
    if (input.flows.length > 1) io.err(`tcpflow-cli: '${path}' has ${input.flows.length} tcpflow blocks; rendering the first\n`);
    io.out(toMermaid(check(input.flows[0]!.text, opts), { showStates }).text);
    return 0;
  }
  if (input.flows[0]!.block) {
    // Replace each ```tcpflow block (fences included, however many lines it has) by a ```mermaid block, keeping the rest of the note.
    const lines = input.text.split(/\r\n|\r|\n/);
    const flows = [...input.flows].reverse();
    for (const flow of flows) {
      const mermaid = toMermaid(check(flow.text, opts), { showStates }).text.trimEnd().split('\n');
      const { fenceLine, lines: count } = flow.block!;
      // A block never closed runs to the end of the file: the file's final newline stays.
      const keepLast = fenceLine + count === lines.length && lines[lines.length - 1] === '' ? 1 : 0;
      lines.splice(fenceLine, count - keepLast, '```mermaid', ...mermaid, '```');
    }
    io.out(lines.join('\n'));
    return 0;
  }
  const result = check(input.flows[0]!.text, opts);
  const title = result.document.statements.find((s) => s.kind === 'title');
  // The title is the user's text: escaped, so it stays plain text in the note.
  const heading = markdownText(title?.kind === 'title' ? title.text : input.path) || markdownText(input.path);
  io.out(`# ${heading}\n\n\`\`\`mermaid\n${toMermaid(result, { showStates }).text}\`\`\`\n`);
  return 0;
}

function runExplain(path: string, format: string, opts: { stack?: ProfileName }, io: Io): number {
  const input = readSingleInput(path);
  const flow = input.flows[0];
  if (!flow) throw new UsageError(`'${path}' has no \`\`\`tcpflow block`);
  const result = check(flow.text, opts);
  const ex = explain(result, flow.text.split(/\r\n|\r|\n/));
  if (format === 'json') {
    io.out(`${JSON.stringify({ participants: ex.participants, stack: ex.stack, steps: ex.steps.map((s) => ({ ...s, line: s.line + flow.lineOffset })), final: ex.final }, null, 2)}\n`);
  } else {
    const names = ex.participants.map((p) => p.name);
    io.out(`stack: ${ex.stack}; participants: ${ex.participants.map((p) => `${p.name} (${p.role}, starts ${p.initial})`).join(', ')}\n`);
    for (const s of ex.steps) {
      const states = names.map((n) => `${n}=${s.states[n] ?? '?'}`).join('  ');
      io.out(`${String(s.line + flow.lineOffset).padStart(4)}  ${s.source.padEnd(48)}  ${states}${s.changes.length ? `   (${s.changes.join('; ')})` : ''}\n`);
    }
    io.out(`final: ${names.map((n) => `${n}=${ex.final[n]}`).join('  ')}\n`);
  }
  return 0;
}
