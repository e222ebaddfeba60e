/**
 * The pcapng file format: blocks of (type, length, body, length). Reads Section Header,
 * Interface Description (link type, timestamp resolution and offset), Enhanced, Simple and the
 * obsolete Packet blocks; skips every other block (its lengths still checked). Each section has
 * its own byte order. Read from pushed chunks (chunkReader.ts), each packet handed to the sink
 * in place; offsets are plain numbers, so files past 4 GB read the same.
 * https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html
 */

import { CaptureError, Fields, MAX_RECORD } from './bytes.js';
import { ChunkReader, rd16, rd32 } from './chunkReader.js';

const SHB = 0x0a0d0d0a;
const IDB = 1;
const PB = 2;
const SPB = 3;
const EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Blocks other than packets (name resolution, statistics, custom) are skipped; none is this big. */
const MAX_BLOCK = 16 * 1024 * 1024;
/** The largest packet block: the largest record, its header and room for options. */
const MAX_PACKET_BLOCK = MAX_RECORD + 64 + 4096;

interface Interface {
  /** Its index among all the file's interfaces (sections numbered on). */
  readonly global: number;
  readonly linkType: number;
  readonly snaplen: number;
  /** Timestamp units per second, and seconds added to every timestamp. */
  readonly unitsPerSecond: number;
  readonly offsetSeconds: number;
}

export function isPcapng(head: Uint8Array): boolean {
  return head.length >= 4 && new Fields(head, false).u32(0) === SHB;
}

export class PcapngReader extends ChunkReader {
  private little = true;
  private interfaces: Interface[] = [];
  private record = 0;
  /** Packets handed on: after one, a broken block is a warning (what came before is kept). */
  private kept = 0;

  protected unitLength(b: Uint8Array, at: number, avail: number): number {
    if (avail < 12) return 12;
    return this.guard(() => {
      const offset = this.offset;
      const type = this.typeOf(b, at);
      if (type === SHB) {
        if (rd32(b, at + 8, true) === BYTE_ORDER_MAGIC) this.little = true;
        else if (rd32(b, at + 8, false) === BYTE_ORDER_MAGIC) this.little = false;
        else throw new CaptureError(`corrupt pcapng: the section header at byte ${offset} has no byte-order magic`);
      } else if (offset === 0) {
        throw new CaptureError('not a pcapng file: it does not start with a section header');
      }
      const length = rd32(b, at + 4, this.little);
      if (length < 12 || length % 4 !== 0 || length > MAX_BLOCK)
        throw new CaptureError(`corrupt pcapng: the block at byte ${offset} claims a length of ${length} bytes`);
      if ((type === EPB || type === SPB || type === PB) && length > MAX_PACKET_BLOCK) {
        throw new CaptureError(`corrupt pcapng: the packet block at byte ${offset} claims ${length} bytes, more than any capture holds`);
      }
      return length;
    });
  }

  protected unit(b: Uint8Array, at: number, length: number): void {
    this.guard(() => {
      const offset = this.offset;
      const type = this.typeOf(b, at);
      const little = this.little;
      if (rd32(b, at + length - 4, little) !== length) {
        const known = type === SHB || type === IDB || type === EPB || type === SPB || type === PB;
        throw new CaptureError(`corrupt pcapng: the block at byte ${offset} ends with a different length than it starts with${known ? '' : ` (${length})`}`);
      }
      if (type === SHB) this.interfaces = [];
      else if (type === IDB) this.describe(b, at, length, offset);
      else if (type === EPB || type === SPB || type === PB) this.packet(type, b, at, length, offset);
      return 0;
    });
  }

  protected cutShort(b: Uint8Array, have: number, need: number): void {
    if (have < 12) {
      this.report.warnings.push(`the capture is truncated: a block at byte ${this.offset} has an incomplete header`);
      return;
    }
    const type = this.typeOf(b, 0);
    const known = type === SHB || type === IDB || type === EPB || type === SPB || type === PB;
    this.report.warnings.push(
      known
        ? `the capture is truncated: the block at byte ${this.offset} needs ${need} bytes, the file ends after ${have}`
        : `the capture is truncated: the block at byte ${this.offset} needs ${need} bytes, the file ends after ${have}; the packets after it (if any) are lost`,
    );
  }

