/**
 * `-o FILE`: never the same file as an input (compared by device and inode, so another spelling,
 * a symbolic link or a hard link is caught), and written whole or not at all — into a temporary
 * file beside it, flushed to disk and renamed over it, so a run that fails (a full disk) leaves
 * the old file as it was and no temporary file behind. An existing file keeps its permissions,
 * and a symbolic link stays a link (its target is replaced). A device or a FIFO (`/dev/null`,
 * `/dev/stdout`) is written directly, and so is an existing file we may write in a folder we may
 * not (or one owned by another user, whose mode a new file could not keep).
 */

import {
  closeSync,
  fchmodSync,
  fstatSync,
  fsyncSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  constants,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './args.js';
import { reasonOf } from './reasons.js';

const statOrNothing = (path: string): Stats | undefined => {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot write '${path}': ${reasonOf(e)}`);
  }
};

/** Refuses (exit 2) an output that is one of the inputs (`-`: standard input, when it is a file). */
export function refuseInputAsOutput(output: string, inputs: readonly string[]): void {
  const out = statOrNothing(output);
  if (!out || !out.isFile()) return;
  for (const input of inputs) {
    let st: Stats;
    try {
      st = input === '-' ? fstatSync(0) : statSync(input);
    } catch {
      continue; // reading it will say why
    }
    if (st.dev === out.dev && st.ino === out.ino) {
      const shown = input === '-' ? 'standard input' : `the input '${input}'`;
      throw new UsageError(`-o '${output}' is ${shown} (the same file): refusing to overwrite it; choose another output file`);
    }
  }
}

function writeAll(fd: number, data: Uint8Array): void {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done);
}

/** Writes `data` over `path` in place (a device, a FIFO, or a file whose folder we may not write). */
function writeInPlace(path: string, data: Uint8Array): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    writeAll(fd, data);
  } catch (e) {
    throw new UsageError(`cannot write '${path}': ${reasonOf(e)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `text` to `output` as described above; a failure is a UsageError naming the file. */
export function writeOutputFile(output: string, text: string): void {
  const data = Buffer.from(text, 'utf8');
  const st = statOrNothing(output);
  if (st?.isDirectory()) throw new UsageError(`cannot write '${output}': it is a directory`);
  // A device or a FIFO: there is nothing to keep, and it cannot be renamed over.
  if (st && !st.isFile()) return writeInPlace(output, data);
  let target = output;
  try {
    if (st) target = realpathSync(output);
  } catch (e) {
    throw new UsageError(`cannot write '${output}': ${reasonOf(e)}`);
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  let fd: number | undefined;
  let created = false;
  try {
    try {
      fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o666);
      created = true;
      if (st) fchmodSync(fd, st.mode & 0o7777);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A file we may write in a folder we may not (or one we do not own, whose mode we could not keep): in place.
      if (st && (code === 'EACCES' || code === 'EPERM')) {
        cleanUp(fd, created ? temp : undefined);
        fd = undefined;
        return writeInPlace(output, data);
      }
      throw e;
    }
    writeAll(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (e) {
    cleanUp(fd, created ? temp : undefined);
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot write '${output}': ${reasonOf(e)}`);
  }
}

function cleanUp(fd: number | undefined, temp: string | undefined): void {
  try {
    if (fd !== undefined) closeSync(fd);
  } catch {
    // already failing
  }
  try {
    if (temp !== undefined) unlinkSync(temp);
  } catch {
    // gone already
  }
}
