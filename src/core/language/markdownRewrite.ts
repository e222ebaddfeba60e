/**
 * The Markdown-block rewrite: each ```tcpflow block of a note (fences included, however many
 * lines it has, closed or not) replaced by a ```mermaid block of its diagram, the rest of the note
 * kept. The CLI's `render --format markdown` rewrites every block; the editor's "Convert tcpflow
 * Block to Mermaid" one block, with the same fence text.
 */

import { findTcpflowBlocks, type FencedBlock } from './markdown.js';

/** A ```mermaid block holding `mermaid` (its trailing blank lines dropped), without a final newline. */
export function mermaidFence(mermaid: string): string {
  return `\`\`\`mermaid\n${mermaid.trimEnd()}\n\`\`\``;
}

/**
 * `markdown` with the blocks `which` picks (all by default) replaced by `mermaidFence(render(content))`.
 * Everything else is the note's own text, byte for byte: its line endings (`\n`, `\r\n`, `\r`), a
 * byte-order mark, control characters. A diagram's lines end as its fence line ended.
 */
export function replaceTcpflowBlocks(
  markdown: string,
  render: (content: string, block: FencedBlock) => string,
  which: (block: FencedBlock) => boolean = () => true,
): string {
  const lines = lineSpans(markdown);
  // One pass: the note's text up to each block, then its diagram (no splice per block, no copy of the note per block).
  const out: string[] = [];
  let from = 0; // the first character not written yet
  for (const block of findTcpflowBlocks(markdown)) {
    if (!which(block)) continue;
    // A block never closed runs to the end of the file: the file's final line break stays.
    const endsFile = block.fenceLine + block.blockLines === lines.count;
    const lastLine = block.fenceLine + block.blockLines - 1 - (endsFile && lines.count > 1 && lines.start(lines.count - 1) === markdown.length ? 1 : 0);
    // A byte order mark before the first fence is the note's, not the block's.
    const blockStart = block.fenceLine === 0 && markdown.charCodeAt(0) === 0xfeff ? 1 : lines.start(block.fenceLine);
    const eol = lines.ending(block.fenceLine, markdown) || '\n';
    out.push(markdown.slice(from, blockStart));
    const fence = mermaidFence(render(block.content, block));
    out.push(eol === '\n' ? fence : fence.replace(/\n/g, eol));
    from = lines.contentEnd(lastLine, markdown);
  }
  if (from === 0) return markdown;
  out.push(markdown.slice(from));
  return out.join('');
}

/** Where each line of `text` starts (`\r\n`, `\r` and `\n` end a line, as findTcpflowBlocks counts them). */
function lineSpans(text: string): {
  count: number;
  start(line: number): number;
  contentEnd(line: number, text: string): number;
  ending(line: number, text: string): string;
} {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  const contentEnd = (line: number, t: string): number => {
    let end = line + 1 < starts.length ? starts[line + 1]! : t.length;
    if (end > starts[line]! && t.charCodeAt(end - 1) === 10) end--;
    if (end > starts[line]! && t.charCodeAt(end - 1) === 13) end--;
    return end;
  };
  return {
    count: starts.length,
    start: (line) => starts[line]!,
    contentEnd,
    ending: (line, t) => t.slice(contentEnd(line, t), line + 1 < starts.length ? starts[line + 1]! : t.length),
  };
}
