/**
 * `tcpflow-cli render`: the Mermaid text of a flow (`--format mermaid`), a Markdown note with each
 * ```tcpflow block replaced by a ```mermaid block (`markdown`), the slide file (`html`) or one SVG
 * per step (`svg`). Every format but svg goes to `-o FILE` when given (never one of the inputs,
 * written whole or not at all: outputFile.ts), else to standard output; svg writes into `-o DIR`.
 * A document is the author's text byte for byte, except on a terminal, where its control
 * characters are made visible (visible.ts) so a note cannot clear the screen or set the title.
 */

import { checkWith, replaceTcpflowBlocks, toMermaidIn, type CheckResult, type CheckSettings, type DrawSettings, type Lang } from '../core/index.js';
import { UsageError } from './args.js';
import { readSingleInput } from './inputs.js';
import type { Io } from './io.js';
import { markdownText } from './markdownText.js';
import { refuseInputAsOutput, writeOutputFile } from './outputFile.js';
import { reasonOf } from './reasons.js';
import { slideFile, writeStepSvgs } from './slides.js';
import { line, visibleDocument } from './visible.js';

/** The document to -o FILE or to standard output as it is; to a terminal with its control characters made visible. */
function emit(text: string, output: string | undefined, io: Io): void {
  if (output !== undefined) writeOutputFile(output, text);
  else io.out(io.terminal === true ? visibleDocument(text) : text);
}

/** `draw`: `--no-states` and `--show-options`, as the editor's `tcpflow.preview.*` settings. */
export function runRender(path: string, format: string, draw: DrawSettings, lang: Lang, output: string | undefined, opts: CheckSettings, io: Io): number {
  if (output !== undefined) refuseInputAsOutput(output, [path]);
  const render = (result: CheckResult): string => toMermaidIn(result, draw, lang).text;
  const input = readSingleInput(path);
  if (input.flows.length === 0) throw new UsageError(`'${input.path}' has no \`\`\`tcpflow block`);
  if (format === 'mermaid') {
    if (input.flows.length > 1) io.err(line(`tcpflow-cli: '${input.path}' has ${input.flows.length} tcpflow blocks; rendering the first`));
    emit(render(checkWith(input.flows[0]!.text, opts)), output, io);
    return 0;
  }
  if (input.flows[0]!.block) {
    // Each ```tcpflow block becomes a ```mermaid block; the rest of the note is kept.
    emit(
      replaceTcpflowBlocks(input.text, (content) => render(checkWith(content, opts))),
      output,
      io,
    );
    return 0;
  }
  const result = checkWith(input.flows[0]!.text, opts);
  const title = result.document.statements.find((s) => s.kind === 'title');
  // The title is the user's text: escaped, so it stays plain text in the note.
  const heading = markdownText(title?.kind === 'title' ? title.text : input.path) || markdownText(input.path);
  emit(`# ${heading}\n\n\`\`\`mermaid\n${render(result)}\`\`\`\n`, output, io);
  return 0;
}

/** The slide file (to -o FILE or stdout), or one SVG per step (into -o DIR, as the browser draws them: later). */
export function runSlides(path: string, format: 'html' | 'svg', lang: Lang, output: string | undefined, opts: CheckSettings, io: Io): number | Promise<number> {
  // svg's -o is a folder, never an input (naming a file there is refused as "not a directory").
  if (output !== undefined && format === 'html') refuseInputAsOutput(output, [path]);
  const input = readSingleInput(path);
  const flow = input.flows[0];
  if (!flow) throw new UsageError(`'${input.path}' has no \`\`\`tcpflow block`);
  if (input.flows.length > 1) io.err(line(`tcpflow-cli: '${input.path}' has ${input.flows.length} tcpflow blocks; presenting the first`));
  const result = checkWith(flow.text, opts, flow.lineOffset);
  if (format === 'svg') {
    if (!output) throw new UsageError('--format svg needs -o DIR (it writes step-000.svg, step-001.svg, … there)');
    return writeStepSvgs(result, path, lang, output).then(
      (names) => {
        io.err(line(`wrote ${names.length} SVG files to ${output} (${names[0]} is the start, ${names[names.length - 1]} the last step)`));
        return 0;
      },
      (e: unknown) => {
        if (e instanceof UsageError) throw e;
        throw new UsageError(`cannot write into '${output}': ${reasonOf(e)}`);
      },
    );
  }
  emit(slideFile(result, path, lang, { lineOffset: flow.lineOffset }), output, io);
  return 0;
}
