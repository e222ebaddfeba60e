/**
 * Import: from a capture (pcap, pcapng or tcpdump text) to a `.tcpflow` document for one of
 * its connections. Pure: the caller supplies the bytes or the text.
 */

import { CaptureError, type ByteSource } from './bytes.js';
import { collapse } from './collapse.js';
import { ConnectionTable, type ConnectionChoice, type ConnectionSet, type ConnectionSummary } from './connections.js';
import { dropDoubled } from './doubled.js';
import type { ReadReport } from './frame.js';
import { InterfacePicker, type InterfaceChoice, type InterfaceSummary } from './interfaces.js';
import { checkOptions, notWritten } from './options.js';
import { splitForged } from './forged.js';
import { fromPacket, infer } from './infer.js';
import type { Seg, Side } from './segment.js';
import { OPTION_PROFILES } from '../core/index.js';
import { endpointText, SYN, ACK, RST, type TcpPacket } from './packet.js';
import { scanSource, type Scanned } from './scan.js';
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
  /** Told after each chunk of a pcap or pcapng file is read: bytes read so far, and the file's size. */
  readonly progress?: (read: number, size: number) => void;
}

export interface ImportResult {
  readonly text: string;
  /** Every connection of the capture (made when first asked for: a capture may hold millions). */
  readonly connections: readonly ConnectionSummary[];
  /** How many connections the capture holds. */
  readonly connectionCount: number;
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

/** A connection choice as the user wrote it: a bare port as `:PORT`. */
const choiceText = (c: ConnectionChoice): string => (typeof c === 'string' && /^\d+$/.test(c) ? `:${c}` : String(c));

/** The connections of a capture: how many, each by its number, and (made when first asked for) all as a list. */
export interface ConnectionListing {
  readonly connections: readonly ConnectionSummary[];
  readonly count: number;
  summary(index: number): ConnectionSummary;
  readonly interfaces: readonly InterfaceSummary[];
  readonly warnings: readonly string[];
}

/** Every TCP connection in the capture (of the interface read), in order of first appearance. */
export function listConnections(input: CaptureInput, options: Pick<ImportOptions, 'interface' | 'progress'> = {}): ConnectionListing {
  return listScanned(scan(input, undefined, options.interface, options.progress));
}

/** The listing of a capture read by the caller (CaptureScanner). */
export function listScanned({ set, report, interfaces }: Scanned): ConnectionListing {
  const lazy = lazyList(set);
  return {
    get connections() {
      return lazy.list;
    },
    count: set.count,
    summary: (i) => set.summary(i),
    interfaces,
    warnings: report.warnings,
  };
}

export function importCapture(input: CaptureInput, options: ImportOptions = {}): ImportResult {
  return importScanned(scan(input, options.connection ?? 1, options.interface, options.progress), options, 'text' in input ? 'line' : 'record');
}

/**
 * The import of a capture read by the caller: a CaptureScanner given `{ connection:
 * options.connection ?? 1, interface: options.interface }`, every byte pushed, then ended.
 */
export function importScanned(scanned: Scanned, options: ImportOptions = {}, unit: 'record' | 'line' = 'record'): ImportResult {
  const { set: table, report, interfaces } = scanned;
  const chosen = table.chosen;
  if (table.matching.length > 1) {
    const all = table.matching.map((c) => `${c.index} (${c.a} → ${c.b})`).join(', ');
    throw new CaptureError(`'${choiceText(options.connection!)}' matches ${table.matching.length} connections: ${all}; choose one by its number`);
  }
  if (table.count === 0) throw new CaptureError(`the capture holds no TCP segment${report.warnings.length > 0 ? ` (${report.warnings.join('; ')})` : ''}`);
  if (typeof options.connection === 'object') return importAll(unit, options, table, report, interfaces);
  if (!chosen) {
    const want = options.connection ?? 1;
    throw new CaptureError(
      `no connection ${typeof want === 'number' ? `number ${want}` : `with endpoint ${choiceText(want)}`}: the capture holds ${table.count} (list them with --list)`,
    );
  }
  const { segments, tooBig } = icmpApart(table.kept);
  const flagged = segments.filter((p) => p.flags !== 0);
  if (flagged.length < segments.length) report.warnings.push(`${segments.length - flagged.length} segment(s) without any flag left out`);
  const { packets, scaleKnown } = checkOptions(dropDoubled(flagged, report), report, unit);
  const sideOf = (p: TcpPacket): Side => (endpointText(p.src, p.srcPort) === chosen.a ? 0 : 1);
  const arrivals = options.arrivals ?? true;
  const { kept, forged } = splitForged(segmentToMss(packets, sideOf, report, unit, tooBig), sideOf);
  let segs = infer(kept, sideOf, arrivals, tooBig);
  const scale = windowScale(segs);
  if (options.collapse) {
    const windows = windowsBefore(segs);
    segs = collapse(segs, (receiver, seg) => windows.get(seg)![receiver] * 2 ** (scale?.[receiver] ?? 0));
  }
  const participants = roles(segs, chosen, options.names);
  const relative = (options.relative ?? true) ? symbols(participants) : undefined;
  const writeOptions = options.options ?? WRITE_OPTIONS;
  const stack = stackLine(options.stack, segs, writeOptions);
  const write = {
    header: [
      `Imported by tcpflow-cli from ${options.source ?? 'a capture'}: connection ${chosen.index} of ${table.count}, ${chosen.segments} segment${chosen.segments === 1 ? '' : 's'}.`,
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
    forged: forged.map((p) => fromPacket(p, sideOf(p))),
  };
  const text = arrivals ? writeArrivals(segs, timeline(segs, scaleKnown ? scale : undefined), write) : writeFlow(segs, write);
  return importResult(text, table, report, interfaces, { chosen, participants, notWritten: writeOptions ? [] : notWritten(segs) });
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
    return {
      stack: 'linux fastopen',
      note: 'The capture uses TCP Fast Open (RFC 7413), which only the linux and freebsd profiles know: stack linux fastopen is written (--stack freebsd for FreeBSD).',
    };
  }
  // The stacks that know Fast Open: the vocabulary's one list.
  return { stack: (OPTION_PROFILES.fastopen as readonly string[] | undefined)?.includes(stack) ? `${stack} fastopen` : stack };
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
function importAll(unit: 'record' | 'line', options: ImportOptions, table: ConnectionSet, report: ReadReport, interfaces: InterfaceSummary[]): ImportResult {
  const first = table.summary(1);
  const [ha, hb] = [hostOf(first.a), hostOf(first.b)];
  const between = (c: ConnectionSummary): boolean => (hostOf(c.a) === ha && hostOf(c.b) === hb) || (hostOf(c.a) === hb && hostOf(c.b) === ha);
  // Only connections whose segments were kept can be between the two hosts (the scan keeps those).
  const included: ConnectionSummary[] = [];
  for (const n of Array.from(table.keptBy.keys()).sort((a, b) => a - b)) {
    const c = table.summary(n);
    if (between(c)) included.push(c);
  }
  const left = table.count - included.length;
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
    const { segments: raw, tooBig } = icmpApart(table.keptBy.get(c.index) ?? []);
    const flagged = raw.filter((p) => p.flags !== 0);
    const { packets, scaleKnown } = checkOptions(dropDoubled(flagged, report), report, unit);
    const client = clientEnd(c);
    const sideOf = (p: TcpPacket): Side => (endpointText(p.src, p.srcPort) === client ? 0 : 1);
    const { kept, forged } = splitForged(segmentToMss(packets, sideOf, report, unit, tooBig), sideOf);
    const segs = infer(kept, sideOf, true, tooBig);
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
      relative: (options.relative ?? true) ? [`x${keepSymbol ? reused.index : c.index}`, `y${c.index}`] : undefined,
      bases: keepSymbol ? [reused.clientIsn, undefined] : undefined,
      windows: c.opened && scaleKnown,
      forged: forged.map((p) => fromPacket(p, sideOf(p))),
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
  return importResult(text, table, report, interfaces, { chosen: first, participants, notWritten: writeOptions ? [] : notWritten(allSegs), included: ends });
}

/** A connection's segments, and apart from them the ICMP "fragmentation needed" / "packet too big" messages about them. */
function icmpApart(kept: readonly TcpPacket[]): { segments: TcpPacket[]; tooBig: TcpPacket[] } {
  const segments: TcpPacket[] = [];
  const tooBig: TcpPacket[] = [];
  for (const p of kept) (p.icmpMtu === undefined ? segments : tooBig).push(p);
  return { segments, tooBig };
}

/** Reads the whole capture: pcap and pcapng streamed (scan.ts), tcpdump text parsed. */
function scan(
  input: CaptureInput,
  choice: ConnectionChoice | undefined,
  ifaceChoice: InterfaceChoice | undefined,
  progress?: ImportOptions['progress'],
): Scanned {
  if ('bytes' in input) return scanSource(input.bytes, { connection: choice, interface: ifaceChoice }, progress);
  const report: ReadReport = { warnings: [] };
  const table = new ConnectionTable(choice ?? 1);
  const picker = new InterfacePicker(ifaceChoice, report);
  for (const p of parseTcpdumpText(input.text, report)) if (picker.take(p.iface ?? 0)) table.add(p);
  return { set: table, report, interfaces: picker.finish(), decoded: 0 };
}

/** An import's result: what one or all connections wrote (`own`), the capture's connections listed lazily. */
function importResult(
  text: string,
  table: ConnectionSet,
  report: ReadReport,
  interfaces: readonly InterfaceSummary[],
  own: Pick<ImportResult, 'chosen' | 'participants' | 'notWritten' | 'included'>,
): ImportResult {
  const lazy = lazyList(table);
  return {
    text,
    get connections() {
      return lazy.list;
    },
    connectionCount: table.count,
    ...own,
    interfaces: report.interfaces ? interfaces : [],
    warnings: report.warnings,
  };
}

/** The connections as a list, made when first asked for (a capture may hold millions). */
function lazyList(set: ConnectionSet): { readonly list: readonly ConnectionSummary[] } {
  let list: ConnectionSummary[] | undefined;
  return {
    get list(): readonly ConnectionSummary[] {
      if (!list) {
        list = [];
        for (let i = 1; i <= set.count; i++) list.push(set.summary(i));
      }
      return list;
    },
  };
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
