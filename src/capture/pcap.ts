/**
 * The classic libpcap file format: a 24-byte file header, then records of a 16-byte header and
 * the captured bytes. Both byte orders, microsecond and nanosecond timestamps.
 * https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html
 */

import { brokenRecord, CaptureError, Fields, MAX_RECORD, type ByteSource } from './bytes.js';
import type { Frame, ReadReport } from './frame.js';

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;

/** Is this the start of a classic pcap file? */
export function isPcap(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const be = new Fields(head, false).u32(0);
  const le = new Fields(head, true).u32(0);
  return be === MAGIC_US || be === MAGIC_NS || le === MAGIC_US || le === MAGIC_NS;
}

export function* readPcap(src: ByteSource, report: ReadReport): Generator<Frame> {
  const head = src.read(0, 24);
  if (head.length < 24) throw new CaptureError(`not a complete pcap file: the header needs 24 bytes, the file has ${head.length}`);
  const little = new Fields(head, true).u32(0) === MAGIC_US || new Fields(head, true).u32(0) === MAGIC_NS;
  const f = new Fields(head, little);
  const nanos = f.u32(0) === MAGIC_NS;
  const major = f.u16(4);
  if (major !== 2) throw new CaptureError(`not a pcap file this reader knows: version ${major}.${f.u16(6)} (expected 2.4)`);
  const linkType = f.u32(20) & 0x0fff_ffff; // the upper bits carry FCS information
  let offset = 24;
  let record = 0;
  while (offset < src.size) {
    record++;
    const rh = src.read(offset, 16);
    if (rh.length < 16) {
      report.warnings.push(`the capture is truncated: record ${record} at byte ${offset} has an incomplete header; read ${record - 1} records`);
      return;
    }
    const r = new Fields(rh, little);
    const seconds = r.u32(0);
    const fraction = r.u32(4);
    const caplen = r.u32(8);
    // The file header's snapshot length is the file's own claim: it never raises this limit.
    const bad =
      caplen > MAX_RECORD ? `claims ${caplen} bytes, more than any capture holds` : !nanos && fraction >= 1_000_000 ? `has a microsecond field of ${fraction}` : undefined;
    if (bad) {
      brokenRecord(report, 'pcap', record, offset, bad);
      return;
    }
    const data = src.read(offset + 16, caplen);
    if (data.length < caplen) {
      report.warnings.push(`the capture is truncated: record ${record} at byte ${offset} needs ${caplen} bytes, the file ends after ${data.length}; read ${record - 1} records`);
      return;
    }
    yield { timeUs: seconds * 1e6 + (nanos ? fraction / 1000 : fraction), linkType, data, record, iface: 0 };
    offset += 16 + caplen;
  }
}
