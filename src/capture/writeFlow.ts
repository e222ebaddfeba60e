/**
 * Writes inferred segments as a `.tcpflow` document: a header saying where it came from, the
 * participants, then one line per segment (`&` for crossing, `-x` for lost), the calls before
 * FINs and RSTs, and `wait` where the capture shows a pause.
 */

import { HALF_32, segmentFields, segmentLine as spellSegment, SPACE_32, type Flag } from '../core/index.js';
import { FLAG_NAMES, RST, SYN, ACK } from './packet.js';
import { DROP_REASONS, type Seg, type Side } from './segment.js';
import type { TimedEvent } from './timeline.js';
import { oneLine, quoted } from './plainText.js';
import { wrap } from './seqMath.js';

export interface Participant {
  readonly name: string;
  readonly label: string;
  readonly role: 'client' | 'server' | 'peer';
  /** Set when the capture starts after the handshake. */
  readonly state?: string;
}

export interface WriteOptions {
  readonly header: readonly string[];
  readonly title: string;
  readonly stack?: string | undefined;
  readonly participants: readonly [Participant, Participant];
  /** Rebase each side's numbers to a symbol (its ISN, or the first number seen). */
  readonly relative?: readonly [string, string] | undefined;
  /** Keep `win=`: false when window scaling is unknown (no handshake in the capture). */
  readonly windows: boolean;
  /** A pause at least this long becomes a `wait` line. */
  readonly waitMs: number;
  /** Write the TCP options the language has fields for (`sackOK`, `sack=`, `ts=`, `ecr=`, `cookie`). */
  readonly options?: boolean;
  /** Where to say that a pause was too long to write as it is (a broken timestamp). */
  readonly warnings?: string[];
  /** Segments with an endpoint's addresses that its TCP did not send (forged.ts): written as a third party's where they were captured. */
  readonly forged?: readonly Seg[];
}

/** The flags of a TCP header's flag bits, as the language names them. */
function flagsOf(bits: number): Flag[] {
  return FLAG_NAMES.filter(([b]) => bits & b).map(([, name]) => name as Flag);
}

/**
 * The longest pause written (10^9 s, about 31 years): a capture clock that jumps further is
 * broken (a corrupt timestamp). Below it every duration is plain digits, which `wait` reads
 * (`1e+23s` would not be).
 */
const MAX_WAIT_MS = 1e12;

/** The `wait` line for a pause (and a comment before it when the pause is cut to MAX_WAIT_MS). */
function pushWait(out: string[], ms: number, o: Pick<WriteOptions, 'warnings'>): void {
  if (!(ms <= MAX_WAIT_MS)) {
    const text = `the capture's clock jumps by more than ${MAX_WAIT_MS / 1000}s (about 31 years) here, a broken timestamp: the wait is written as ${MAX_WAIT_MS / 1000}s`;
    out.push(`# ${text}`);
    o.warnings?.push(text);
    ms = MAX_WAIT_MS;
  }
  out.push(`wait ${ms < 1000 ? `${Math.round(ms)}ms` : `${Math.round(ms) / 1000}s`}`);
}

/** Appends every line of `lines` (no spread: a list may hold a whole capture). */
function pushAll(out: string[], lines: readonly string[]): void {
  for (const l of lines) out.push(l);
}

type Value = (side: Side, v: number) => string;

/** The header, title, stack and participants. */
function header(o: WriteOptions): string[] {
  const out: string[] = [];
  for (const h of o.header) out.push(`# ${oneLine(h)}`);
  out.push(`title ${oneLine(o.title)}`);
  if (o.stack) out.push(`stack ${oneLine(o.stack)}`);
  out.push('');
  for (const p of o.participants) out.push(`${p.role} ${p.name} as ${quoted(p.label)}${p.state ? ` state ${p.state}` : ''}`);
  out.push('');
  return out;
}

/** An earlier connection on the same four-tuple: its symbols and what they stand for. */
interface EarlierNumbers {
  readonly relative: readonly [string, string];
  readonly bases: readonly [number | undefined, number | undefined];
}

