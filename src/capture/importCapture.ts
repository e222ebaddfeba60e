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
import { endOf, type Seg, type Side } from './segment.js';
import { OPTION_PROFILES } from '../core/index.js';
import { endpointText, SYN, ACK, FIN, RST, type TcpPacket } from './packet.js';
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
  const unit = 'text' in input ? 'line' : 'record';
  const scanned = scan(input, options.connection ?? 1, options.interface, options.progress);
  // A connection whose SYN met the socket of the one before it on its four-tuple is written
  // with that one: read the capture again, keeping its packets too.
  const earlier = earlierToKeep(scanned, options);
  if (earlier === undefined) return importScanned(scanned, options, unit);
  return importScanned(scan(input, options.connection ?? 1, options.interface, undefined, earlier), options, unit);
}

/**
 * After a first reading: the earlier connection whose packets a second reading must keep too
 * (`ScanOptions.alsoKeep`), when the chosen connection's SYN met that connection's socket and the
 * import writes both; undefined when one reading is enough. For callers that read the capture
 * themselves (`importScanned`).
 */
export function earlierToKeep(scanned: Scanned, options: ImportOptions = {}): number | undefined {
  if (typeof options.connection === 'object') return undefined;
  const earlier = earlierMet(scanned.set);
  return earlier !== undefined && !scanned.set.keptBy.has(earlier) ? earlier : undefined;
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
  const earlier = earlierMet(table);
  if (earlier !== undefined && table.keptBy.has(earlier)) return importWithEarlier(earlier, unit, options, table, report, interfaces);
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
  const segments = included.reduce((n, c) => n + c.segments, 0);
  const { text, allSegs } = connectionsDocument(included, unit, options, table, report, {
    clientEnd,
    label: (c) => (oneServer ? clientEnd(c) : `${clientEnd(c)} → ${serverEnd(c)}`),
    participants: [ha, oneServer ? [...serverEnds][0]! : hb],
    header: `Imported by tcpflow-cli from ${options.source ?? 'a capture'}: ${included.length} connection${included.length === 1 ? '' : 's'} between ${ha} and ${hb}, ${segments} segment${segments === 1 ? '' : 's'}.`,
  });
  const ends = included.map((c) => ({ ...c, client: clientEnd(c), server: serverEnd(c) }));
  const writeOptions = options.options ?? WRITE_OPTIONS;
  const participants = participantsOf(options, [ha, oneServer ? [...serverEnds][0]! : hb]);
  return importResult(text, table, report, interfaces, { chosen: first, participants, notWritten: writeOptions ? [] : notWritten(allSegs), included: ends });
}

/**
 * The chosen connection's first SYN met another socket on its four-tuple: the first thing its
 * receiver sent after it is an ACK (no SYN, no RST) — the challenge ACK of an end of an earlier
 * connection still synchronized there (RFC 9293 §3.10.7.4, RFC 5961 §4.2), not a listener's
 * SYN+ACK. Then that earlier connection belongs in the document: the new one carries its socket on.
 */
function metOldSocket(packets: readonly TcpPacket[]): boolean {
  const syn = packets.findIndex((p) => (p.flags & (SYN | ACK)) === SYN);
  if (syn < 0) return false;
  const opener = endpointText(packets[syn]!.src, packets[syn]!.srcPort);
  const answer = packets.slice(syn + 1).find((p) => endpointText(p.src, p.srcPort) !== opener);
  return answer !== undefined && (answer.flags & (SYN | ACK | RST)) === ACK;
}

/** The earlier connection on the chosen one's four-tuple, when the chosen one's SYN met its socket (and so it is written too). */
function earlierMet(set: ConnectionSet): number | undefined {
  const chosen = set.chosen;
  if (!chosen) return undefined;
  const earlier = set.earlier(chosen.index);
  return earlier !== undefined && metOldSocket(set.kept) ? earlier : undefined;
}

/**
 * One connection whose SYN met the socket of the connection before it on its four-tuple (still
 * synchronized at the peer): both, as one document (`connection c<E>`, then `connection c<N>
 * reuses c<E>`), since the new connection's first segments are that old socket's. Alone, the new
 * one would start at a listener that cannot have sent them.
 */
