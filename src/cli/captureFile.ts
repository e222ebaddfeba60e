/**
 * Capture files for `tcpflow-cli import`: a pcap or pcapng file is read a record at a time
 * through its file descriptor (bounded memory whatever its size); tcpdump text is read whole.
 */

import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { captureFormat, notACapture, type ByteSource, type CaptureInput } from '../capture/index.js';
import { UsageError } from './args.js';

/** Text bigger than this is not something anyone pasted. */
const MAX_TEXT = 256 * 1024 * 1024;

export interface OpenCapture {
  readonly input: CaptureInput;
  close(): void;
}

export function openCapture(path: string): OpenCapture {
  if (path === '-') return { input: { text: readFileSync(0, 'utf8') }, close: () => undefined };
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new UsageError(`cannot read '${path}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
  }
  const size = fstatSync(fd).size;
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw new UsageError(`cannot read '${path}': it is a directory`);
  }
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
  const text = Buffer.from(source.read(0, size)).toString('utf8');
  close();
  return { input: { text }, close: () => undefined };
}
