/**
 * Reading the CLI's inputs: files and directories (searched for .tcpflow and .md files), and
 * the flows inside them — a .tcpflow file is one flow, a Markdown file one per ```tcpflow block.
 */

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findTcpflowBlocks } from '../core/index.js';
import { UsageError } from './args.js';

export interface Flow {
  readonly text: string;
  /** Added to every line number: where the flow starts in its file. */
  readonly lineOffset: number;
}

export interface InputFile {
  readonly path: string;
  readonly text: string;
  readonly flows: readonly Flow[];
}

const isMarkdown = (p: string): boolean => /\.(md|markdown)$/i.test(p);

export function expandPaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new UsageError(`cannot read '${p}': no such file or directory`);
    }
    if (!st.isDirectory()) {
      out.push(p);
      continue;
    }
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir).sort()) {
        if (name.startsWith('.') || name === 'node_modules') continue;
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.tcpflow$/i.test(name) || isMarkdown(name)) out.push(full);
      }
    };
    walk(p);
  }
  return out;
}

export function readInput(path: string): InputFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read '${path}': ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (!isMarkdown(path)) return { path, text, flows: [{ text, lineOffset: 0 }] };
  return { path, text, flows: findTcpflowBlocks(text).map((b) => ({ text: b.content, lineOffset: b.startLine })) };
}