function importWithEarlier(
  earlier: number,
  unit: 'record' | 'line',
  options: ImportOptions,
  table: ConnectionSet,
  report: ReadReport,
  interfaces: InterfaceSummary[],
): ImportResult {
  const chosen = table.chosen!;
  const old = table.summary(earlier);
  const clientEnd = (c: ConnectionSummary): string => (c.a === chosen.a || c.b === chosen.a ? chosen.a : c.a);
  const { text, allSegs } = connectionsDocument([old, chosen], unit, options, table, report, {
    clientEnd,
    label: clientEnd,
    participants: [chosen.a, chosen.b],
    header: `Imported by tcpflow-cli from ${options.source ?? 'a capture'}: connection ${chosen.index} of ${table.count}, ${chosen.segments} segment${chosen.segments === 1 ? '' : 's'}, after connection ${earlier} (${old.segments} segment${old.segments === 1 ? '' : 's'}), written first because connection ${chosen.index} reuses its four-tuple and its SYN met that connection's socket.`,
  });
  const writeOptions = options.options ?? WRITE_OPTIONS;
  return importResult(text, table, report, interfaces, {
    chosen,
    participants: participantsOf(options, [chosen.a, chosen.b]),
    notWritten: writeOptions ? [] : notWritten(allSegs),
  });
}

/** The two participants of a document of several connections: the client host's end, and the server's. */
function participantsOf(options: ImportOptions, labels: readonly [string, string]): [Participant, Participant] {
  const names = options.names ?? ['Client', 'Server'];
  return [
    { name: names[0], label: labels[0], role: 'client' },
    { name: names[1], label: labels[1], role: 'server' },
  ];
}

interface SeveralPlan {
  /** A connection's client end (the client host's). */
  readonly clientEnd: (c: ConnectionSummary) => string;
  /** A connection's label (`connection cN as "…"`). */
  readonly label: (c: ConnectionSummary) => string;
  readonly participants: readonly [string, string];
  readonly header: string;
}

/** The kernel profiles with Linux's tcp_fin_timeout (60 s): an orphaned FIN_WAIT_2 ends by itself after that long of `wait`. */
const FIN_TIMEOUT_MS = 60_000;

/**
 * Several connections between the same two hosts as one document (writeConnections). Where one
 * reuses a four-tuple while the opener's end of the earlier connection is, as written, still
 * synchronized, that end was over when the opener sent its new SYN (a host sends a SYN on a
 * four-tuple only when no socket of its own holds it, or a TIME_WAIT it may reuse): its own
 * timer ended it without a segment (Linux's tcp_fin_timeout for an orphaned FIN_WAIT_2, a user
 * timeout, retransmissions that gave up) — `timeout`, just before the new connection.
 */
