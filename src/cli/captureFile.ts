/**
 * Capture files for `tcpflow-cli import`: a pcap or pcapng file is read a record at a time
 * through its file descriptor (bounded memory whatever its size); tcpdump text is read whole,
 * as UTF-8. Standard input (`-`) is read up to 256 MiB and, like a file, recognised by its
 * first bytes (pcap in either byte order, µs or ns; pcapng; else tcpdump text).
 */

import { closeSync, fstatSync, readSync } from 'node:fs';
import { captureFormat, memorySource, notACapture, type ByteSource, type CaptureInput } from '../capture/index.js';
import { UsageError } from './args.js';
import { NotRegular, openRegular, readFd, readHead, TooLarge } from './readBounded.js';
import { reasonOf } from './reasons.js';
import { decodeUtf8, NotUtf8 } from './utf8.js';

/** Text bigger than this is not something anyone pasted. */
const MAX_TEXT = 256 * 1024 * 1024;
/** Standard input is held in memory: up to 256 MiB (a larger capture is read from its file). */
const MAX_STDIN = 256 * 1024 * 1024;

const text = (bytes: Uint8Array, shown: string): string => {
  try {
    return decodeUtf8(bytes);
  } catch (e) {
    if (e instanceof NotUtf8) throw new UsageError(`${shown}: ${e.message}`);
    throw e;
  }
};

/** Standard input: its first bytes say what it is before the rest is read (`< /dev/zero` stops at once). */
function readStdin(): CaptureInput {
  const shown = 'standard input';
  let bytes: Buffer;
  try {
    const head = readHead(0, 4096);
    const problem = notACapture(head, head.length);
    if (problem) throw new UsageError(`${shown}: ${problem.replace('the file', 'it')}`);
    bytes = head.length < 4096 ? head : Buffer.concat([head, readFd(0, MAX_STDIN - head.length)]);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if (e instanceof TooLarge)
      throw new UsageError(
        `cannot read ${shown}: too large (more than 256 MiB: tcpflow-cli reads a capture on standard input up to 256 MiB; name the file instead, which is read a record at a time)`,
      );
    throw new UsageError(`cannot read ${shown}: ${reasonOf(e)}`);
  }
  return captureFormat(bytes) === 'text' ? { text: text(bytes, shown) } : { bytes: memorySource(bytes) };
}

export interface OpenCapture {
  readonly input: CaptureInput;
  close(): void;
}

export function openCapture(path: string): OpenCapture {
  if (path === '-') return { input: readStdin(), close: () => undefined };
  let fd: number;
  try {
    fd = openRegular(path); // a FIFO or a socket is refused, never opened for a blocking read
  } catch (e) {
    throw new UsageError(`cannot read '${path}': ${e instanceof NotRegular ? e.message : reasonOf(e)}`);
  }
  const size = fstatSync(fd).size;
  const source: ByteSource = {
    size,
    read(offset, length) {
      const n = Math.max(0, Math.min(length, size - offset));
      const buf = Buffer.alloc(n);
      let got = 0;
      while (got < n) {
        const r = readSync(fd, buf, got, n - got, offset + got);
        if (r === 0) break;
        got += r;
      }
      return buf.subarray(0, got);
    },
    readInto(offset, into) {
      let got = 0;
      while (got < into.length) {
        const r = readSync(fd, into, got, into.length - got, offset + got);
        if (r === 0) break;
        got += r;
      }
      return got;
    },
  };
  const close = (): void => closeSync(fd);
  const head = source.read(0, 4096);
  const problem = notACapture(head, size);
  if (problem) {
    close();
    throw new UsageError(`${path}: ${problem}`);
  }
  if (captureFormat(head) !== 'text') return { input: { bytes: source }, close };
  if (size > MAX_TEXT) {
    close();
    throw new UsageError(`'${path}' is neither a pcap nor a pcapng file, and too big (${size} bytes) to be tcpdump text`);
  }
  try {
    return { input: { text: text(source.read(0, size), path) }, close: () => undefined };
  } finally {
    close();
  }
}
