/**
 * `tcpflow-cli import <capture> [--connection N|ADDR:PORT|all] [--interface N|NAME] [--names A,B]
 * [--absolute] [--collapse] [--stack NAME] [--list] [-o FILE]`: one connection of a capture (or
 * with `all` every connection between its first connection's two hosts) as a .tcpflow document,
 * checked on the way out (a summary goes to stderr). `-o FILE` is never the capture itself and
 * is written whole or not at all (outputFile.ts).
 */

import { basename } from 'node:path';
import { CaptureError, importCapture, interfaceText, linkTypeName, listConnections, parseChoice, type InterfaceChoice } from '../capture/index.js';
import { check, isValidName, type ProfileName } from '../core/index.js';
import { UsageError } from './args.js';
import { openCapture } from './captureFile.js';
import type { Io } from './io.js';
import { refuseInputAsOutput, writeOutputFile } from './outputFile.js';
import { line } from './visible.js';

export function runImport(files: readonly string[], options: Readonly<Record<string, string | true>>, io: Io): number {
  if (files.length !== 1) throw new UsageError(`import needs exactly one capture file, got ${files.length}`);
  const path = files[0]!;
  const connection = options['connection'] === undefined ? undefined : parseChoice(String(options['connection']));
  if (options['connection'] !== undefined && connection === undefined) {
    throw new UsageError(`bad value '${String(options['connection'])}' for '--connection' (expected a number from 1, ADDRESS:PORT, :PORT or all)`);
  }
  const names = options['names'] === undefined ? undefined : parseNames(String(options['names']));
  if (options['absolute'] && options['relative']) throw new UsageError(`'--absolute' and '--relative' contradict each other (relative is the default)`);
  const iface = options['interface'] === undefined ? undefined : parseInterface(String(options['interface']));
  const output = options['output'];
  if (typeof output === 'string') refuseInputAsOutput(output, [path]);
  const write = (text: string): void => (typeof output === 'string' ? writeOutputFile(output, text) : io.out(text));
  const capture = openCapture(path);
  const progress = progressOnTerminal(path, io);
  try {
    if (options['list']) {
      const listing = listConnections(capture.input, { ...(iface !== undefined ? { interface: iface } : {}), ...progress });
      const { interfaces, warnings } = listing;
      for (const w of warnings) io.err(line(`tcpflow-cli: warning: ${w}`));
      const lines: string[] = [];
      if (interfaces.length > 1) {
        lines.push('interfaces (--interface N|NAME chooses one):');
        for (const i of interfaces) {
          const link = i.linkType >= 0 ? `  link type ${linkTypeName(i.linkType)}` : '';
          lines.push(
            `${i.read ? '*' : ' '}${String(i.index).padStart(3)}  ${i.name ?? '-'}${link}  ${i.tcpSegments} TCP segment${i.tcpSegments === 1 ? '' : 's'}${i.description ? `  ${i.description}` : ''}`,
          );
        }
        const read = interfaces.find((i) => i.read);
        lines.push(read ? `connections on ${interfaceText(read)}:` : 'no interface carried TCP');
      }
      // One line per connection, each summary made and dropped (a capture may hold millions):
      // standard output gets them 10,000 lines at a time; a file, once whole. Interface names
      // and descriptions come from the file: shown with their controls visible (line()).
      const parts: string[] = [];
      const flush = (): void => {
        const text = lines.map(line).join('');
        lines.length = 0;
        if (typeof output === 'string') parts.push(text);
        else io.out(text);
      };
      for (let i = 1; i <= listing.count; i++) {
        const c = listing.summary(i);
        lines.push(`${String(c.index).padStart(4)}  ${c.a} → ${c.b}  ${c.segments} segment${c.segments === 1 ? '' : 's'}${c.opened ? '' : '  (no handshake)'}`);
        if (lines.length === 10_000) flush();
      }
      flush();
      if (typeof output === 'string') write(parts.join(''));
      return 0;
    }
    const result = importCapture(capture.input, {
      ...(connection !== undefined ? { connection } : {}),
      ...(iface !== undefined ? { interface: iface } : {}),
      ...(names ? { names } : {}),
      relative: options['absolute'] !== true,
      collapse: options['collapse'] === true,
      ...(options['stack'] ? { stack: String(options['stack']) } : {}),
      source: path === '-' ? 'standard input' : basename(path),
      ...progress,
    });
    for (const w of result.warnings) io.err(line(`tcpflow-cli: warning: ${w}`));
    write(result.text);
    const stack = options['stack'] ? { stack: String(options['stack']) as ProfileName } : {};
    const errors = check(result.text, stack).diagnostics.filter((d) => d.severity === 'error').length;
    const more = result.connectionCount > 1 ? ` (the capture holds ${result.connectionCount}; --list shows them)` : '';
    const kept = result.notWritten.length > 0 ? `; left out: ${result.notWritten.join(', ')}` : '';
    const verdict = errors === 0 ? 'the flow checks with no errors' : `the flow has ${errors} error(s): tcpflow-cli check shows them`;
    if (result.included)
      io.err(
        line(
          `imported ${result.included.length} connection${result.included.length === 1 ? '' : 's'} of ${result.connectionCount}: ${result.participants[0].label} → ${result.participants[1].label}; ${verdict}${kept}`,
        ),
      );
    else
      io.err(
        line(
          `imported connection ${result.chosen.index}${more}: ${result.chosen.a} → ${result.chosen.b}, ${result.chosen.segments} segments; ${verdict}${kept}`,
        ),
      );
    return 0;
  } catch (e) {
    if (e instanceof CaptureError) throw new UsageError(`${path === '-' ? 'standard input' : path}: ${e.message}`);
    throw e;
  } finally {
    capture.close();
  }
}

/**
 * Progress while a big capture is read, on stderr and only when stderr is a terminal (a line
 * redrawn in place, cleared at the end); nothing in a pipe or a file.
 */
function progressOnTerminal(path: string, io: Io): { progress?: (read: number, size: number) => void } {
  if (process.stderr.isTTY !== true) return {};
  let shown = -1;
  const name = (path === '-' ? 'standard input' : basename(path)).replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return {
    progress(read, size) {
      const share = size > 0 ? Math.floor((100 * read) / size) : 100;
      if (share === shown) return;
      shown = share;
      io.err(share >= 100 ? '\r\x1b[K' : `\rtcpflow-cli: reading ${name}: ${share} % (${(read / 1e6).toFixed(0)} of ${(size / 1e6).toFixed(0)} MB)\x1b[K`);
    },
  };
}

function parseInterface(text: string): InterfaceChoice {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === '' || text.length > 64) throw new UsageError(`bad value '${text}' for '--interface' (expected an interface number from 0, or its name)`);
  return text;
}

function parseNames(text: string): [string, string] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== 2 || parts[0] === parts[1]) throw new UsageError(`bad value '${text}' for '--names' (expected two different names: Client,Server)`);
  for (const p of parts) {
    if (!isValidName(p))
      throw new UsageError(`bad name '${p}' in '--names': a name starts with a letter and holds letters, digits and _ (and is not a keyword)`);
  }
  return [parts[0]!, parts[1]!];
}