function connectionsDocument(
  included: readonly ConnectionSummary[],
  unit: 'record' | 'line',
  options: ImportOptions,
  table: ConnectionSet,
  report: ReadReport,
  plan: SeveralPlan,
): { text: string; allSegs: Seg[] } {
  const parts: ConnectionPart[] = [];
  const lastOnTuple = new Map<string, { part: number; index: number; clientIsn: number | undefined }>();
  const allSegs: Seg[] = [];
  const participants = participantsOf(options, plan.participants);
  for (const c of included) {
    const { segments: raw, tooBig } = icmpApart(table.keptBy.get(c.index) ?? (c.index === table.chosen?.index ? table.kept : []));
    const flagged = raw.filter((p) => p.flags !== 0);
    const { packets, scaleKnown } = checkOptions(dropDoubled(flagged, report), report, unit);
    const client = plan.clientEnd(c);
    const sideOf = (p: TcpPacket): Side => (endpointText(p.src, p.srcPort) === client ? 0 : 1);
    const { kept, forged } = splitForged(segmentToMss(packets, sideOf, report, unit, tooBig), sideOf);
    const segs = infer(kept, sideOf, true, tooBig);
    for (const s of segs) allSegs.push(s);
    const name = `c${c.index}`;
    const tuple = [c.a, c.b].sort().join(' ');
    const reused = lastOnTuple.get(tuple);
    const before = reused ? parts[reused.part] : undefined;
    lastOnTuple.set(tuple, { part: parts.length, index: c.index, clientIsn: isnOf(segs, 0) });
    // On a reused four-tuple the client's new ISN is written against the old one's symbol, so
    // the end still in TIME_WAIT can tell it is above the old sequence space.
    const keepSymbol = reused !== undefined && reused.clientIsn !== undefined && isnOf(segs, 0) !== undefined;
    const relative: [string, string] | undefined = (options.relative ?? true) ? [`x${keepSymbol ? reused.index : c.index}`, `y${c.index}`] : undefined;
    const bases: [number | undefined, number | undefined] = [keepSymbol ? reused.clientIsn : isnOf(segs, 0), isnOf(segs, 1)];
    const events = timeline(segs, scaleKnown ? windowScale(segs) : undefined);
    if (before && openerStillOpen(before.segs)) {
      const gapMs = (firstTime(segs) - lastTime(before.segs)) / 1000;
      const linuxTimer = (options.stack ?? '').split(/\s+/)[0] === 'linux' && finWait2(before.segs) && gapMs >= FIN_TIMEOUT_MS;
      if (!linuxTimer) {
        const who = participants[0].name;
        parts[reused!.part] = {
          ...before,
          timeout: {
            side: 0,
            atUs: events[0]?.atUs ?? firstTime(segs),
            why: finWait2(before.segs)
              ? `${who}'s end of ${before.name} (FIN_WAIT_2, its application had closed) ended here without a segment: its FIN_WAIT_2 timer (Linux's tcp_fin_timeout) ran out — its new SYN from the same port shows that socket was gone`
              : `${who}'s end of ${before.name} ended here without a segment (a timer gave up): its new SYN from the same port shows that socket was gone`,
          },
        };
      }
    }
    parts.push({
      name,
      label: plan.label(c),
      reuses: before?.name,
      segs,
      events,
      relative,
      bases: keepSymbol ? [reused.clientIsn, undefined] : undefined,
      // The earlier connection's numbers, for the old socket's segments in this one (a challenge ACK, the RST that answers it).
      ...(before?.relative && before.own ? { earlier: { relative: before.relative, bases: before.own } } : {}),
      own: bases,
      windows: c.opened && scaleKnown,
      forged: forged.map((p) => fromPacket(p, sideOf(p))),
    });
    if (keepSymbol) lastOnTuple.set(tuple, { part: parts.length - 1, index: reused.index, clientIsn: reused.clientIsn });
  }
  const writeOptions = options.options ?? WRITE_OPTIONS;
  const stack = stackLine(options.stack, allSegs, writeOptions);
  const text = writeConnections(parts, {
    header: [plan.header, ...(stack.note ? [stack.note] : [])],
    title: `${plan.participants[0]} → ${plan.participants[1]}`,
    stack: stack.stack,
    participants,
    windows: true,
    waitMs: options.waitMs ?? 100,
    options: writeOptions,
    warnings: report.warnings,
  });
  return { text, allSegs };
}

const firstTime = (segs: readonly Seg[]): number => segs.find((s) => !s.inferred)?.timeUs ?? 0;
const lastTime = (segs: readonly Seg[]): number => segs.reduce((t, s) => (s.inferred ? t : Math.max(t, s.timeUs)), 0);

/**
 * Is the opener's end (side 0) of a connection still synchronized at its end, as the document
 * writes it? Not after a RST either way, nor once both sides sent their FIN (TIME_WAIT or CLOSED).
 */
function openerStillOpen(segs: readonly Seg[]): boolean {
  const fin = [false, false];
  let synchronized = false;
  for (const s of segs) {
    if (s.lost || s.duplicate) continue;
    if (s.flags & RST) return false;
    if (s.flags & FIN) fin[s.side] = true;
    if (s.side === 0 && s.flags & ACK) synchronized = true;
  }
  return synchronized && !(fin[0] && fin[1]);
}

/** The opener closed (its FIN acknowledged) and the peer never sent a FIN: the opener waits in FIN_WAIT_2. */
function finWait2(segs: readonly Seg[]): boolean {
  const fin = segs.find((s) => s.side === 0 && s.flags & FIN && !s.lost);
  return (
    fin !== undefined && segs.some((s) => s.side === 1 && s.flags & ACK && !s.lost && s.ack === endOf(fin)) && !segs.some((s) => s.side === 1 && s.flags & FIN)
  );
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
  alsoKeep?: number,
): Scanned {
  if ('bytes' in input) return scanSource(input.bytes, { connection: choice, interface: ifaceChoice, alsoKeep }, progress);
  const report: ReadReport = { warnings: [] };
  const table = new ConnectionTable(choice ?? 1, alsoKeep);
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
