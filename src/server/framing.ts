/**
 * A guard on the stdio stream from the client: LSP messages are framed by a `Content-Length`
 * header, and one bad header (not a number, negative, absurdly large, or missing) would leave
 * the JSON-RPC reader waiting forever, silently. This passes well-framed messages through
 * unchanged, and on a bad header reports it and skips to the next `Content-Length:` header, so
 * the server keeps serving the messages that follow.
 */

import { Transform, type TransformCallback } from 'node:stream';

/** No message is larger (the editor's document limit is far below it). */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** Headers longer than this are not headers. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = Buffer.from('content-length:');

export class FramingGuard extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes of the current message's body still to pass through. */
  private bodyLeft = 0;

  /** Inside a run of bad input (reported once, at its start). */
  private skipping = false;

  constructor(private readonly onMalformed: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (data.length > 0) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, data.length);
        this.push(data.subarray(0, n));
        this.bodyLeft -= n;
        data = data.subarray(n);
        continue;
      }
      this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
      data = Buffer.alloc(0);
      this.readHeaders();
      if (this.bodyLeft > 0 && this.pending.length > 0) {
        data = this.pending; // the start of the body came with the header
        this.pending = Buffer.alloc(0);
      }
    }
    done();
  }

  /** Consumes complete headers from `pending`: a good one starts a body, a bad one is skipped. */
  private readHeaders(): void {
    for (;;) {
      const end = this.pending.indexOf(HEADER_END);
      if (end < 0) {
        if (this.pending.length > MAX_HEADER_BYTES) this.skip('a header without an end', 1);
        return;
      }
      const header = this.pending.subarray(0, end).toString('latin1');
      const length = contentLength(header);
      if (typeof length === 'string') {
        this.skip(length, 1);
        continue;
      }
      this.skipping = false;
      this.push(this.pending.subarray(0, end + HEADER_END.length));
      this.pending = this.pending.subarray(end + HEADER_END.length);
      this.bodyLeft = length;
      if (length === 0) continue;
      return;
    }
  }

  /** Drops bytes up to the next `Content-Length:` after `from` (or all but what may be the start of one); reports once per run of bad input. */
  private skip(reason: string, from: number): void {
    const lower = Buffer.from(this.pending.toString('latin1').toLowerCase(), 'latin1');
    let keep = lower.indexOf(CONTENT_LENGTH, from);
    if (keep < 0) {
      keep = this.pending.length;
      for (let n = Math.min(CONTENT_LENGTH.length - 1, this.pending.length - from); n > 0; n--) {
        if (lower.subarray(lower.length - n).equals(CONTENT_LENGTH.subarray(0, n))) {
          keep = this.pending.length - n;
          break;
        }
      }
    }
    if (!this.skipping) this.onMalformed(reason);
    this.skipping = true;
    this.pending = this.pending.subarray(keep);
  }
}

/** The header's Content-Length, or why the header is bad. */
function contentLength(header: string): number | string {
  let value: string | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim().toLowerCase() : '';
    if (!/^[a-z-]+$/.test(name)) return `a malformed header line ${JSON.stringify(line.slice(0, 60))}`;
    if (name === 'content-length') value = line.slice(colon + 1).trim();
  }
  if (value === undefined) return 'a header without Content-Length';
  if (!/^\d{1,10}$/.test(value)) return `Content-Length ${JSON.stringify(value.slice(0, 30))} is not a byte count`;
  const n = Number(value);
  if (n > MAX_MESSAGE_BYTES) return `Content-Length ${n} is over the limit of ${MAX_MESSAGE_BYTES} bytes`;
  return n;
}
