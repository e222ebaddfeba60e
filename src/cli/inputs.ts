/**
 * Reading the CLI's inputs: files and directories (searched for .tcpflow and .md files), `-`
 * for standard input, and the flows inside them — a .tcpflow file is one flow, a Markdown file
 * one per ```tcpflow block. Every input is read with a size limit (readBounded.ts), as UTF-8
 * (utf8.ts), and only a regular file is read (a FIFO or a socket is named, never opened). A
 * directory entry that cannot be read (a dangling symbolic link, a loop, a folder without
 * permission, a FIFO) is named as a problem and the walk goes on.
 */

import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { findTcpflowBlocks } from '../core/index.js';
import { UsageError } from './args.js';
import { kindOf, NotRegular, readFd, readPathBounded, TooLarge } from './readBounded.js';
import { reasonOf as fsReason } from './reasons.js';
import { decodeUtf8, NotUtf8 } from './utf8.js';

export interface Flow {
  readonly text: string;
  /** Added to every line number: where the flow starts in its file. */
  readonly lineOffset: number;
  /** For a Markdown block: its opening fence line and how many lines the block takes (fences included). */
  readonly block?: { readonly fenceLine: number; readonly lines: number };
}

export interface InputFile {
  readonly path: string;
  readonly text: string;
  readonly flows: readonly Flow[];
}

/** An argument or directory entry that could not be read, and why. */
export interface InputProblem {
  readonly path: string;
  readonly reason: string;
}

/** `-` names standard input; it is shown as this. */
const STDIN = '-';
const STDIN_NAME = '<stdin>';

const isMarkdown = (p: string): boolean => /\.(md|markdown)$/i.test(p);

const reasonOf = (e: unknown): string =>
  e instanceof TooLarge ? `too large (${e.message})` : e instanceof NotRegular || e instanceof NotUtf8 ? e.message : fsReason(e);

/** The file system calls of the directory walk (a test replaces one to make a folder fail as only a permission can). */
export const walkFs = {
  readdirSync: (dir: string): string[] => readdirSync(dir),
  realpathSync: (dir: string): string => realpathSync(dir),
  statSync: (path: string): Stats => statSync(path),
};

/** The files the arguments name, and the entries that could not be read. */
export function expandPaths(paths: readonly string[]): { files: string[]; problems: InputProblem[] } {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>(); // directories walked, by their real path: a link back up is a loop
  const walk = (dir: string): void => {
    let real: string;
    let names: string[];
    try {
      real = walkFs.realpathSync(dir);
      names = walkFs.readdirSync(dir).sort();
    } catch (e) {
      problems.push({ path: dir, reason: reasonOf(e) });
      return;
    }
    if (seen.has(real)) {
      problems.push({ path: dir, reason: 'a symbolic link loop (this folder is already being checked)' });
      return;
    }
    seen.add(real);
    for (const name of names) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const full = join(dir, name);
      const wanted = /\.tcpflow$/i.test(name) || isMarkdown(name);
      let st;
      try {
        st = walkFs.statSync(full);
      } catch (e) {
        // Only entries we would have read are worth naming (a broken link to a .tcpflow file, a loop).
        if (wanted || (e as NodeJS.ErrnoException).code === 'ELOOP')
          problems.push({ path: full, reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'a dangling symbolic link' : reasonOf(e) });
        continue;
      }
      if (st.isDirectory()) walk(full);
      // A FIFO would block the read forever, a socket cannot be opened: named, never read.
      else if (wanted && !st.isFile()) problems.push({ path: full, reason: `not a regular file: ${kindOf(st)}` });
      else if (wanted) files.push(full);
    }
  };
  for (const p of paths) {
    if (p === STDIN) {
      files.push(p);
      continue;
    }
    let st;
    try {
      st = walkFs.statSync(p);
    } catch (e) {
      problems.push({ path: p, reason: reasonOf(e) });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else if (!st.isFile()) problems.push({ path: p, reason: `not a regular file: ${kindOf(st)} (use - to read standard input)` });
    else files.push(p);
  }
  return { files, problems };
}

/** Reads one input (a path or `-`); throws InputError with the reason when it cannot. */
export class InputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot read '${path}': ${reason}`);
  }
}

export function readInput(path: string): InputFile {
  const shown = path === STDIN ? STDIN_NAME : path;
  let text: string;
  try {
    // A byte-order mark is dropped; bytes that are not UTF-8 are an error, never replaced.
    text = decodeUtf8(path === STDIN ? readFd(0) : readPathBounded(path));
  } catch (e) {
    throw new InputError(shown, reasonOf(e));
  }
  // Standard input is Markdown when it holds a ```tcpflow block (a .tcpflow flow never does).
  const blocks = isMarkdown(path) || path === STDIN ? findTcpflowBlocks(text) : [];
  if (!isMarkdown(path) && blocks.length === 0) return { path: shown, text, flows: [{ text, lineOffset: 0 }] };
  return {
    path: shown,
    text,
    flows: blocks.map((b) => ({ text: b.content, lineOffset: b.startLine, block: { fenceLine: b.fenceLine, lines: b.blockLines } })),
  };
}

/** Reads one input for a command that takes one: a problem is a usage error (exit 2). */
export function readSingleInput(path: string): InputFile {
  try {
    return readInput(path);
  } catch (e) {
    if (e instanceof InputError) throw new UsageError(e.message);
    throw e;
  }
}
