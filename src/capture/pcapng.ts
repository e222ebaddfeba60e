/**
 * The pcapng file format: blocks of (type, length, body, length). Reads Section Header,
 * Interface Description (link type, timestamp resolution and offset), Enhanced, Simple and the
 * obsolete Packet blocks; skips every other block. Each section has its own byte order.
 * https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html
 */

import { CaptureError, Fields, MAX_RECORD, type ByteSource } from './bytes.js';
import type { Frame, ReadReport } from './frame.js';

const SHB = 0x0a0d0d0a;
const IDB = 1;
const PB = 2;
const SPB = 3;
const EPB = 6;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Blocks other than packets (name resolution, statistics, custom) are skipped; none is this big. */
const MAX_BLOCK = 16 * 1024 * 1024;

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

export function* readPcapng(src: ByteSource, report: ReadReport): Generator<Frame> {
  let kept = 0;
  try {
    for (const frame of blocks(src, report)) {
      kept++;
      yield frame;
    }
  } catch (e) {
    // One broken block: what came before is kept, and the warning says where it broke.
    if (!(e instanceof CaptureError) || kept === 0) throw e;
    report.warnings.push(`${e.message}; kept the ${kept} packet(s) before it, the rest of the file is left out`);
  }
}

function* blocks(src: ByteSource, report: ReadReport): Generator<Frame> {
  let offset = 0;
  let little = true;
  let interfaces: Interface[] = [];
  let record = 0;
  while (offset < src.size) {
    const head = src.read(offset, 12);
    if (head.length < 12) {
      report.warnings.push(`the capture is truncated: a block at byte ${offset} has an incomplete header`);
      return;
    }
    // The section header's type reads the same in both byte orders; other blocks use the section's.
    const type = new Fields(head, false).u32(0) === SHB ? SHB : new Fields(head, little).u32(0);
    if (type === SHB) {
      const magic = new Fields(head, true).u32(8);
      if (magic === BYTE_ORDER_MAGIC) little = true;
      else if (new Fields(head, false).u32(8) === BYTE_ORDER_MAGIC) little = false;
      else throw new CaptureError(`corrupt pcapng: the section header at byte ${offset} has no byte-order magic`);
      interfaces = [];
    } else if (offset === 0) {
      throw new CaptureError('not a pcapng file: it does not start with a section header');
    }
    const f = new Fields(head, little);
    const length = f.u32(4);
    if (length < 12 || length % 4 !== 0 || length > MAX_BLOCK) {
      throw new CaptureError(`corrupt pcapng: the block at byte ${offset} claims a length of ${length} bytes`);
    }
    const isPacket = type === EPB || type === SPB || type === PB;
    if (type !== SHB && type !== IDB && !isPacket) {
      // A block we do not need: skipped without reading its body, but its length is checked
      // (past the end of the file, or not repeated at its end): a wrong one would swallow the
      // packets after it.
      if (offset + length > src.size) {
        report.warnings.push(`the capture is truncated: the block at byte ${offset} needs ${length} bytes, the file ends after ${src.size - offset}; the packets after it (if any) are lost`);
        return;
      }
      if (new Fields(src.read(offset + length - 4, 4), little).u32(0) !== length) {
        throw new CaptureError(`corrupt pcapng: the block at byte ${offset} ends with a different length than it starts with (${length})`);
      }
      offset += length;
      continue;
    }
    if (isPacket && length > MAX_RECORD + 64 + 4096) {
      throw new CaptureError(`corrupt pcapng: the packet block at byte ${offset} claims ${length} bytes, more than any capture holds`);
    }
    const block = src.read(offset, length);
    if (block.length < length) {
      report.warnings.push(`the capture is truncated: the block at byte ${offset} needs ${length} bytes, the file ends after ${block.length}`);
      return;
    }
    const b = new Fields(block, little);
    if (b.u32(length - 4) !== length) throw new CaptureError(`corrupt pcapng: the block at byte ${offset} ends with a different length than it starts with`);
    if (type === IDB) {
      if (length < 20) throw new CaptureError(`corrupt pcapng: the interface block at byte ${offset} is too short`);
      const all = (report.interfaces ??= []);
      const { iface, name, description } = readInterface(block, b, length, all.length);
      interfaces.push(iface);
      all.push({ index: iface.global, linkType: iface.linkType, ...(name ? { name } : {}), ...(description ? { description } : {}) });
    } else if (isPacket) {
      record++;
      const frame = packetOf(type, block, b, length, interfaces, record, offset);
      if (frame) yield frame;
    }
    offset += length;
  }
}

