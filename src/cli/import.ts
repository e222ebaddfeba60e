/**
 * `tcpflow-cli import <capture> [--connection N|ADDR:PORT] [--names A,B] [--relative]
 * [--collapse] [--stack NAME] [--list] [-o FILE]`: one connection of a capture as a .tcpflow
 * document, checked on the way out (a summary goes to stderr).
 */

import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { CaptureError, importCapture, listConnections, parseChoice } from '../capture/index.js';
import { CALLS, check, STATEMENT_KEYWORDS, type ProfileName } from '../core/index.js';
import { UsageError } from './args.js';
import { openCapture } from './captureFile.js';
import type { Io } from './main.js';

const NAME = /^\p{L}[\p{L}\p{N}_]*$/u;
/** Words a name may not be: the language's keywords. */
const RESERVED = new Set<string>([...STATEMENT_KEYWORDS, ...CALLS, 'as', 'state', 'raw', 'is']);

export function runImport(files: readonly string[], options: Readonly<Record<string, string | true>>, io: Io): number {
  if (files.length !== 1) throw new UsageError(`import needs exactly one capture file, got ${files.length}`);
  const path = files[0]!;
  const connection = options['connection'] === undefined ? undefined : parseChoice(String(options['connection']));
  if (options['connection'] !== undefined && connection === undefined) {
    throw new UsageError(`bad value '${String(options['connection'])}' for '--connection' (expected a number from 1, ADDRESS:PORT or :PORT)`);
  }
  const names = options['names'] === undefined ? undefined : parseNames(String(options['names']));
  const capture = openCapture(path);
  try {
    if (options['list']) {
      const { connections, warnings } = listConnections(capture.input);
      for (const w of warnings) io.err(`tcpflow-cli: warning: ${w}\n`);
      for (const c of connections) io.out(`${String(c.index).padStart(4)}  ${c.a} → ${c.b}  ${c.segments} segment${c.segments === 1 ? '' : 's'}${c.opened ? '' : '  (no handshake)'}\n`);
      return 0;
    }
    const result = importCapture(capture.input, {
      ...(connection !== undefined ? { connection } : {}),
      ...(names ? { names } : {}),
      relative: options['relative'] === true,
      collapse: options['collapse'] === true,
      ...(options['stack'] ? { stack: String(options['stack']) } : {}),
      source: path === '-' ? 'standard input' : basename(path),
    });
    for (const w of result.warnings) io.err(`tcpflow-cli: warning: ${w}\n`);
    const output = options['output'];
    if (typeof output === 'string') {
      try {
        writeFileSync(output, result.text);
      } catch (e) {
        throw new UsageError(`cannot write '${output}': ${(e as Error).message}`);
      }
    } else io.out(result.text);
    const stack = options['stack'] ? { stack: String(options['stack']) as ProfileName } : {};
    const errors = check(result.text, stack).diagnostics.filter((d) => d.severity === 'error').length;
    const more = result.connections.length > 1 ? ` (the capture holds ${result.connections.length}; --list shows them)` : '';
    io.err(`imported connection ${result.chosen.index}${more}: ${result.chosen.a} → ${result.chosen.b}, ${result.chosen.segments} segments; ${errors === 0 ? 'the flow checks with no errors' : `the flow has ${errors} error(s): tcpflow-cli check shows them`}\n`);
    return 0;
  } catch (e) {
    if (e instanceof CaptureError) throw new UsageError(`${path === '-' ? 'standard input' : path}: ${e.message}`);
    throw e;
  } finally {
    capture.close();
  }
}

function parseNames(text: string): [string, string] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== 2 || parts[0] === parts[1]) throw new UsageError(`bad value '${text}' for '--names' (expected two different names: Client,Server)`);
  for (const p of parts) {
    if (!NAME.test(p) || RESERVED.has(p)) throw new UsageError(`bad name '${p}' in '--names': a name starts with a letter and holds letters, digits and _ (and is not a keyword)`);
  }
  return [parts[0]!, parts[1]!];
}
