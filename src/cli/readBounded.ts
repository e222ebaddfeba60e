/**
 * Reading one input with a size limit: a regular file larger than the limit is refused before
 * it is read, and a device, pipe or standard input is read only up to the limit (`/dev/zero`
 * or an endless pipe gets a clear error instead of a hang).
 */

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The largest input the CLI reads: 16 MiB (about 360,000 segments of `.tcpflow` text). */
const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export class TooLarge extends Error {}

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

export function readPathBounded(path: string, limit = MAX_INPUT_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readFd(fd, limit);
  } finally {
    closeSync(fd);
  }
}

const mib = (n: number): string => `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

function tooLargeText(size: number | undefined, limit: number): string {
  return size === undefined ? `more than ${mib(limit)}: tcpflow-cli reads inputs up to ${mib(limit)}` : `${mib(size)}: tcpflow-cli reads inputs up to ${mib(limit)}`;
}
