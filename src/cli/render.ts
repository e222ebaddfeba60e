/**
 * `tcpflow-cli render`: the Mermaid text of a flow (`--format mermaid`), a Markdown note with each
 * ```tcpflow block replaced by a ```mermaid block (`markdown`), the slide file (`html`) or one SVG
 * per step (`svg`).
 */

import { writeFileSync } from 'node:fs';
import { checkWith, replaceTcpflowBlocks, toMermaidIn, type CheckResult, type CheckSettings, type DrawSettings, type Lang } from '../core/index.js';
import { UsageError } from './args.js';
import { readSingleInput } from './inputs.js';
import type { Io } from './io.js';
import { markdownText } from './markdownText.js';
import { slideFile, writeStepSvgs } from './slides.js';

/** `draw`: `--no-states` and `--show-options`, as the editor's `tcpflow.preview.*` settings. */
export function runRender(path: string, format: string, draw: DrawSettings, lang: Lang, opts: CheckSettings, io: Io): number {
  const render = (result: CheckResult): string => toMermaidIn(result, draw, lang).text;
  const input = readSingleInput(path);
  if (input.flows.length === 0) throw new UsageError(`'${path}' has no \`\`\`tcpflow block`);
  if (format === 'mermaid') {
    if (input.flows.length > 1) io.err(`tcpflow-cli: '${path}' has ${input.flows.length} tcpflow blocks; rendering the first\n`);
    io.out(render(checkWith(input.flows[0]!.text, opts)));
    return 0;
  }
  if (input.flows[0]!.block) {
    // Each ```tcpflow block becomes a ```mermaid block; the rest of the note is kept.
    io.out(replaceTcpflowBlocks(input.text, (content) => render(checkWith(content, opts))));
    return 0;
  }
  const result = checkWith(input.flows[0]!.text, opts);
  const title = result.document.statements.find((s) => s.kind === 'title');
  // The title is the user's text: escaped, so it stays plain text in the note.
  const heading = markdownText(title?.kind === 'title' ? title.text : input.path) || markdownText(input.path);
  io.out(`# ${heading}\n\n\`\`\`mermaid\n${render(result)}\`\`\`\n`);
  return 0;
}

/** The slide file (to -o FILE or stdout), or one SVG per step (into -o DIR, as the browser draws them: later). */
export function runSlides(path: string, format: 'html' | 'svg', lang: Lang, output: string | undefined, opts: CheckSettings, io: Io): number | Promise<number> {
  const input = readSingleInput(path);
  const flow = input.flows[0];
  if (!flow) throw new UsageError(`'${path}' has no \`\`\`tcpflow block`);
  if (input.flows.length > 1) io.err(`tcpflow-cli: '${path}' has ${input.flows.length} tcpflow blocks; presenting the first\n`);
  const result = checkWith(flow.text, opts, flow.lineOffset);
  if (format === 'svg') {
    if (!output) throw new UsageError('--format svg needs -o DIR (it writes step-000.svg, step-001.svg, … there)');
    return writeStepSvgs(result, path, lang, output).then((names) => {
      io.err(`wrote ${names.length} SVG files to ${output} (${names[0]} is the start, ${names[names.length - 1]} the last step)\n`);
      return 0;
    });
  }
  const page = slideFile(result, path, lang, { lineOffset: flow.lineOffset });
  if (!output) io.out(page);
  else {
    try {
      writeFileSync(output, page);
    } catch (e) {
      throw new UsageError(`cannot write '${output}': ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  return 0;
}
