/**
 * Finds ```tcpflow fenced blocks in a Markdown document, with the line where each block's
 * content starts, so diagnostics can be mapped back to the Markdown file's lines.
 */

import { tally } from '../common/work.js';

export interface FencedBlock {
  /** 0-based line of the first content line (the line after the opening fence). */
  readonly startLine: number;
  readonly content: string;
  /** The opening fence line, 0-based. */
  readonly fenceLine: number;
  /** The closing fence line, 0-based (the last line of the file if the fence is never closed). */
  readonly endLine: number;
  /** How many lines the block takes: both fences and the content (no closing fence if it is never closed). */
  readonly blockLines: number;
}

const OPEN = /^( {0,3})(`{3,}|~{3,})\s*tcpflow\b[^`]*$/;

export function findTcpflowBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split(/\r\n|\r|\n/);
  // A byte order mark before the first line is not part of it (the lines and their numbers stay as they are).
  const first = lines[0]!;
  if (first.charCodeAt(0) === 0xfeff) lines[0] = first.slice(1);
  const blocks: FencedBlock[] = [];
  let other: string | undefined; // inside another fenced block: its fence
  for (let i = 0; i < lines.length; i++) {
    tally();
    const line = lines[i]!;
    if (other !== undefined) {
      if (line.trim().startsWith(other) && line.trim().replace(/[`~]/g, '') === '') other = undefined;
      continue;
    }
    const m = OPEN.exec(line);
    if (!m) {
      const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) other = fence[1]!;
      continue;
    }
    const fence = m[2]!;
    let j = i + 1;
    const mark = fence[0] === '`' ? /`/g : /~/g;
    for (; j < lines.length; j++) {
      tally();
      const t = lines[j]!.trim();
      if (t.startsWith(fence) && t.replace(mark, '') === '') break;
    }
    blocks.push({
      fenceLine: i,
      startLine: i + 1,
      endLine: Math.min(j, lines.length - 1),
      blockLines: Math.min(j + 1, lines.length) - i,
      content: lines.slice(i + 1, j).join('\n'),
    });
    i = j;
  }
  return blocks;
}
