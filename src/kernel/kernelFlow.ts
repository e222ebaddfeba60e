/**
 * The kernel's own run as a `.tcpflow` document: every packet of the run (tcpflow's and the
 * kernel's, as they crossed the TUN device), written by the same writer as `tcpflow-cli import`
 * (src/capture/writeFlow.ts); and the run as a pcap file (LINKTYPE_RAW) for other tools.
 */

import type { Seg, Side } from '../capture/infer.js';
import { writeFlow } from '../capture/writeFlow.js';
import { FIN_QUEUED } from './differential.js';
import { bytesOf, decodePacket, KERNEL_ADDR, TCPFLOW_ADDR } from './packets.js';
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

/**
 * The kernel's run as a flow, named like the author's participants; undefined when nothing was
 * sent. The packets were taken at the kernel's own interface, in the order it handled them, so
 * they are written in that order as they are — no arrival, loss or crossing inferred (import's
 * inference, made for captures taken elsewhere, would guess that an answer to a rejected segment
 * crossed it) — by capture import's writer. The side that opened the connection is the client.
 */
export function kernelFlow(r: RunResult, source: string): string | undefined {
  if (r.packets.length === 0) return undefined;
  const decoded = r.packets.map((p) => ({ p, d: decodePacket(bytesOf(p.hex), p.timeUs) }));
  const opener = decoded.find((x) => x.d && (x.d.flags & 0x12) === 0x02)?.p.from ?? 'tcpflow';
  const sideOf = (from: 'kernel' | 'tcpflow'): Side => (from === opener ? 0 : 1);
  const names: [string, string] = opener === 'kernel' ? [r.kernel, r.tcpflow] : [r.tcpflow, r.kernel];
  const addr = (from: 'kernel' | 'tcpflow'): string => (from === 'kernel' ? `${KERNEL_ADDR}:${r.ports.kernel}` : `${TCPFLOW_ADDR}:${r.ports.tcpflow}`);
  const segs: Seg[] = [];
  const forged = new Set<number>();
  const isForged = forgedByTcpflow(decoded);
  for (const [i, { p, d }] of decoded.entries()) {
    if (!d) continue;
    if (isForged[i]) forged.add(segs.length);
    segs.push({
      side: sideOf(p.from),
      flags: d.flags,
      seq: d.seq,
      ack: d.ack,
      len: d.len,
      win: d.win,
      mss: d.mss,
      wscale: d.wscale,
      sackOk: d.sackOk,
      sack: d.sack,
      ts: d.ts,
      timeUs: p.timeUs,
      inferred: false,
      lost: false,
      crossing: p.crossing === true,
      ...(p.call ? { call: p.call } : {}),
    });
  }
  const tail = r.finQueued ? `${r.kernel} close   # ${FIN_QUEUED}\n` : '';
  const opened = opener === 'kernel' ? 'kernel' : 'tcpflow';
  const other = opened === 'kernel' ? 'tcpflow' : 'kernel';
  const doc = writeFlow(segs, {
    header: [
      `The kernel's own run of ${source}: Linux ${r.kernelRelease} played ${r.kernel}, tcpflow played ${r.tcpflow}; every packet, in the order the kernel handled them.`,
    ],
    title: `${addr(opened)} → ${addr(other)}`,
    stack: 'linux',
    participants: [
      { name: names[0], label: addr(opened), role: 'client' },
      { name: names[1], label: addr(other), role: 'server' },
    ],
    relative: ['x', 'y'],
    windows: true,
    waitMs: 100,
    options: true,
  });
  return `${forged.size ? asForged(doc, forged, segs.length) : doc}${tail}`;
}

/** The segment lines (one per packet, in order) whose index is in `forged`, written as a third party's: `Attacker as S -> C: …`. */
function asForged(doc: string, forged: ReadonlySet<number>, count: number): string {
  const out = doc.split('\n');
  const segLine = /^((?:& )?(?:\? )?)(\S+ -[>x] )/;
  const at: number[] = [];
  out.forEach((l, i) => {
    if (segLine.test(l)) at.push(i);
  });
  if (at.length !== count) return doc; // not one line per packet: leave the document as the writer made it
  for (const k of forged) out[at[k]!] = out[at[k]!]!.replace(segLine, '$1Attacker as $2');
  return out.join('\n');
}

/**
 * tcpflow's RSTs and SYNs that it goes on after (the fuzzer's in-window RST or SYN, RFC 5961):
 * a TCP that sends a RST is done, and one that is synchronized sends no SYN, so these are what a
 * third party with tcpflow's addresses sends, and the document writes them as one
 * (`Attacker as C -> S: RST …`), judged at the kernel as if from tcpflow's side.
 */
function forgedByTcpflow(decoded: readonly { p: RecordedPacket; d: { flags: number; seq?: number | undefined } | undefined }[]): boolean[] {
  const out = decoded.map(() => false);
  let laterOwn = false;
  // A SYN with another number than tcpflow's first (a resent SYN has the same).
  let firstSyn: number | undefined;
  const synBefore = decoded.map(({ p, d }) => {
    if (p.from !== 'tcpflow' || !d || (d.flags & 0x02) === 0) return false;
    if (firstSyn === undefined) {
      firstSyn = d.seq;
      return false;
    }
    return d.seq !== firstSyn;
  });
  for (let i = decoded.length - 1; i >= 0; i--) {
    const { p, d } = decoded[i]!;
    if (p.from !== 'tcpflow' || !d) continue;
    const rst = (d.flags & 0x04) !== 0;
    const syn = (d.flags & 0x02) !== 0;
    if (laterOwn && (rst || (syn && synBefore[i]))) out[i] = true;
    else if (!rst && !syn) laterOwn = true;
  }
  return out;
}
