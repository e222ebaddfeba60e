/**
 * Text the CLI reads is UTF-8: a leading byte-order mark is dropped (it is no character of the
 * text), and a byte that is not valid UTF-8 is an error naming where it is — never replaced by
 * U+FFFD, which would silently change the author's text.
 */

import { isUtf8 } from 'node:buffer';

export class NotUtf8 extends Error {
  constructor(
    readonly offset: number,
    readonly lineNumber: number,
    readonly byte: number,
  ) {
    super(
      `not UTF-8 text: byte 0x${byte.toString(16).padStart(2, '0')} at line ${lineNumber} (byte offset ${offset}) is not valid UTF-8; save the file as UTF-8`,
    );
  }
}

const BOM = [0xef, 0xbb, 0xbf];

/** The text of `bytes`: the BOM left out; throws NotUtf8 at the first invalid sequence. */
export function decodeUtf8(bytes: Uint8Array): string {
  const start = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start);
  if (!isUtf8(body)) {
    const at = firstInvalid(body);
    let lineNumber = 1;
    for (let i = 0; i < at; i++) if (body[i] === 0x0a) lineNumber++;
    throw new NotUtf8(at + start, lineNumber, body[at]!);
  }
  return body.toString('utf8');
}

/** The offset of the first byte that starts no valid UTF-8 sequence (Unicode's table 3-7); -1 if none. */
export function firstInvalid(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    const second = b[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= n; k++) {
      const next = b[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += n + 1;
  }
  return -1;
}