/** How far apart two numbers are on the 32-bit circle, either way. */
const apart = (a: number, b: number): number => Math.min(wrap(a - b), wrap(b - a));

/**
 * How one connection's numbers are written: raw, or relative to each side's symbol. With an
 * earlier connection on the same four-tuple (whose socket the new SYN met), a number nearer to
 * that connection's base than to this one's is written against the earlier symbol: the old
 * socket's challenge ACK, the RST that answers it.
 */
function valueFor(
  segs: readonly Seg[],
  relative: readonly [string, string] | undefined,
  given?: readonly [number | undefined, number | undefined],
  earlier?: EarlierNumbers,
): Value {
  const bases: (number | undefined)[] = [given?.[0], given?.[1]];
  // Each side's symbol stands for its SYN's number when the flow has one.
  for (const s of segs) if (s.flags & SYN && s.seq !== undefined && bases[s.side] === undefined) bases[s.side] = s.seq;
  return (side: Side, v: number): string => {
    if (!relative) return String(v);
    if (bases[side] === undefined) bases[side] = v;
    let base = bases[side]!;
    let sym = relative[side];
    const old = earlier?.bases[side];
    if (earlier && old !== undefined && apart(v, old) < apart(v, base)) {
      base = old;
      sym = earlier.relative[side];
    }
    const off = wrap(v - base);
    return off === 0 ? sym : off >= HALF_32 ? `${sym}-${SPACE_32 - off}` : `${sym}+${off}`;
  };
}

function preamble(segs: readonly Seg[], o: WriteOptions): { out: string[]; value: Value } {
  return { out: header(o), value: valueFor(segs, o.relative) };
}

export function writeFlow(segs: readonly Seg[], o: WriteOptions): string {
  const { out, value } = preamble(segs, o);
  let lastUs: number | undefined;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    // Calls and waits go before a crossing group, never inside one.
    if (!s.crossing) {
      let j = i;
      const calls: string[] = [];
      // A call may move up to the group's start only past the other side's segments; past its
      // own it would come too early, so it is left implied (a FIN implies close, a RST abort).
      const movedPast = [false, false];
      do {
        const m = segs[j]!;
        if (m.call && !movedPast[m.side]) calls.push(callLine(m, o));
        movedPast[m.side] = true;
        j++;
      } while (j < segs.length && segs[j]!.crossing);
      // Before a retransmission a timer fired: any pause is said (a wait makes it expected).
      const pauseUs = s.resent ? 1000 : o.waitMs * 1000;
      if (lastUs !== undefined && !s.inferred && s.timeUs - lastUs >= pauseUs) pushWait(out, (s.timeUs - lastUs) / 1000, o);
      pushAll(out, calls);
    }
    if (!s.inferred && (lastUs === undefined || s.timeUs > lastUs)) lastUs = s.timeUs; // a late arrival moved down keeps its earlier time
    if (s.inferred) out.push('# not in the capture: inferred from the numbers around it');
    if (s.duplicate) {
      // Its sender sent it once: a segment line would claim a second send, which no TCP makes of
      // acknowledged octets. The copy is kept as a comment where it arrived.
      out.push('# the network or the capture duplicated a segment here; the copy (not sent again by its sender):', `#   ${segmentLine(s, o, value)}`);
      continue;
    }
    if (s.receiverTimedOut) pushAll(out, timedOut(s, o));
    if (s.reordered) out.push('# captured after the next segment: it arrived late (reordered), written where it was sent');
    if (s.merged) out.push(`# ${s.merged} segments collapsed into one line`);
    out.push(segmentLine(s, o, value, { crossing: s.crossing, dropped: s.dropped }));
  }
  return `${out.join('\n')}\n`;
}

/** The call behind a segment (`Server resets "accept queue full"` for the kernel's own reset). */
function callLine(s: Seg, o: WriteOptions): string {
  return `${o.participants[s.side].name} ${s.call}${s.call === 'resets' ? ` ${quoted(DROP_REASONS.acceptQueue)}` : ''}`;
}

