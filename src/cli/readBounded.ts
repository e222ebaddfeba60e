/**
 * Reading one input with a size limit: a regular file larger than the limit is refused before
 * it is read, and standard input (a pipe, a device) is read only up to the limit (an endless
 * pipe gets a clear error instead of a hang). A named input must be a regular file: a FIFO, a
 * socket or a device is refused without being opened for a blocking read (it is opened with
 * O_NONBLOCK and the opened descriptor is checked again, so a file swapped meanwhile is caught).
 */

import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** The largest input the CLI reads: 16 MiB (about 360,000 segments of `.tcpflow` text). */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export class TooLarge extends Error {}

/** A named input that is no regular file (what it is, in words). */
export class NotRegular extends Error {}

/** What a file system object is, for a message. */
export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

const notRegular = (st: Stats): NotRegular =>
  new NotRegular(st.isDirectory() ? 'it is a directory' : `not a regular file: ${kindOf(st)} (use - to read standard input)`);

/**
 * Opens a regular file for reading: stat first (a FIFO or socket is never opened), then open
 * without blocking and check the descriptor. Throws NotRegular, or fs's error.
 */
export function openRegular(path: string): number {
  const st = statSync(path);
  if (!st.isFile()) throw notRegular(st);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  const opened = fstatSync(fd);
  if (!opened.isFile()) {
    closeSync(fd);
    throw notRegular(opened);
  }
  return fd;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** The bytes of `fd`, at most `limit`; throws TooLarge beyond it. */
export function readFd(fd: number, limit = MAX_INPUT_BYTES): Buffer {
  const st = fstatSync(fd);
  if (st.isFile() && st.size > limit) throw new TooLarge(tooLargeText(st.size, limit));
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // A regular file in one read of its size (and one byte more, to see it grow): no copy to join chunks.
    const size = st.isFile() && total === 0 ? st.size + 1 : 1 << 20;
    const chunk = Buffer.allocUnsafe(Math.min(size, limit + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10); // a non-blocking pipe with nothing yet: wait a little
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > limit) throw new TooLarge(tooLargeText(undefined, limit));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** Up to `n` bytes from `fd` (fewer only at its end): the start of standard input, to see what it is. */
export function readHead(fd: number, n: number): Buffer {
  const buf = Buffer.alloc(n);
  let got = 0;
  while (got < n) {
    let r: number;
    try {
      r = readSync(fd, buf, got, n - got, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (r === 0) break;
    got += r;
  }
  return buf.subarray(0, got);
}

export function readPathBounded(path: string, limit = MAX_INPUT_BYTES): Buffer {
  const fd = openRegular(path);
  try {
    return readFd(fd, limit);
  } finally {
    closeSync(fd);
  }
}

const mib = (n: number): string => `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

function tooLargeText(size: number | undefined, limit: number): string {
  return size === undefined
    ? `more than ${mib(limit)}: tcpflow-cli reads inputs up to ${mib(limit)}`
    : `${mib(size)}: tcpflow-cli reads inputs up to ${mib(limit)}`;
}
