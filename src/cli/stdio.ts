/**
 * The process's standard output and error as the CLI's Io, written with writeSync on file
 * descriptors 1 and 2 (no stream, so no asynchronous 'error' event and no stack trace). Output
 * is buffered in 64 KiB pieces and flushed before anything goes to standard error, so the two
 * keep their order on a terminal. EPIPE becomes OutputClosed, any other failure OutputFailed.
 */

import { writeSync } from 'node:fs';
import { OutputClosed, OutputFailed, type Io } from './io.js';
import { reasonOf } from './reasons.js';

const FLUSH_AT = 64 * 1024;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** All of `text` to `fd` (a non-blocking descriptor that is full is waited for). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

export function processIo(): Io {
  let pending: string[] = [];
  let size = 0;
  let broken = false;
  const flush = (): void => {
    if (size === 0 || broken) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    try {
      writeAll(1, text);
    } catch (e) {
      broken = true;
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') throw new OutputClosed();
      throw new OutputFailed(`cannot write standard output: ${reasonOf(e)}`);
    }
  };
  return {
    out(s) {
      if (broken) return;
      pending.push(s);
      size += s.length;
      if (size >= FLUSH_AT) flush();
    },
    err(s) {
      try {
        flush();
      } finally {
        try {
          writeAll(2, s);
        } catch {
          // Standard error itself cannot be written: nothing is left to tell.
        }
      }
    },
    flush,
  };
}
