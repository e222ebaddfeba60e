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
  for (const block of findTcpflowBlocks(markdown).filter(which).reverse()) {
    // A block never closed runs to the end of the file: the file's final newline stays.
    const keepLast = block.fenceLine + block.blockLines === lines.length && lines[lines.length - 1] === '' ? 1 : 0;
    lines.splice(block.fenceLine, block.blockLines - keepLast, ...mermaidFence(render(block.content, block)).split('\n'));
  }
  return lines.join('\n');
}