  /** The section header's type reads the same in both byte orders; other blocks use the section's. */
  private typeOf(b: Uint8Array, at: number): number {
    return rd32(b, at, false) === SHB ? SHB : rd32(b, at, this.little);
  }

  /** One broken block: what came before is kept, and the warning says where it broke; before any packet, an error. */
  private guard(read: () => number): number {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof CaptureError) || this.kept === 0) throw e;
      this.report.warnings.push(`${e.message}; kept the ${this.kept} packet(s) before it, the rest of the file is left out`);
      this.done = true;
      return 0;
    }
  }

  private describe(block: Uint8Array, at: number, length: number, offset: number): void {
    if (length < 20) throw new CaptureError(`corrupt pcapng: the interface block at byte ${offset} is too short`);
    const b = new Fields(block.subarray(at, at + length), this.little);
    const all = (this.report.interfaces ??= []);
    let unitsPerSecond = 1e6;
    let offsetSeconds = 0;
    let name: string | undefined;
    let description: string | undefined;
    // Printable ASCII only (names like eth0, lo, en0): anything else reads as '?'.
    const text = (from: number, n: number): string =>
      Array.from(block.subarray(at + from, at + from + Math.min(n, 64)), (c) =>
        c >= 32 && c < 127 && c !== 34 && c !== 92 ? String.fromCharCode(c) : c === 0 ? '' : '?',
      ).join('');
    for (let o = 16; o + 4 <= length - 4;) {
      const code = b.u16(o);
      const len = b.u16(o + 2);
      if (code === 0 || o + 4 + len > length - 4) break;
      const v = o + 4;
      if (code === 2) name = text(v, len);
      else if (code === 3) description = text(v, len);
      else if (code === 9 && len >= 1) {
        const r = block[at + v]!;
        unitsPerSecond = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** (r & 0x7f);
      } else if (code === 14 && len >= 8) {
        offsetSeconds = b.u32(v + (this.little ? 4 : 0)) * 2 ** 32 + b.u32(v + (this.little ? 0 : 4));
      }
      o += 4 + Math.ceil(len / 4) * 4;
    }
    const iface: Interface = { global: all.length, linkType: b.u16(8), snaplen: b.u32(12), unitsPerSecond, offsetSeconds };
    this.interfaces.push(iface);
    all.push({ index: iface.global, linkType: iface.linkType, ...(name ? { name } : {}), ...(description ? { description } : {}) });
  }

  private packet(type: number, b: Uint8Array, at: number, length: number, offset: number): void {
    const little = this.little;
    this.record++;
    const record = this.record;
    const where = `packet ${record} (block at byte ${offset})`;
    if (type === SPB) {
      const iface = this.interfaces[0];
      if (!iface) throw new CaptureError(`corrupt pcapng: ${where} comes before any interface description`);
      const origLen = rd32(b, at + 8, little);
      const caplen = Math.max(0, Math.min(origLen, iface.snaplen || origLen, length - 16));
      this.kept++;
      this.sink.frame(b, at + 12, caplen, iface.linkType, iface.global, 0, record);
      return;
    }
    const headerLen = 28; // EPB and PB: ids, timestamp, lengths
    if (length < headerLen + 4) throw new CaptureError(`corrupt pcapng: ${where} is too short`);
    const ifaceId = type === EPB ? rd32(b, at + 8, little) : rd16(b, at + 8, little);
    const iface = this.interfaces[ifaceId];
    if (!iface) throw new CaptureError(`corrupt pcapng: ${where} names interface ${ifaceId}, which the section does not describe`);
    const units = rd32(b, at + 12, little) * 2 ** 32 + rd32(b, at + 16, little);
    const caplen = rd32(b, at + 20, little);
    if (caplen > length - headerLen - 4) throw new CaptureError(`corrupt pcapng: ${where} claims ${caplen} captured bytes in a block of ${length}`);
    this.kept++;
    this.sink.frame(b, at + headerLen, caplen, iface.linkType, iface.global, (iface.offsetSeconds + units / iface.unitsPerSecond) * 1e6, record);
  }
}
