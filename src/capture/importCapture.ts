/**
 * Import: from a capture (pcap, pcapng or tcpdump text) to a `.tcpflow` document for one of
 * its connections. Pure: the caller supplies the bytes or the text.
 */

import { CaptureError, type ByteSource } from './bytes.js';
import { collapse } from './collapse.js';
import { ConnectionTable, type ConnectionChoice, type ConnectionSummary } from './connections.js';
import { decodeFrame, linkTypeName, type Skip } from './decode.js';
import { dropDoubled } from './doubled.js';
import type { Frame, ReadReport } from './frame.js';
import { InterfacePicker, type InterfaceChoice, type InterfaceSummary } from './interfaces.js';
import { checkOptions, notWritten } from './options.js';
import { infer, type Seg, type Side } from './infer.js';
import { endpointText, SYN, ACK, RST, type TcpPacket } from './packet.js';
import { isPcap, readPcap } from './pcap.js';
import { isPcapng, readPcapng } from './pcapng.js';
import { parseTcpdumpText } from './tcpdumpText.js';
import { segmentToMss } from './segmentation.js';
import { timeline } from './timeline.js';
import { writeArrivals, writeConnections, writeFlow, type ConnectionPart, type Participant } from './writeFlow.js';

export type CaptureInput = { readonly bytes: ByteSource } | { readonly text: string };

export interface ImportOptions {
  /** Default: the first connection. */
  readonly connection?: ConnectionChoice;
  /** Default: the first interface that carried a TCP segment. */
  readonly interface?: InterfaceChoice;
  /** Names for the side that opened the connection and the other side (default Client, Server). */
  readonly names?: readonly [string, string];
  /** Numbers as `x+…`/`y+…` from each side's ISN (default); false writes the raw numbers. */
  readonly relative?: boolean;
  readonly collapse?: boolean;
  readonly stack?: string;
  /** Shown in the header comment: where the capture came from. */
  readonly source?: string;
  /** Pauses at least this long become `wait` lines (default 100 ms). */
  readonly waitMs?: number;
  /**
   * Say when each end received each segment (`@label`/`arrives`, `?` for a segment the capture
   * did not see) instead of moving late segments and writing duplicates as comments.
   */
  readonly arrivals?: boolean;
  /** Write the options the language has fields for: `sackOK`, `sack=`, `ts=`/`ecr=`, `cookie`. */
  readonly options?: boolean;
}

export interface ImportResult {
  readonly text: string;
  readonly connections: readonly ConnectionSummary[];
  readonly chosen: ConnectionSummary;
  /** The two participants as written: the side that opened the connection first. */
  readonly participants: readonly [Participant, Participant];
  /** TCP options the capture holds that the document cannot say yet (sackOK, SACK, timestamps, TFO). */
  readonly notWritten: readonly string[];
  /** A pcapng file's interfaces (the one read marked); empty for pcap and text. */
  readonly interfaces: readonly InterfaceSummary[];
  /** Problems that did not stop the import (a truncated file, frames that are not TCP). */
  readonly warnings: readonly string[];
  /** `--connection all`: the connections written, each as `connection c<index>`, with its client and server ends. */
  readonly included?: readonly (ConnectionSummary & { readonly client: string; readonly server: string })[];
}

/** Which reader a file needs, from its first bytes. */
export function captureFormat(head: Uint8Array): 'pcap' | 'pcapng' | 'text' {
  if (isPcapng(head)) return 'pcapng';
  if (isPcap(head)) return 'pcap';
  return 'text';
}

/**
 * Why these bytes are no capture tcpflow can read, when that is clear from the start of the
 * file: an empty file, or binary data with neither a pcap nor a pcapng magic number. Undefined
 * for captures and for anything that may be text.
 */