function readInterface(block: Uint8Array, b: Fields, length: number, global: number): { iface: Interface; name?: string; description?: string } {
  let unitsPerSecond = 1e6;
  let offsetSeconds = 0;
  let name: string | undefined;
  let description: string | undefined;
  // Printable ASCII only (names like eth0, lo, en0): anything else reads as '?'.
  const text = (at: number, n: number): string =>
    Array.from(block.subarray(at, at + Math.min(n, 64)), (c) => (c >= 32 && c < 127 && c !== 34 && c !== 92 ? String.fromCharCode(c) : c === 0 ? '' : '?')).join('');
  for (const opt of options(b, 16, length - 4)) {
    if (opt.code === 2) name = text(opt.at, opt.length);
    else if (opt.code === 3) description = text(opt.at, opt.length);
    else if (opt.code === 9 && opt.length >= 1) {
      const v = block[opt.at]!;
      unitsPerSecond = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** (v & 0x7f);
    } else if (opt.code === 14 && opt.length >= 8) {
      offsetSeconds = b.u32(opt.at + (b.little ? 4 : 0)) * 2 ** 32 + b.u32(opt.at + (b.little ? 0 : 4));
    }
  }
  return { iface: { global, linkType: b.u16(8), snaplen: b.u32(12), unitsPerSecond, offsetSeconds }, ...(name ? { name } : {}), ...(description ? { description } : {}) };
}

function* options(b: Fields, from: number, to: number): Generator<{ code: number; length: number; at: number }> {
  let at = from;
  while (at + 4 <= to) {
    const code = b.u16(at);
    const length = b.u16(at + 2);
    if (code === 0 || at + 4 + length > to) return;
    yield { code, length, at: at + 4 };
    at += 4 + Math.ceil(length / 4) * 4;
  }
}

function packetOf(type: number, block: Uint8Array, b: Fields, length: number, interfaces: readonly Interface[], record: number, offset: number): Frame | undefined {
  const where = `packet ${record} (block at byte ${offset})`;
  if (type === SPB) {
    const iface = interfaces[0];
    if (!iface) throw new CaptureError(`corrupt pcapng: ${where} comes before any interface description`);
    const origLen = b.u32(8);
    const caplen = Math.min(origLen, iface.snaplen || origLen, length - 16);
    return { timeUs: 0, linkType: iface.linkType, data: block.subarray(12, 12 + caplen), record, iface: iface.global };
  }
  const epb = type === EPB;
  const headerLen = 28; // EPB and PB: ids, timestamp, lengths
  if (length < headerLen + 4) throw new CaptureError(`corrupt pcapng: ${where} is too short`);
  const ifaceId = epb ? b.u32(8) : b.u16(8);
  const iface = interfaces[ifaceId];
  if (!iface) throw new CaptureError(`corrupt pcapng: ${where} names interface ${ifaceId}, which the section does not describe`);
  const units = b.u32(12) * 2 ** 32 + b.u32(16);
  const caplen = b.u32(20);
  if (caplen > length - headerLen - 4) throw new CaptureError(`corrupt pcapng: ${where} claims ${caplen} captured bytes in a block of ${length}`);
  const timeUs = (iface.offsetSeconds + units / iface.unitsPerSecond) * 1e6;
  return { timeUs, linkType: iface.linkType, data: block.subarray(headerLen, headerLen + caplen), record, iface: iface.global };
}
