/**
 * tcpflow-cli: the checker, renderer and explainer from a command line, for notes in CI. This
 * file reads the arguments and hands each command to its own file (check.ts, render.ts,
 * explainCommand.ts, import.ts).
 *   tcpflow-cli check   [--format text|json] [--lang en|ko] [--stack NAME] <files or dirs…>
 *   tcpflow-cli render  [--format mermaid|markdown|html|svg] [--no-states] [--show-options] [--lang en|ko] [--stack NAME] [-o FILE|DIR] <file>
 *   tcpflow-cli explain [--format text|json] [--lang en|ko] [--stack NAME] <file>
 *   tcpflow-cli import  [--connection N|ADDR:PORT|all] [--interface N|NAME] [--names A,B] [--absolute] [--collapse] [--stack NAME] [--list] [-o FILE] <capture>
 *   tcpflow-cli run     --kernel-plays NAME [--format text|json|flow|mermaid] [--max-wait S] [--stack NAME] [-o FILE] <file>   (run.ts: against this machine's Linux)
 * Without --lang, the language follows the locale (LC_ALL, then LC_MESSAGES, then LANG; `ko…` is Korean).
 * Exit codes: 0 no errors, 1 the flows have errors, 2 usage or I/O problems (an input that could
 * not be read, too large, a bad argument, output that could not be written; 2 wins over 1), and
 * 2 with `tcpflow-cli: internal error: …` for anything unexpected, never a stack trace. `-`
 * reads standard input. Every message is one line, its control characters made visible.
 */

import { DEFAULT_CHECK_SETTINGS, PROFILES, type CheckSettings, type Lang, type ProfileName } from '../core/index.js';
import { langOf } from '../shared/lang.js';
import { VERSION } from '../shared/version.js';
import { parseArgs, UsageError, type OptionSpec } from './args.js';
import { runCheck } from './check.js';
import { runExplain } from './explainCommand.js';
import { runImport } from './import.js';
import { OutputClosed, OutputFailed, type Io } from './io.js';
import { runRender, runSlides } from './render.js';
import { runKernel } from './run.js';
import { line } from './visible.js';

export type { Io } from './io.js';

const stack = [...PROFILES];
const SPECS: Record<string, OptionSpec> = {
  check: { format: ['text', 'json'], lang: ['en', 'ko'], stack },
  render: { format: ['mermaid', 'markdown', 'html', 'svg'], 'no-states': true, 'show-options': true, lang: ['en', 'ko'], stack, output: [] },
  explain: { format: ['text', 'json'], lang: ['en', 'ko'], stack },
  import: { connection: [], interface: [], names: [], relative: true, absolute: true, collapse: true, stack, list: true, output: [] },
  run: { 'kernel-plays': [], format: ['text', 'json', 'flow', 'mermaid'], 'max-wait': [], stack, output: [] },
};

const USAGE = `usage:
  tcpflow-cli check   [--format text|json] [--lang en|ko] [--stack ${stack.join('|')}] <files or directories…>
  tcpflow-cli render  [--format mermaid|markdown|html|svg] [--no-states] [--show-options] [--lang en|ko] [--stack …] [-o FILE|DIR] <file>
  tcpflow-cli explain [--format text|json] [--lang en|ko] [--stack …] <file>
  tcpflow-cli import  [--connection N|ADDR:PORT|all] [--interface N|NAME] [--names A,B] [--absolute] [--collapse] [--stack …] [--list] [-o FILE] <pcap, pcapng or tcpdump text>
  tcpflow-cli run     --kernel-plays NAME [--format text|json|flow|mermaid] [--max-wait SECONDS] [--stack …] [-o FILE] <file>   (Linux: against this machine's kernel)
without --lang: Korean when LC_ALL, LC_MESSAGES or LANG (the first one set) starts with ko
exit codes: 0 no errors, 1 errors found, 2 usage or I/O problem (an input not read); '-' reads standard input`;

/** The language of the locale, as POSIX orders its variables: LC_ALL, then LC_MESSAGES, then LANG. */
function langFromEnv(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return langOf(locale);
}

/** The exit code; a promise of it for a command that finishes later (`render --format svg`). */
export function run(argv: readonly string[], io: Io, env: Readonly<Record<string, string | undefined>> = process.env): number | Promise<number> {
  try {
    const code = dispatch(argv, io, env);
    if (typeof code !== 'number') return code.then((c) => finish(c, io)).catch((e: unknown) => failed(e, io));
    return finish(code, io);
  } catch (e) {
    return failed(e, io);
  }
}

function finish(code: number, io: Io): number {
  io.flush?.();
  return code;
}

function failed(e: unknown, io: Io): number {
  // Output into a closed pipe (`tcpflow-cli … | head`) is no error of ours: stop quietly.
  if (e instanceof OutputClosed) return 0;
  const message = e instanceof UsageError || e instanceof OutputFailed ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
  try {
    io.err(line(`tcpflow-cli: ${message}`));
  } catch {
    // Standard error cannot be written either.
  }
  return 2;
}

function dispatch(argv: readonly string[], io: Io, env: Readonly<Record<string, string | undefined>>): number | Promise<number> {
  if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (argv[0] === '--version') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const args = parseArgs(argv, SPECS);
  const opts: CheckSettings = { ...DEFAULT_CHECK_SETTINGS, ...(args.options['stack'] ? { stack: args.options['stack'] as ProfileName } : {}) };
  const lang = (args.options['lang'] as Lang | undefined) ?? langFromEnv(env);
  switch (args.command) {
    case 'check':
      return runCheck(args.files, (args.options['format'] as string) ?? 'text', lang, opts, io);
    case 'import':
      return runImport(args.files, args.options, io);
    case 'run':
      return runKernel(args.files, args.options, io);
    case 'render':
      if (args.options['format'] === 'html' || args.options['format'] === 'svg') {
        return runSlides(single(args.files), args.options['format'], lang, args.options['output'] as string | undefined, opts, io);
      }
      return runRender(
        single(args.files),
        (args.options['format'] as string) ?? 'mermaid',
        { showStates: !args.options['no-states'], showOptions: !!args.options['show-options'] },
        lang,
        args.options['output'] as string | undefined,
        opts,
        io,
      );
    default:
      return runExplain(single(args.files), (args.options['format'] as string) ?? 'text', lang, opts, io);
  }
}

function single(files: readonly string[]): string {
  if (files.length !== 1) throw new UsageError(`expected exactly one file, got ${files.length}`);
  return files[0]!;
}
