/**
 * Finds ```tcpflow fenced blocks in a Markdown document, with the line where each block's
 * content starts, so diagnostics can be mapped back to the Markdown file's lines.
 */

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
  const blocks: FencedBlock[] = [];
  let other: string | undefined; // inside another fenced block: its fence
  for (let i = 0; i < lines.length; i++) {
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
    while (j < lines.length && !(lines[j]!.trim().startsWith(fence) && lines[j]!.trim().replace(fence[0] === '`' ? /`/g : /~/g, '') === '')) j++;
    blocks.push({ fenceLine: i, startLine: i + 1, endLine: Math.min(j, lines.length - 1), blockLines: Math.min(j + 1, lines.length) - i, content: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return blocks;
}