export function notACapture(head: Uint8Array, size: number): string | undefined {
  if (size === 0) return 'the file is empty';
  if (captureFormat(head) !== 'text') return undefined;
  const sample = head.subarray(0, 4096);
  const binary = sample.some((b) => b < 9 || (b > 13 && b < 32 && b !== 27));
  if (!binary) return undefined;
  const magic = Array.from(head.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
  return `not a capture: the file starts with 0x${magic}, which is neither a pcap magic number (a1b2c3d4 or a1b23c4d, in either byte order) nor a pcapng one (0a0d0d0a), and it is not text`;
}

/** A connection choice as the user wrote it: a bare port as `:PORT`. */
const choiceText = (c: ConnectionChoice): string => (typeof c === 'string' && /^\d+$/.test(c) ? `:${c}` : String(c));

/** Every TCP connection in the capture (of the interface read), in order of first appearance. */
export function listConnections(
  input: CaptureInput,
  options: Pick<ImportOptions, 'interface'> = {},
): { connections: readonly ConnectionSummary[]; interfaces: readonly InterfaceSummary[]; warnings: readonly string[] } {
  const { table, report, interfaces } = scan(input, 1, options.interface);
  return { connections: table.list, interfaces, warnings: report.warnings };
}

export function importCapture(input: CaptureInput, options: ImportOptions = {}): ImportResult {
  const { table, report, interfaces } = scan(input, options.connection ?? 1, options.interface);
  const chosen = table.chosen;
  if (table.matching.length > 1) {
    const all = table.matching.map((c) => `${c.index} (${c.a} → ${c.b})`).join(', ');
    throw new CaptureError(`'${choiceText(options.connection!)}' matches ${table.matching.length} connections: ${all}; choose one by its number`);
  }
  if (table.list.length === 0) throw new CaptureError(`the capture holds no TCP segment${report.warnings.length > 0 ? ` (${report.warnings.join('; ')})` : ''}`);
  if (typeof options.connection === 'object') return importAll(input, options, table, report, interfaces);
  if (!chosen) {
    const want = options.connection ?? 1;
    throw new CaptureError(`no connection ${typeof want === 'number' ? `number ${want}` : `with endpoint ${choiceText(want)}`}: the capture holds ${table.list.length} (list them with --list)`);
  }
  const flagged = table.kept.filter((p) => p.flags !== 0);
  if (flagged.length < table.kept.length) report.warnings.push(`${table.kept.length - flagged.length} segment(s) without any flag left out`);
  const unit = 'text' in input ? 'line' : 'record';
  const { packets, scaleKnown } = checkOptions(dropDoubled(flagged, report), report, unit);
  const sideOf = (p: TcpPacket): Side => (endpointText(p.src, p.srcPort) === chosen.a ? 0 : 1);
  const arrivals = options.arrivals ?? true;
  let segs = infer(segmentToMss(packets, sideOf, report, unit), sideOf, arrivals);
  const scale = windowScale(segs);
  if (options.collapse) {
    const windows = windowsBefore(segs);
    segs = collapse(segs, (receiver, seg) => windows.get(seg)![receiver] * 2 ** (scale?.[receiver] ?? 0));
  }
  const participants = roles(segs, chosen, options.names);
  const relative = options.relative ?? true ? symbols(participants) : undefined;
  const writeOptions = options.options ?? WRITE_OPTIONS;
  const stack = stackLine(options.stack, segs, writeOptions);
  const write = {
    header: [
      `Imported by tcpflow-cli from ${options.source ?? 'a capture'}: connection ${chosen.index} of ${table.list.length}, ${chosen.segments} segment${chosen.segments === 1 ? '' : 's'}.`,
      ...(scale === undefined && !chosen.opened ? ['The handshake is not in the capture, so window scaling is unknown: windows are left out.'] : []),
      ...(!scaleKnown ? ["The capture cut a SYN's TCP options (snapshot length), so window scaling is unknown: windows are left out."] : []),
      ...(stack.note ? [stack.note] : []),
    ],
    title: `${chosen.a} → ${chosen.b}`,
    stack: stack.stack,
    participants,
    relative,
    windows: chosen.opened && scaleKnown,
    waitMs: options.waitMs ?? 100,
    options: writeOptions,
    warnings: report.warnings,
  };
  const text = arrivals ? writeArrivals(segs, timeline(segs, scaleKnown ? scale : undefined), write) : writeFlow(segs, write);
  return { text, connections: table.list, chosen, participants, notWritten: writeOptions ? [] : notWritten(segs), interfaces: report.interfaces ? interfaces : [], warnings: report.warnings };
}

/**
 * The stack line: the user's profile, with `fastopen` when a SYN of the capture carries a Fast
 * Open option and the language writes it (Linux with net.ipv4.tcp_fastopen, RFC 7413). Without a
 * profile from the user such a capture gets `linux fastopen`: only the linux and freebsd profiles
 * know Fast Open, and without it the SYN+ACK that acknowledges the SYN's data would be an error
 * in every profile — the header says so.
 */
function stackLine(stack: string | undefined, segs: readonly Seg[], options: boolean): { stack: string | undefined; note?: string } {
  if (!options || !segs.some((s) => s.flags & SYN && s.tfo !== undefined)) return { stack };
  if (stack === undefined) {
    return { stack: 'linux fastopen', note: 'The capture uses TCP Fast Open (RFC 7413), which only the linux and freebsd profiles know: stack linux fastopen is written (--stack freebsd for FreeBSD).' };
  }
  return { stack: /^(linux|freebsd)$/.test(stack) ? `${stack} fastopen` : stack };
}

/** Whether the option fields (`sackOK`, `sack=`, `ts=`/`ecr=`, `cookie`) are written when the caller does not say (`options: false` leaves them out). */
const WRITE_OPTIONS = true;

/** A side's initial sequence number: its SYN's. */
const isnOf = (segs: readonly Seg[], side: Side): number | undefined => segs.find((s) => s.side === side && s.flags & SYN && s.seq !== undefined)?.seq;

/** The address of an endpoint text (`10.0.0.1:80` → `10.0.0.1`, `[::1]:80` → `::1`). */
const hostOf = (endpoint: string): string => endpoint.slice(0, endpoint.lastIndexOf(':')).replace(/^\[|\]$/g, '');

/**
 * `--connection all`: every connection between the first connection's two hosts as one document
 * (`connection c<N> as "…"`, `reuses` where a four-tuple comes back), each end as it saw the
 * traffic. The host that opened the first connection is the client of every one.
 */
function importAll(input: CaptureInput, options: ImportOptions, table: ConnectionTable, report: ReadReport, interfaces: InterfaceSummary[]): ImportResult {
  const first = table.list[0]!;
  const [ha, hb] = [hostOf(first.a), hostOf(first.b)];
  const between = (c: ConnectionSummary): boolean => (hostOf(c.a) === ha && hostOf(c.b) === hb) || (hostOf(c.a) === hb && hostOf(c.b) === ha);
  const included = table.list.filter(between);
  const left = table.list.length - included.length;
  if (left > 0) report.warnings.push(`${left} connection(s) between other hosts left out (--list shows them)`);
  // Each connection's client end: its opener, unless only the other end is on the client host.
  const clientEnd = (c: ConnectionSummary): string => (hostOf(c.a) === ha ? c.a : c.b);
  const serverEnd = (c: ConnectionSummary): string => (clientEnd(c) === c.a ? c.b : c.a);
  const serverEnds = new Set(included.map(serverEnd));
  const oneServer = serverEnds.size === 1;
  const parts: ConnectionPart[] = [];
  const lastOnTuple = new Map<string, { name: string; index: number; clientIsn: number | undefined }>();
  let segments = 0;
  const allSegs: Seg[] = [];
  for (const c of included) {
    const raw = table.keptBy.get(c.index) ?? [];
    const flagged = raw.filter((p) => p.flags !== 0);
    const unit = 'text' in input ? 'line' : 'record';
    const { packets, scaleKnown } = checkOptions(dropDoubled(flagged, report), report, unit);
    const client = clientEnd(c);
    const sideOf = (p: TcpPacket): Side => (endpointText(p.src, p.srcPort) === client ? 0 : 1);
    const segs = infer(segmentToMss(packets, sideOf, report, unit), sideOf, true);
    for (const s of segs) allSegs.push(s);
    segments += c.segments;
    const name = `c${c.index}`;
    const tuple = [c.a, c.b].sort().join(' ');
    const reused = lastOnTuple.get(tuple);
    lastOnTuple.set(tuple, { name, index: c.index, clientIsn: isnOf(segs, 0) });
    // On a reused four-tuple the client's new ISN is written against the old one's symbol, so
    // the end still in TIME_WAIT can tell it is above the old sequence space.
    const keepSymbol = reused !== undefined && reused.clientIsn !== undefined && isnOf(segs, 0) !== undefined;
    parts.push({
      name,
      label: oneServer ? client : `${client} → ${serverEnd(c)}`,
      reuses: reused?.name,
      segs,
      events: timeline(segs, scaleKnown ? windowScale(segs) : undefined),
      relative: options.relative ?? true ? [`x${keepSymbol ? reused.index : c.index}`, `y${c.index}`] : undefined,
      bases: keepSymbol ? [reused.clientIsn, undefined] : undefined,
      windows: c.opened && scaleKnown,
    });
    if (keepSymbol) lastOnTuple.set(tuple, { name, index: reused.index, clientIsn: reused.clientIsn });
  }
  const names = options.names ?? ['Client', 'Server'];
  const participants: [Participant, Participant] = [
    { name: names[0], label: ha, role: 'client' },
    { name: names[1], label: oneServer ? [...serverEnds][0]! : hb, role: 'server' },
  ];
  const writeOptions = options.options ?? WRITE_OPTIONS;
  const stack = stackLine(options.stack, allSegs, writeOptions);
  const text = writeConnections(parts, {
    header: [
      `Imported by tcpflow-cli from ${options.source ?? 'a capture'}: ${included.length} connection${included.length === 1 ? '' : 's'} between ${ha} and ${hb}, ${segments} segment${segments === 1 ? '' : 's'}.`,
      ...(stack.note ? [stack.note] : []),
    ],
    title: `${ha} → ${oneServer ? [...serverEnds][0]! : hb}`,
    stack: stack.stack,
    participants,
    windows: true,
    waitMs: options.waitMs ?? 100,
    options: writeOptions,
    warnings: report.warnings,
  });
  const ends = included.map((c) => ({ ...c, client: clientEnd(c), server: serverEnd(c) }));
  return { text, connections: table.list, chosen: first, participants, notWritten: writeOptions ? [] : notWritten(allSegs), interfaces: report.interfaces ? interfaces : [], warnings: report.warnings, included: ends };
}

function scan(input: CaptureInput, choice: ConnectionChoice, ifaceChoice: InterfaceChoice | undefined): { table: ConnectionTable; report: ReadReport; interfaces: InterfaceSummary[] } {
  const report: ReadReport = { warnings: [] };
  const table = new ConnectionTable(choice);
  const picker = new InterfacePicker(ifaceChoice, report);
  if ('text' in input) {
    for (const p of parseTcpdumpText(input.text, report)) if (picker.take(p.iface ?? 0)) table.add(p);
    return { table, report, interfaces: picker.finish() };
  }
  const head = input.bytes.read(0, 4);
  const format = captureFormat(head);
  if (format === 'text') throw new CaptureError(notACapture(input.bytes.read(0, 4096), input.bytes.size) ?? 'not a capture: expected a pcap or pcapng file, or the text tcpdump -nn prints');
  const frames: Generator<Frame> = format === 'pcap' ? readPcap(input.bytes, report) : readPcapng(input.bytes, report);
  const skipped = new Map<Skip, number>();
  const linkTypes = new Set<number>();
  const ifindexes = format === 'pcap' ? new Map<number, number>() : undefined;
  for (const f of frames) {
    const d = decodeFrame(f);
    if (typeof d === 'string') {
      skipped.set(d, (skipped.get(d) ?? 0) + 1);
      if (d === 'link-type') linkTypes.add(f.linkType);
    } else if (picker.take(interfaceOf(f, report, ifindexes))) table.add(d);
  }
  const interfaces = picker.finish();
  if (linkTypes.size > 0) report.warnings.push(`${skipped.get('link-type')} frame(s) of link type ${[...linkTypes].map(linkTypeName).join(', ')} left out: tcpflow reads Ethernet, Linux cooked (SLL, SLL2), BSD loopback and raw IP`);
  const frags = skipped.get('fragment');
  if (frags) report.warnings.push(`${frags} IP fragment(s) left out (tcpflow does not reassemble fragments)`);
  const short = skipped.get('short');
  if (short) report.warnings.push(`${short} frame(s) too short to hold a TCP header left out`);
  return { table, report, interfaces };
}

/**
 * The interface a frame was captured on: the pcapng interface, or for Linux cooked v2 frames in
 * a pcap file (`tcpdump -i any -w`) the interface index in the frame's header, numbered in the
 * order first seen and described as `ifindex N`.
 */
function interfaceOf(f: Frame, report: ReadReport, ifindexes: Map<number, number> | undefined): number {
  if (!ifindexes || f.linkType !== 276 || f.data.length < 8) return f.iface;
  const ifindex = ((f.data[4]! << 24) | (f.data[5]! << 16) | (f.data[6]! << 8) | f.data[7]!) >>> 0;
  let at = ifindexes.get(ifindex);
  if (at === undefined) {
    const known = (report.interfaces ??= []);
    at = known.length;
    known.push({ index: at, linkType: 276, name: `ifindex ${ifindex}` });
    ifindexes.set(ifindex, at);
  }
  return at;
}

/** RFC 7323: the shift each side applies to its windows, when both SYNs offered one. */
function windowScale(segs: readonly Seg[]): [number, number] | undefined {
  const ws: (number | undefined)[] = [undefined, undefined];
  for (const s of segs) if (s.flags & SYN && !s.inferred && s.wscale !== undefined) ws[s.side] = s.wscale;
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

/**
 * Roles and names: the side that opened is the client, named `Client`, the other `Server`
 * (`--names` replaces both); the address and port are the label.
 */
function roles(segs: readonly Seg[], c: ConnectionSummary, names: readonly [string, string] | undefined): [Participant, Participant] {
  const first = (side: Side): Seg | undefined => segs.find((s) => s.side === side);
  const opener = first(0);
  const other = first(1);
  const active = opener !== undefined && (opener.flags & (SYN | ACK)) === SYN;
  let role: [Participant['role'], Participant['role']];
  let serverSide: Side = 1;
  if (active) {
    const simultaneous = other !== undefined && (other.flags & (SYN | ACK)) === SYN;
    const refused = other !== undefined && (other.flags & RST) !== 0;
    role = [simultaneous ? 'peer' : 'client', simultaneous || refused ? 'peer' : 'server'];
  } else {
    // The capture starts after the handshake: both sides are taken to be ESTABLISHED, the lower port serving.
    serverSide = portOf(c.b) <= portOf(c.a) ? 1 : 0;
    role = serverSide === 1 ? ['client', 'server'] : ['server', 'client'];
  }
  const participant = (side: Side, label: string): Participant => ({
    name: names?.[side] ?? (side === serverSide ? 'Server' : 'Client'),
    label,
    role: role[side],
    ...(active ? {} : { state: 'ESTABLISHED' }),
  });
  return [participant(0, c.a), participant(1, c.b)];
}

const portOf = (endpoint: string): number => Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));

function symbols(p: readonly [Participant, Participant]): [string, string] {
  const taken = new Set(p.map((x) => x.name.toLowerCase()));
  const pool = ['x', 'y', 'u', 'v', 'w', 'p', 'q', 'r'].filter((s) => !taken.has(s));
  // x for the client, y for the server, as in RFC 9293's figures.
  return p[0].role === 'server' ? [pool[1]!, pool[0]!] : [pool[0]!, pool[1]!];
}