/**
 * The `timeout` of a segment's receiver, which had ended silently before it arrived (it answers
 * as a closed port), and a comment saying how the capture shows it.
 */
function timedOut(s: Seg, o: WriteOptions): string[] {
  const to = o.participants[1 - s.side]!.name;
  return [
    `# ${to} had ended without a segment (a user timeout: TCP_USER_TIMEOUT, or retransmissions that gave up): it answers the next segment as a closed port`,
    `${to} timeout`,
  ];
}

interface LineExtras {
  readonly label?: string | undefined;
  readonly crossing?: boolean;
  /** Write `?` (the language's "not in the capture") instead of a comment line. */
  readonly notCaptured?: boolean;
  /** A forged segment: sent by this third party with the segment's side's addresses (`X as A -> B`). */
  readonly forgedBy?: string;
  /** Its receiver's kernel dropped it, for this reason (`dropped "reason"`). */
  readonly dropped?: string | undefined;
}

function segmentLine(s: Seg, o: WriteOptions, value: Value, extras: LineExtras = { crossing: s.crossing }): string {
  const syn = (s.flags & SYN) !== 0;
  const peer = (1 - s.side) as Side;
  const fields = segmentFields({
    seq: s.seq !== undefined ? value(s.side, s.seq) : undefined,
    ack: s.flags & ACK ? value(peer, s.ack) : undefined,
    len: s.len,
    win: o.windows && !s.inferred && !(s.flags & RST) ? s.win : undefined,
    mss: syn ? s.mss : undefined,
    wscale: syn ? s.wscale : undefined,
    ...(o.options && !s.inferred
      ? {
          sackOK: syn && s.sackOk,
          sack: s.sack?.map(([l, r]) => [value(peer, l), value(peer, r)] as const),
          cookie: syn ? (s.tfo === '' ? true : s.tfo) : undefined,
        }
      : {}),
    ...(o.options ? { ts: s.ts?.[0], ecr: s.ts?.[1] } : {}),
  });
  return spellSegment({
    crossing: extras.crossing,
    notCaptured: extras.notCaptured,
    from: extras.forgedBy ?? o.participants[s.side].name,
    ...(extras.forgedBy ? { spoofs: o.participants[s.side].name } : {}),
    lost: s.lost,
    to: o.participants[peer]!.name,
    flags: flagsOf(s.flags),
    fields,
    dropped: extras.dropped !== undefined ? `dropped ${quoted(extras.dropped)}` : undefined,
    label: extras.label,
  });
}

/**
 * Each end as it saw the traffic (timeline.ts): a segment is written where it was sent; when
 * its receiver got it at once (nothing happened in between) that is all, when the two ends each
 * sent one before the other's arrived and they arrive in that order they form an `&` group
 * (crossing), and otherwise it gets a label and an `arrives` line where it arrived (twice when
 * the network duplicated it). A segment the capture did not see is a `?` line.
 */
export function writeArrivals(segs: readonly Seg[], events: readonly TimedEvent[], o: WriteOptions): string {
  const { out, value } = preamble(segs, o);
  pushAll(out, withWaits(withForged(arrivalItems(events, o, value, labeller(o.participants)), o, value), o));
  return `${out.join('\n')}\n`;
}

/** Lines that happen together (a segment and its call, an `&` group, an `arrives`), at the time of the first. */
interface Item {
  readonly atUs: number;
  readonly lines: readonly string[];
  /** It starts with a retransmission: a timer fired, so any pause before it is said (`wait`). */
  readonly timer?: boolean;
}

/**
 * The forged segments as a third party's (`Attacker as Client -> Server: …`), each among the
 * items where it was captured (the items are in time order: one merge, no sort).
 */
function withForged(items: Item[], o: WriteOptions, value: Value): Item[] {
  if (!o.forged?.length) return items;
  const out: Item[] = [];
  let k = 0;
  for (const f of o.forged) {
    while (k < items.length && items[k]!.atUs <= f.timeUs) out.push(items[k++]!);
    const from = o.participants[f.side].name;
    out.push({
      atUs: f.timeUs,
      lines: [
        `# not sent by ${from}'s TCP: a RST with its addresses, beyond every number ${from} had sent, and ${from} goes on below it — forged by a third party (RFC 5961)`,
        segmentLine(f, o, value, { forgedBy: o.participants.some((p) => p.name === 'Attacker') ? 'Attacker_' : 'Attacker' }),
      ],
    });
  }
  while (k < items.length) out.push(items[k++]!);
  return out;
}

