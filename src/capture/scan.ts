/**
 * The streaming read of a pcap or pcapng file: the caller pushes the file's bytes in order, in
 * chunks of any size (the CLI reads 4 MB at a time, the editor likewise, with progress and
 * Cancel between chunks), and gets the connections once the file ends. One pass; memory for
 * one small record per connection, the packets of the connection asked for, and a carry-over
 * for a record split across chunks.
 */

import { CaptureError, type ByteSource } from './bytes.js';
import { ConnectionIndex } from './connectionIndex.js';
import type { ConnectionChoice, ConnectionSet } from './connections.js';
import { FrameScan } from './frameScan.js';
import type { ReadReport } from './frame.js';
import { InterfacePicker, type InterfaceChoice, type InterfaceSummary } from './interfaces.js';
import { isPcap, PcapReader } from './pcap.js';
import { isPcapng, PcapngReader } from './pcapng.js';
import { notACapture } from './sniff.js';

/** How much of a file the CLI and the editor read at a time. */
export const CHUNK_SIZE = 4 * 1024 * 1024;

export interface ScanOptions {
  /** Which connection's packets to keep; absent: none (a list). */
  readonly connection?: ConnectionChoice | undefined;
  readonly interface?: InterfaceChoice | undefined;
  /** Another connection (1-based) whose packets are kept too (ConnectionSet.keptBy). */
  readonly alsoKeep?: number | undefined;
}

/** A capture read to its end. */
export interface Scanned {
  readonly set: ConnectionSet;
  readonly report: ReadReport;
  readonly interfaces: InterfaceSummary[];
  /** How many packets were decoded in full (those of the connection asked for); 0 for tcpdump text. */
  readonly decoded: number;
}

export class CaptureScanner {
  private readonly report: ReadReport = { warnings: [] };
  private readonly index: ConnectionIndex;
  private readonly picker: InterfacePicker;
  private reader: PcapReader | PcapngReader | undefined;
  private scan: FrameScan | undefined;
  /** The first bytes, until there are enough to tell the format. */
  private head: Uint8Array | undefined;

  constructor(options: ScanOptions = {}) {
    this.index = new ConnectionIndex(options.connection, options.alsoKeep);
    this.picker = new InterfacePicker(options.interface, this.report);
  }

  /** Bytes pushed so far. */
  get bytesRead(): number {
    return (this.reader?.bytesRead ?? 0) + (this.head?.length ?? 0);
  }

  /** The next bytes of the file, in order. */
  push(chunk: Uint8Array): void {
    if (this.reader) return this.reader.push(chunk);
    const head = this.head ? concat(this.head, chunk) : chunk;
    if (head.length < 4) {
      this.head = head.slice();
      return;
    }
    this.head = undefined;
    this.start(head);
    this.reader!.push(head);
  }

  /** The end of the file: the connections, the interfaces and the warnings. */
  end(): Scanned {
    if (!this.reader) this.start(this.head ?? new Uint8Array(0));
    this.reader!.end();
    this.scan!.finish();
    return { set: this.index, report: this.report, interfaces: this.picker.finish(), decoded: this.scan!.decoded };
  }

  private start(head: Uint8Array): void {
    const format = isPcapng(head) ? 'pcapng' : isPcap(head) ? 'pcap' : undefined;
    if (!format)
      throw new CaptureError(
        notACapture(head.subarray(0, 4096), head.length) ?? 'not a capture: expected a pcap or pcapng file, or the text tcpdump -nn prints',
      );
    this.scan = new FrameScan(this.index, this.picker, this.report, format);
    this.reader = format === 'pcap' ? new PcapReader(this.report, this.scan) : new PcapngReader(this.report, this.scan);
  }
}

/** A whole ByteSource through a scanner, CHUNK_SIZE at a time; `progress` after each chunk. */
export function scanSource(src: ByteSource, options: ScanOptions, progress?: (read: number, size: number) => void): Scanned {
  const scanner = new CaptureScanner(options);
  const buffer = src.readInto ? new Uint8Array(Math.min(CHUNK_SIZE, src.size)) : undefined;
  for (let at = 0; at < src.size;) {
    const chunk = buffer ? buffer.subarray(0, src.readInto!(at, buffer)) : src.read(at, Math.min(CHUNK_SIZE, src.size - at));
    if (chunk.length === 0) break;
    scanner.push(chunk);
    at += chunk.length;
    progress?.(at, src.size);
  }
  return scanner.end();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
