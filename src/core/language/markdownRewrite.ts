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
 * `markdown` with the blocks `which` picks (all by default) replaced by `mermaidFence(render(content))`;
 * line endings become `\n`.
 */
export function replaceTcpflowBlocks(markdown: string, render: (content: string, block: FencedBlock) => string, which: (block: FencedBlock) => boolean = () => true): string {
  const lines = markdown.split(/\r\n|\r|\n/);
  // One pass: the note's lines up to each block, then its diagram (no splice per block, no spread of a diagram's lines).
  const out: string[] = [];
  let next = 0; // the first line not written yet
  for (const block of findTcpflowBlocks(markdown)) {
    if (!which(block)) continue;
    for (; next < block.fenceLine; next++) out.push(lines[next]!);
    out.push(mermaidFence(render(block.content, block)));
    // A block never closed runs to the end of the file: the file's final newline stays.
    const keepLast = block.fenceLine + block.blockLines === lines.length && lines[lines.length - 1] === '' ? 1 : 0;
    next = block.fenceLine + block.blockLines - keepLast;
  }
  for (; next < lines.length; next++) out.push(lines[next]!);
  const text = out.join('\n');
  // A byte order mark stays at the start of the note, even when the first line was a block's fence.
  return markdown.charCodeAt(0) === 0xfeff && text.charCodeAt(0) !== 0xfeff ? `\ufeff${text}` : text;
}
