/**
 * The kernel's own run as a `.tcpflow` document: every packet of the run (tcpflow's and the
 * kernel's, as they crossed the TUN device) written as a pcap file in memory and read by capture
 * import, so the document is written by the same writer as `tcpflow-cli import`
 * (src/capture/writeFlow.ts) and checks like any imported capture.
 */

import { importCapture, memorySource } from '../capture/index.js';
import { bytesOf } from './packets.js';
import type { RecordedPacket, RunResult } from './runner.js';

/** A classic pcap file (LINKTYPE_RAW: each record one IP packet) of the run's packets. */
export function runPcap(packets: readonly RecordedPacket[]): Uint8Array {
  const records = packets.map((p) => bytesOf(p.hex));
  let size = 24;
  for (const r of records) size += 16 + r.length;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, 101, true);
  let at = 24;
  const base = 1_700_000_000; // a fixed epoch: the document's times are relative anyway
  for (const [i, r] of records.entries()) {
    const us = Math.round(packets[i]!.timeUs);
    v.setUint32(at, base + Math.floor(us / 1e6), true);
    v.setUint32(at + 4, us % 1e6, true);
    v.setUint32(at + 8, r.length, true);
    v.setUint32(at + 12, r.length, true);
    out.set(r, at + 16);
    at += 16 + r.length;
  }
  return out;
}

/** The kernel's run as a flow, named like the author's participants; undefined when nothing was sent. */
export function kernelFlow(r: RunResult, source: string): string | undefined {
  if (r.packets.length === 0) return undefined;
  // The side that opened the connection is named first (import's convention).
  const opener = r.packets.find((p) => (bytesOf(p.hex)[33]! & 0x12) === 0x02)?.from ?? 'tcpflow';
  const names: [string, string] = opener === 'kernel' ? [r.kernel, r.tcpflow] : [r.tcpflow, r.kernel];
  const imported = importCapture({ bytes: memorySource(runPcap(r.packets)) }, { stack: 'linux', names, source: `a kernel run of ${source} (Linux ${r.kernelRelease} played ${r.kernel})` });
  return imported.text;
}