/** Labels unique in the document: a stem per side (`c`, `s`) and a number that only grows. */
function labeller(p: readonly [Participant, Participant]): (s: Seg) => string {
  const labels = new Map<Seg, string>();
  const counters = [0, 0];
  const stems = labelStems(p);
  return (s: Seg): string => {
    let l = labels.get(s);
    if (!l) labels.set(s, (l = `${stems[s.side]}${++counters[s.side]!}`));
    return l;
  };
}

/** `wait` lines where the items are far enough apart. */
function withWaits(items: readonly Item[], o: Pick<WriteOptions, 'waitMs' | 'warnings'>): string[] {
  const out: string[] = [];
  let lastUs: number | undefined;
  for (const item of items) {
    if (lastUs !== undefined && item.atUs - lastUs >= (item.timer ? 1000 : o.waitMs * 1000)) pushWait(out, (item.atUs - lastUs) / 1000, o);
    lastUs = lastUs === undefined ? item.atUs : Math.max(lastUs, item.atUs);
    pushAll(out, item.lines);
  }
  return out;
}

function arrivalItems(events: readonly TimedEvent[], o: WriteOptions, value: Value, labelOf: (s: Seg) => string): Item[] {
  const items: Item[] = [];
  const arrivals = new Map<Seg, number>();
  for (const e of events) if (e.kind === 'arrive') arrivals.set(e.seg, (arrivals.get(e.seg) ?? 0) + 1);
  const done = new Set<number>();
  for (let i = 0; i < events.length; i++) {
    if (done.has(i)) continue;
    const e = events[i]!;
    if (e.kind === 'arrive') {
      const lines = [`arrives ${labelOf(e.seg)}`];
      items.push({ atUs: e.atUs, lines: e.seg.receiverTimedOut && e.copy === 0 ? [...timedOut(e.seg, o), ...lines] : lines });
      continue;
    }
    // A run of sends whose arrivals follow right after, in the same order: an `&` group.
    // (Only a run of two can be a group: look no further than a third send.)
    let j = i;
    while (j + 1 < events.length && j < i + 2 && events[j + 1]!.kind === 'send') j++;
    const run = events.slice(i, j + 1).map((x) => x.seg);
    let k = 0;
    while (
      k < run.length &&
      !run[k]!.lost &&
      run[k]!.dropped === undefined &&
      arrivals.get(run[k]!) === 1 &&
      events[j + 1 + k]?.kind === 'arrive' &&
      events[j + 1 + k]!.seg === run[k]
    )
      k++;
    // Only segments of different senders (crossing) share a group: a sender's own segments in
    // flight get labels, so each arrival is a step of its own (each state the receiver passes).
    const crossing = run.length === 2 && run[0]!.side !== run[1]!.side;
    const group = k === run.length && crossing ? run.length : 1;
    const members = events.slice(i, i + group).map((x) => x.seg);
    const lines: string[] = [];
    // A receiver that ended silently before a member arrived at once: its timeout comes first.
    for (let g = 0; g < group; g++) {
      const m = events[i + g]!.seg;
      const next = events[i + g + 1];
      const atOnce = group === 1 && !m.lost && arrivals.get(m) === 1 && next?.kind === 'arrive' && next.seg === m;
      if (m.receiverTimedOut && (atOnce || group > 1)) pushAll(lines, timedOut(m, o));
    }
    // The calls behind the group's FINs and RSTs come before it (one per side: a later one is implied).
    const sides = new Set<Side>();
    for (const m of members) {
      if (m.call && !sides.has(m.side)) lines.push(callLine(m, o));
      sides.add(m.side);
    }
    members.forEach((m, g) => {
      done.add(i + g);
      if (m.merged) lines.push(`# ${m.merged} segments collapsed into one line`);
      const next = events[i + g + 1];
      const atOnce = group === 1 && !m.lost && arrivals.get(m) === 1 && next?.kind === 'arrive' && next.seg === m;
      const label = m.lost || atOnce || group > 1 ? undefined : labelOf(m);
      if (atOnce) done.add(i + g + 1);
      lines.push(segmentLine(m, o, value, { crossing: g > 0, label, notCaptured: m.inferred, dropped: atOnce ? m.dropped : undefined }));
    });
    if (group > 1) for (let g = 0; g < group; g++) done.add(j + 1 + g);
    items.push({ atUs: e.atUs, lines, timer: members[0]!.resent === true && !members[0]!.inferred });
  }
  return items;
}

