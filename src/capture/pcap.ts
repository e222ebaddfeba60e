/**
 * The classic libpcap file format: a 24-byte file header, then records of a 16-byte header and
 * the captured bytes. Both byte orders, microsecond and nanosecond timestamps. Read from pushed
 * chunks (chunkReader.ts); each frame goes to the sink in place, no object per record.
 * https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html
 */

import { brokenRecord, CaptureError, Fields, MAX_RECORD } from './bytes.js';
import { ChunkReader, rd32 } from './chunkReader.js';

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;

/** Is this the start of a classic pcap file? */
export function isPcap(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const be = new Fields(head, false).u32(0);
  const le = new Fields(head, true).u32(0);
  return be === MAGIC_US || be === MAGIC_NS || le === MAGIC_US || le === MAGIC_NS;
}

export class PcapReader extends ChunkReader {
  private headerRead = false;
  private little = true;
  private nanos = false;
  private linkType = 0;
  private record = 0;

  protected unitLength(b: Uint8Array, at: number, avail: number): number {
    if (!this.headerRead) return 24;
    if (avail < 16) return 16;
    const caplen = rd32(b, at + 8, this.little);
    const fraction = rd32(b, at + 4, this.little);
    // The file header's snapshot length is the file's own claim: it never raises this limit.
    const bad =
      caplen > MAX_RECORD
        ? `claims ${caplen} bytes, more than any capture holds`
        : !this.nanos && fraction >= 1_000_000
          ? `has a microsecond field of ${fraction}`
          : undefined;
    if (bad) {
      brokenRecord(this.report, 'pcap', this.record + 1, this.offset, bad);
      return 0;
    }
    return 16 + caplen;
  }

  protected unit(b: Uint8Array, at: number, length: number): void {
    if (!this.headerRead) return this.header(b, at);
    this.record++;
    const seconds = rd32(b, at, this.little);
    const fraction = rd32(b, at + 4, this.little);
    this.sink.frame(b, at + 16, length - 16, this.linkType, 0, seconds * 1e6 + (this.nanos ? fraction / 1000 : fraction), this.record);
  }

  protected cutShort(_b: Uint8Array, have: number, need: number): void {
    if (!this.headerRead) throw new CaptureError(`not a complete pcap file: the header needs 24 bytes, the file has ${have}`);
    const record = this.record + 1;
    if (have < 16)
      this.report.warnings.push(`the capture is truncated: record ${record} at byte ${this.offset} has an incomplete header; read ${record - 1} records`);
    else
      this.report.warnings.push(
        `the capture is truncated: record ${record} at byte ${this.offset} needs ${need - 16} bytes, the file ends after ${have - 16}; read ${record - 1} records`,
      );
  }

  /** An empty file has no header either. */
  override end(): void {
    if (!this.headerRead && this.bytesRead === 0) throw new CaptureError('not a complete pcap file: the header needs 24 bytes, the file has 0');
    super.end();
  }

  private header(b: Uint8Array, at: number): void {
    const head = b.subarray(at, at + 24);
    const le = new Fields(head, true).u32(0);
    this.little = le === MAGIC_US || le === MAGIC_NS;
    const f = new Fields(head, this.little);
    this.nanos = f.u32(0) === MAGIC_NS;
    const major = f.u16(4);
    if (major !== 2) throw new CaptureError(`not a pcap file this reader knows: version ${major}.${f.u16(6)} (expected 2.4)`);
    this.linkType = f.u32(20) & 0x0fff_ffff; // the upper bits carry FCS information
    this.headerRead = true;
  }
}
