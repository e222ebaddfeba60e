/**
 * Reading a file pushed in chunks, one unit (a header, a record, a block) at a time: a unit
 * that lies whole in a chunk is read in place; one split across chunks is gathered in a small
 * carry-over buffer first. The caller reads the file in large pieces (4 MB) and pushes them in
 * order; nothing but the carry-over outlives a push. Each reader tells what it could not read
 * to `report` and hands each frame to `sink`.
 */

import type { FrameSink, ReadReport } from './frame.js';

export abstract class ChunkReader {
  private carry = new Uint8Array(0);
  private carryLen = 0;
  /** The file offset of the next unit (64-bit safe: plain numbers). */
  protected offset = 0;
  /** Set once a unit says the rest of the file is not read (a broken header, a stop). */
  protected done = false;

  constructor(
    protected readonly report: ReadReport,
    protected readonly sink: FrameSink,
  ) {}

  /**
   * The length of the unit at `at` in `buf` (which holds `avail` bytes from there): its whole
   * length when the bytes so far say it, else how many bytes are needed to know it. 0 ends the
   * reading (the unit said why, as a warning or an error).
   */
  protected abstract unitLength(buf: Uint8Array, at: number, avail: number): number;
  /** Reads a whole unit of `length` bytes at `at` in `buf` (valid only during the call). */
  protected abstract unit(buf: Uint8Array, at: number, length: number): void;
  /** The file ended `have` bytes into a unit that needs `need` (0 < have < need). */
  protected abstract cutShort(buf: Uint8Array, have: number, need: number): void;

  /** Bytes read so far (what the caller has pushed). */
  bytesRead = 0;

  push(chunk: Uint8Array): void {
    this.bytesRead += chunk.length;
    if (this.done) return;
    let pos = 0;
    while (this.carryLen > 0) {
      const need = this.unitLength(this.carry, 0, this.carryLen);
      if (need === 0) return this.stop();
      if (need > this.carryLen) {
        const take = Math.min(need - this.carryLen, chunk.length - pos);
        this.keep(chunk, pos, take);
        pos += take;
        if (this.carryLen < need) return; // the chunk is used up: wait for the next
        continue; // the header is complete: its length may now be longer
      }
      this.carryLen = 0;
      this.unit(this.carry, 0, need);
      this.offset += need;
      if (this.done) return;
    }
    while (pos < chunk.length && !this.done) {
      const avail = chunk.length - pos;
      const need = this.unitLength(chunk, pos, avail);
      if (need === 0) return this.stop();
      if (need > avail) {
        this.keep(chunk, pos, avail);
        return;
      }
      this.unit(chunk, pos, need);
      this.offset += need;
      pos += need;
    }
  }

  /** The end of the file: a unit cut short is reported. */
  end(): void {
    if (this.done || this.carryLen === 0) return;
    const need = this.unitLength(this.carry, 0, this.carryLen);
    if (need > this.carryLen) this.cutShort(this.carry, this.carryLen, need);
    this.carryLen = 0;
  }

  private stop(): void {
    this.done = true;
    this.carryLen = 0;
  }

  private keep(chunk: Uint8Array, from: number, n: number): void {
    if (this.carryLen + n > this.carry.length) {
      const bigger = new Uint8Array(Math.max(this.carryLen + n, 2 * this.carry.length, 4096));
      bigger.set(this.carry.subarray(0, this.carryLen));
      this.carry = bigger;
    }
    this.carry.set(chunk.subarray(from, from + n), this.carryLen);
    this.carryLen += n;
  }
}

/** Little- or big-endian integers read straight from bytes (no view object per record). */
export const rd16 = (b: Uint8Array, at: number, little: boolean): number => (little ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!);
export const rd32 = (b: Uint8Array, at: number, little: boolean): number =>
  (little ? b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24) : (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