/** One connection of a document with several (`connection NAME as "LABEL" [reuses NAME]`). */
export interface ConnectionPart {
  readonly name: string;
  readonly label: string;
  readonly reuses?: string | undefined;
  readonly segs: readonly Seg[];
  readonly events: readonly TimedEvent[];
  readonly relative?: readonly [string, string] | undefined;
  /** What each side's symbol stands for, when not its SYN's number (a reused four-tuple keeps the old client symbol). */
  readonly bases?: readonly [number | undefined, number | undefined] | undefined;
  readonly windows: boolean;
  readonly forged?: readonly Seg[];
  /** What this connection's own symbols stand for (each side's ISN), for a later connection that meets its socket. */
  readonly own?: readonly [number | undefined, number | undefined] | undefined;
  /** The connection it reuses, when its SYN met that one's socket: numbers nearer that one's are written with its symbols. */
  readonly earlier?: EarlierNumbers | undefined;
  /** One end ended here without a segment (`timeout`), with why the evidence says so (a comment above it). */
  readonly timeout?: { readonly side: Side; readonly atUs: number; readonly why: string } | undefined;
}

/**
 * Several connections between the same two hosts as one document: each connection's lines as
 * writeArrivals writes them, interleaved in time, a `connection` line wherever the next line
 * belongs to another connection than the last (`as` and `reuses` the first time).
 */
export function writeConnections(parts: readonly ConnectionPart[], o: WriteOptions): string {
  const out = header(o);
  const labelOf = labeller(o.participants);
  const all: { part: number; item: Item }[] = [];
  parts.forEach((p, part) => {
    const po: WriteOptions = { ...o, relative: p.relative, windows: p.windows, forged: p.forged };
    const value = valueFor(p.segs, p.relative, p.bases, p.earlier);
    for (const item of withForged(arrivalItems(p.events, po, value, labelOf), po, value)) all.push({ part, item });
    if (p.timeout) all.push({ part, item: { atUs: p.timeout.atUs, lines: [`# ${p.timeout.why}`, `${o.participants[p.timeout.side].name} timeout`] } });
  });
  all.sort((a, b) => a.item.atUs - b.item.atUs || a.part - b.part); // stable: each part's own order stays
  const started = new Set<number>();
  let current: number | undefined;
  const items: Item[] = all.map(({ part, item }) => {
    if (part === current) return item;
    current = part;
    const p = parts[part]!;
    const first = !started.has(part);
    started.add(part);
    const line = first ? `connection ${p.name} as ${quoted(p.label)}${p.reuses ? ` reuses ${p.reuses}` : ''}` : `connection ${p.name}`;
    return { ...item, lines: [line, ...item.lines] };
  });
  pushAll(out, withWaits(items, o));
  return `${out.join('\n')}\n`;
}

/** Label stems for the two sides: their names' first letters, or the whole names if those are alike. */
function labelStems(p: readonly [Participant, Participant]): [string, string] {
  const clean = (n: string): string => n.toLowerCase().replace(/[^a-z0-9_]/g, '') || 'seg';
  const a = clean(p[0].name);
  const b = clean(p[1].name);
  return a[0] !== b[0] ? [a[0]!, b[0]!] : a !== b ? [a, b] : [`${a}a`, `${b}b`];
}
