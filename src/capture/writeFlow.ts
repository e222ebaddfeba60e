/**
 * Writes inferred segments as a `.tcpflow` document: a header saying where it came from, the
 * participants, then one line per segment (`&` for crossing, `-x` for lost), the calls before
 * FINs and RSTs, and `wait` where the capture shows a pause.
 */

import { segmentFields, segmentLine as spellSegment, type Flag } from '../core/index.js';
import { FLAG_NAMES, RST, SYN, ACK } from './packet.js';
import type { Seg, Side } from './infer.js';
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
}

/** The flags of a TCP header's flag bits, as the language names them. */
function flagsOf(bits: number): Flag[] {
  return FLAG_NAMES.filter(([b]) => bits & b).map(([, name]) => name as Flag);
}

function waitText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = Math.round(ms) / 1000;
  return `${s}s`;
}

export function writeFlow(segs: readonly Seg[], o: WriteOptions): string {
  const out: string[] = [...o.header.map((h) => `# ${h}`), `title ${o.title}`];
  if (o.stack) out.push(`stack ${o.stack}`);
  out.push('');
  for (const p of o.participants) out.push(`${p.role} ${p.name} as "${p.label.replace(/[\\"]/g, '\\$&')}"${p.state ? ` state ${p.state}` : ''}`);
  out.push('');
  const bases: (number | undefined)[] = [undefined, undefined];
  // Each side's symbol stands for its SYN's number when the flow has one.
  for (const s of segs) if (s.flags & SYN && s.seq !== undefined && bases[s.side] === undefined) bases[s.side] = s.seq;
  const value = (side: Side, v: number): string => {
    if (!o.relative) return String(v);
    if (bases[side] === undefined) bases[side] = v;
    const off = wrap(v - bases[side]!);
    const sym = o.relative[side];
    return off === 0 ? sym : off >= 0x8000_0000 ? `${sym}-${0x1_0000_0000 - off}` : `${sym}+${off}`;
  };
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
        if (m.call && !movedPast[m.side]) calls.push(`${o.participants[m.side].name} ${m.call}`);
        movedPast[m.side] = true;
        j++;
      } while (j < segs.length && segs[j]!.crossing);
      if (lastUs !== undefined && !s.inferred && s.timeUs - lastUs >= o.waitMs * 1000) out.push(`wait ${waitText((s.timeUs - lastUs) / 1000)}`);
      out.push(...calls);
    }
    if (!s.inferred && (lastUs === undefined || s.timeUs > lastUs)) lastUs = s.timeUs; // a late arrival moved down keeps its earlier time
    if (s.inferred) out.push('# not in the capture: inferred from the numbers around it');
    if (s.duplicate) {
      // Its sender sent it once: a segment line would claim a second send, which no TCP makes of
      // acknowledged octets. The copy is kept as a comment where it arrived.
      out.push('# the network or the capture duplicated a segment here; the copy (not sent again by its sender):', `#   ${segmentLine(s, o, value)}`);
      continue;
    }
    if (s.reordered) out.push('# captured after the next segment: it arrived late (reordered), written where it was sent');
    if (s.merged) out.push(`# ${s.merged} segments collapsed into one line`);
    out.push(segmentLine(s, o, value));
  }
  return `${out.join('\n')}\n`;
}

function segmentLine(s: Seg, o: WriteOptions, value: (side: Side, v: number) => string): string {
  const syn = (s.flags & SYN) !== 0;
  const fields = segmentFields({
    seq: s.seq !== undefined ? value(s.side, s.seq) : undefined,
    ack: s.flags & ACK ? value((1 - s.side) as Side, s.ack) : undefined,
    len: s.len,
    win: o.windows && !s.inferred && !(s.flags & RST) ? s.win : undefined,
    mss: syn ? s.mss : undefined,
    wscale: syn ? s.wscale : undefined,
  });
  return spellSegment({ crossing: s.crossing, from: o.participants[s.side].name, lost: s.lost, to: o.participants[1 - s.side]!.name, flags: flagsOf(s.flags), fields });
}
