/**
 * Import: from a capture (pcap, pcapng or tcpdump text) to a `.tcpflow` document for one of
 * its connections. Pure: the caller supplies the bytes or the text.
 */

import { CaptureError, type ByteSource } from './bytes.js';
import { collapse } from './collapse.js';
import { ConnectionTable, type ConnectionChoice, type ConnectionSummary } from './connections.js';
import { decodeFrame, type Skip } from './decode.js';
import type { Frame, ReadReport } from './frame.js';
import { infer, type Seg, type Side } from './infer.js';
import { endpointText, SYN, ACK, RST, type TcpPacket } from './packet.js';
import { isPcap, readPcap } from './pcap.js';
import { isPcapng, readPcapng } from './pcapng.js';
import { parseTcpdumpText } from './tcpdumpText.js';
import { writeFlow, type Participant } from './writeFlow.js';

export type CaptureInput = { readonly bytes: ByteSource } | { readonly text: string };

export interface ImportOptions {
  /** Default: the first connection. */
  readonly connection?: ConnectionChoice;
  /** Names for the side that opened the connection and the other side. */
  readonly names?: readonly [string, string];
  readonly relative?: boolean;
  readonly collapse?: boolean;
  readonly stack?: string;
  /** Shown in the header comment: where the capture came from. */
  readonly source?: string;
  /** Pauses at least this long become `wait` lines (default 100 ms). */
  readonly waitMs?: number;
}

export interface ImportResult {
  readonly text: string;
  readonly connections: readonly ConnectionSummary[];
  readonly chosen: ConnectionSummary;
  /** Problems that did not stop the import (a truncated file, frames that are not TCP). */
  readonly warnings: readonly string[];
}

/** Which reader a file needs, from its first bytes. */
export function captureFormat(head: Uint8Array): 'pcap' | 'pcapng' | 'text' {
  if (isPcapng(head)) return 'pcapng';
  if (isPcap(head)) return 'pcap';
  return 'text';
}

/** Every TCP connection in the capture, in order of first appearance. */
export function listConnections(input: CaptureInput): { connections: readonly ConnectionSummary[]; warnings: readonly string[] } {
  const { table, report } = scan(input, 1);
  return { connections: table.list, warnings: report.warnings };
}

export function importCapture(input: CaptureInput, options: ImportOptions = {}): ImportResult {
  const { table, report } = scan(input, options.connection ?? 1);
  const chosen = table.chosen;
  if (table.list.length === 0) throw new CaptureError('the capture holds no TCP segment');
  if (!chosen) {
    const want = options.connection ?? 1;
    throw new CaptureError(`no connection ${typeof want === 'number' ? `number ${want}` : `with endpoint ${want}`}: the capture holds ${table.list.length} (list them with --list)`);
  }
  const packets = table.kept.filter((p) => p.flags !== 0);
  if (packets.length < table.kept.length) report.warnings.push(`${table.kept.length - packets.length} segment(s) without any flag left out`);
  const sideOf = (p: TcpPacket): Side => (endpointText(p.src, p.srcPort) === chosen.a ? 0 : 1);
  let segs = infer(packets, sideOf);
  const scale = windowScale(segs);
  if (options.collapse) {
    const windows = windowsBefore(segs);
    segs = collapse(segs, (receiver, seg) => windows.get(seg)![receiver] * 2 ** (scale?.[receiver] ?? 0));
  }
  const participants = roles(segs, chosen, options.names);
  const relative = options.relative ? symbols(participants) : undefined;
  const text = writeFlow(segs, {
    header: [
      `Imported by tcpflow-cli from ${options.source ?? 'a capture'}: connection ${chosen.index} of ${table.list.length}, ${chosen.segments} segment${chosen.segments === 1 ? '' : 's'}.`,
      ...(scale === undefined && !chosen.opened ? ['The handshake is not in the capture, so window scaling is unknown: windows are left out.'] : []),
    ],
    title: `${chosen.a} → ${chosen.b}`,
    stack: options.stack,
    participants,
    relative,
    windows: chosen.opened,
    waitMs: options.waitMs ?? 100,
  });
  return { text, connections: table.list, chosen, warnings: report.warnings };
}

function scan(input: CaptureInput, choice: ConnectionChoice): { table: ConnectionTable; report: ReadReport } {
  const report: ReadReport = { warnings: [] };
  const table = new ConnectionTable(choice);
  if ('text' in input) {
    for (const p of parseTcpdumpText(input.text, report)) table.add(p);
    return { table, report };
  }
  const head = input.bytes.read(0, 4);
  const format = captureFormat(head);
  if (format === 'text') throw new CaptureError('not a capture: expected a pcap or pcapng file, or the text tcpdump -nn prints');
  const frames: Generator<Frame> = format === 'pcap' ? readPcap(input.bytes, report) : readPcapng(input.bytes, report);
  const skipped = new Map<Skip, number>();
  const linkTypes = new Set<number>();
  for (const f of frames) {
    const d = decodeFrame(f);
    if (typeof d === 'string') {
      skipped.set(d, (skipped.get(d) ?? 0) + 1);
      if (d === 'link-type') linkTypes.add(f.linkType);
    } else table.add(d);
  }
  if (linkTypes.size > 0) report.warnings.push(`frames of link type ${[...linkTypes].join(', ')} are not supported and were left out`);
  const frags = skipped.get('fragment');
  if (frags) report.warnings.push(`${frags} IP fragment(s) left out (tcpflow does not reassemble fragments)`);
  const short = skipped.get('short');
  if (short) report.warnings.push(`${short} frame(s) too short to hold a TCP header left out`);
  return { table, report };
}

/** RFC 7323: the shift each side applies to its windows, when both SYNs offered one. */
function windowScale(segs: readonly Seg[]): [number, number] | undefined {
  const ws: (number | undefined)[] = [undefined, undefined];
  for (const s of segs) if (s.flags & SYN && !s.inferred && s.wscale !== undefined) ws[s.side] = Math.min(14, s.wscale);
  return ws[0] !== undefined && ws[1] !== undefined ? [ws[0], ws[1]] : undefined;
}

/** The window each side last advertised before each segment (65535 until it says). */
function windowsBefore(segs: readonly Seg[]): Map<Seg, readonly [number, number]> {
  const out = new Map<Seg, readonly [number, number]>();
  const win: [number, number] = [65535, 65535];
  for (const s of segs) {
    out.set(s, [win[0], win[1]]);
    if (!s.inferred && !(s.flags & (SYN | RST))) win[s.side] = s.win;
  }
  return out;
}

function roles(segs: readonly Seg[], c: ConnectionSummary, names: readonly [string, string] | undefined): [Participant, Participant] {
  const first = (side: Side): Seg | undefined => segs.find((s) => s.side === side);
  const opener = first(0);
  const other = first(1);
  const labels = [c.a, c.b] as const;
  const name = (side: Side): string => names?.[side] ?? identifierFor(labels[side]);
  const active = opener !== undefined && (opener.flags & (SYN | ACK)) === SYN;
  if (active) {
    const simultaneous = other !== undefined && (other.flags & (SYN | ACK)) === SYN;
    const refused = other !== undefined && (other.flags & RST) !== 0;
    return [
      { name: name(0), label: labels[0], role: simultaneous ? 'peer' : 'client' },
      { name: name(1), label: labels[1], role: simultaneous || refused ? 'peer' : 'server' },
    ];
  }
  // The capture starts after the handshake: both sides are taken to be ESTABLISHED.
  const serverSide: Side = portOf(c.b) <= portOf(c.a) ? 1 : 0;
  const role = (side: Side): Participant['role'] => (side === serverSide ? 'server' : 'client');
  return [
    { name: name(0), label: labels[0], role: role(0), state: 'ESTABLISHED' },
    { name: name(1), label: labels[1], role: role(1), state: 'ESTABLISHED' },
  ];
}

const portOf = (endpoint: string): number => Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));

/** A participant name for an address and port: `ip10_0_0_1_80`, `ip6_fe80_1_80`. */
export function identifierFor(endpoint: string): string {
  const v6 = endpoint.startsWith('[');
  const body = endpoint.replace(/[^0-9A-Za-z]+/g, '_').replace(/^_+|_+$/g, '');
  return `${v6 ? 'ip6_' : 'ip'}${body}`;
}

function symbols(p: readonly [Participant, Participant]): [string, string] {
  const taken = new Set(p.map((x) => x.name.toLowerCase()));
  const pool = ['x', 'y', 'u', 'v', 'w', 'p', 'q', 'r'].filter((s) => !taken.has(s));
  return [pool[0]!, pool[1]!];
}
