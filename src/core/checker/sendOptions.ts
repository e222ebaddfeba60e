/**
 * What a sender's TCP options may say (RFC 2018 with D-SACK from RFC 2883, RFC 7323): SYN-only
 * options elsewhere, a SYN+ACK answering only what the SYN offered, SACK blocks, timestamps.
 * `checkSendOptions` judges a segment's options against what the connection negotiated and
 * what the sender has received (the model's `Endpoint.opts`, model/types.ts).
 */

import type { Field, SegmentStmt } from '../language/ast.js';
import { diag } from '../common/diagnostics.js';
import { optionState, type Endpoint } from '../model/endpoint.js';
import type { Kind } from '../model/segmentKind.js';
import { diff, format, type Seq } from '../model/seq.js';
import { synOptions, tsDiff } from '../model/tcpOptions.js';
import { synAckEcrBeforeSyn } from '../model/paws.js';
import type { OptionState, SegOptions } from '../model/types.js';
import type { SendContext } from './sendContext.js';
import { MAX_SACK_BLOCKS, MAX_SACK_BLOCKS_WITH_TS, SYN_ONLY_FIELDS, type Flag } from '../common/vocabulary.js';

/** A segment line's option fields, by name. */
export type OptionFields = Partial<Record<'mss' | 'sackOK' | 'sack' | 'ts' | 'ecr' | 'cookie' | 'wscale', Field>>;

/** The option fields of a segment line, by name (most lines have none: no object is made then). */
export function optionFields(stmt: SegmentStmt): OptionFields | undefined {
  let out: OptionFields | undefined;
  for (const f of stmt.fields) {
    const n = f.name;
    if (n === 'mss' || n === 'sackOK' || n === 'sack' || n === 'ts' || n === 'ecr' || n === 'cookie' || n === 'wscale') (out ??= {})[n] = f;
  }
  return out;
}

/** The segment's options as its receiver reads them (from its option fields), or undefined when it has none. */
export function segOptions(stmt: SegmentStmt, f: OptionFields | undefined = optionFields(stmt)): SegOptions | undefined {
  if (!f) return undefined;
  const plain = (x: Field | undefined): number | undefined => (x?.value && !x.value.symbol ? x.value.offset : undefined);
  return {
    sackOk: f.sackOK !== undefined,
    wscale: plain(f.wscale),
    ts: plain(f.ts),
    ecr: plain(f.ecr),
    sackBlocks: f.sack?.blocks?.length ?? 0,
    cookie: f.cookie ? (f.cookie.bare ? '' : (f.cookie.cookie ?? '')) : undefined,
  };
}

const FIELD_RFC: Readonly<Record<string, string>> = {
  mss: 'RFC 9293 §3.2, MUST-65',
  sackOK: 'RFC 2018 §2',
  wscale: 'RFC 7323 §2.2',
  cookie: 'RFC 7413 §4.1.1',
  ts: 'RFC 7323 §3.2',
};

/**
 * The sender's options: SYN-only options elsewhere (TF205), a SYN+ACK answering options the SYN
 * did not offer (TF206, TF122), SACK (TF207, TF208, TF415, TF416), timestamps (TF121, TF209,
 * TF417, TF418, TF419). Then records what the sender's SYN offered and the TSval it sent.
 * `f` is the line's optionFields, `opts` what its receiver reads of them (segOptions of `f`).
 */
export function checkSendOptions(
  c: SendContext,
  kind: Kind,
  flags: ReadonlySet<Flag>,
  ack: Seq | undefined,
  f: OptionFields | undefined,
  opts: SegOptions | undefined,
): void {
  const e = c.from;
  const syn = flags.has('SYN');
  // A new connection starts with no options (a SYN from CLOSED or LISTEN, or a new incarnation from TIME_WAIT).
  if (kind === 'syn' && (e.state === 'CLOSED' || e.state === 'LISTEN' || e.state === 'TIME_WAIT')) e.opts = undefined;
  const o = e.opts;
  if (f) {
    if (!syn) {
      for (const name of SYN_ONLY_FIELDS) {
        const field = f[name as keyof typeof f];
        if (field) c.report(diag('TF205', field.range, { field: name, rfc: FIELD_RFC[name] ?? '' }));
      }
    }
    if (kind === 'syn-ack') checkSynAckAnswers(c, f, o);
    if (f.sack) checkSack(c, f.sack, f.ts !== undefined, ack, o);
    if (f.ecr && !f.ts) c.report(diag('TF121', f.ecr.range));
    checkTimestamps(c, flags, o, f, opts);
  }
  const negotiatedTs = o?.sent?.ts === true && o.received?.ts === true;
  if (negotiatedTs && kind !== 'rst' && !syn && opts?.ts === undefined) c.report(diag('TF209', c.stmt.flagsRange ?? c.stmt.range, { name: e.name }));
  if (kind === 'syn' && opts?.ts !== undefined && o?.sent === undefined) optionState(e).synTs = opts.ts;
  if (kind === 'syn-ack' && opts?.ts !== undefined) {
    const st = optionState(e);
    st.synAckTs = { first: st.synAckTs?.first ?? opts.ts, last: opts.ts };
  }
  if (syn && kind !== 'rst') optionState(e).sent = synOptions(opts);
  if (opts?.ts !== undefined) optionState(e).tsLast = opts.ts;
  if (ack && flags.has('ACK') && e.opts) e.opts.lastAckSent = ack;
}

/** A SYN+ACK carries an option only in answer to the same option on the SYN (RFC 7323 §1.3, §2.2; RFC 2018 §2; RFC 7413 §4.2.1). */
function checkSynAckAnswers(c: SendContext, f: OptionFields, o: OptionState | undefined): void {
  if (f.cookie?.bare) c.report(diag('TF122', f.cookie.range));
  const got = o?.received;
  if (!got) return;
  const answer = (field: Field | undefined, offered: boolean, name: string, rfc: string): void => {
    if (field && !offered) c.report(diag('TF206', field.range, { field: name, rfc }));
  };
  answer(f.sackOK, got.sackOk, 'sackOK', 'RFC 2018 §2');
  answer(f.wscale, got.wscale, 'wscale', 'RFC 7323 §2.2');
  answer(f.ts, got.ts, 'ts', 'RFC 7323 §3.2');
  if (f.cookie && !f.cookie.bare) answer(f.cookie, got.cookie !== undefined, 'cookie', 'RFC 7413 §4.2.1');
}

/**
 * SACK blocks (RFC 2018 §3–§4): only once both SYNs carried sackOK; at most four (three beside
 * the timestamps); each block a stretch of data the sender holds out of order above RCV.NXT —
 * except a D-SACK (RFC 2883 §4): the first block reports a duplicate, at or below the
 * cumulative ack or inside the second block.
 */
function checkSack(c: SendContext, field: Field, withTs: boolean, ack: Seq | undefined, o: OptionState | undefined): void {
  const e = c.from;
  const blocks = field.blocks ?? [];
  const max = withTs ? MAX_SACK_BLOCKS_WITH_TS : MAX_SACK_BLOCKS;
  if (blocks.length > max) {
    c.report(
      diag('TF208', field.range, { count: blocks.length, max, ts: withTs ? ' beside the timestamps' : '', tsKo: withTs ? '타임스탬프와 함께라면 ' : '' }),
    );
  }
  if (o?.sent && o.received && !(o.sent.sackOk && o.received.sackOk)) {
    const who = !o.sent.sackOk ? e.name : 'its peer';
    const whoKo = !o.sent.sackOk ? e.name : '상대';
    c.report(diag('TF207', field.nameRange, { who, whoKo }));
  }
  const values = blocks.map((b) => ({ b, left: c.w.evaluate(b.left), right: c.w.evaluate(b.right) }));
  for (let i = 0; i < values.length; i++) {
    const { b, left, right } = values[i]!;
    if (!left || !right) continue;
    const size = diff(right, left);
    if (size === undefined) continue;
    if (size <= 0) {
      c.report(diag('TF416', b.range, { left: format(left), right: format(right) }));
      continue;
    }
    if (i === 0 && isDsack(left, right, ack ?? e.rcvNxt, values[1])) continue;
    // A flow that starts mid-connection (no handshake seen here) cannot show what arrived before its first line.
    const missing = notHeld(e, left, right, o?.received === undefined);
    if (missing)
      c.report(
        diag('TF415', b.range, {
          name: e.name,
          left: format(left),
          right: format(right),
          from: format(missing.from),
          to: format(missing.to),
          rcvNxt: e.rcvNxt ? format(e.rcvNxt) : '?',
        }),
      );
  }
}

/** RFC 2883 §4: a first block at or below the cumulative ack, or inside the second block, reports a duplicate. */
function isDsack(left: Seq, right: Seq, cumAck: Seq | undefined, second: { left: Seq | undefined; right: Seq | undefined } | undefined): boolean {
  const below = cumAck ? diff(right, cumAck) : undefined;
  if (below !== undefined && below <= 0) return true;
  if (!second?.left || !second.right) return false;
  const a = diff(left, second.left);
  const b = diff(second.right, right);
  return a !== undefined && b !== undefined && a >= 0 && b >= 0;
}

/**
 * The first stretch of [left, right) the endpoint does not hold out of order above RCV.NXT, or
 * undefined when it holds all. `unknownPast`: the flow starts mid-connection, so anything above
 * RCV.NXT may have arrived before its first line.
 */
function notHeld(e: Endpoint, left: Seq, right: Seq, unknownPast: boolean): { from: Seq; to: Seq } | undefined {
  const nxt = e.rcvNxt;
  if (nxt) {
    const d = diff(left, nxt);
    if (d === undefined) return undefined;
    // Below RCV.NXT the octets arrived in order: none of them is held out of order.
    if (d < 0) return { from: left, to: (diff(right, nxt) ?? 0) > 0 ? nxt : right };
    // At RCV.NXT nothing has arrived (it would be in order): the queue says how far the gap runs.
    if (d === 0) return e.outOfOrder.notHeld(left, right) ?? { from: left, to: right };
  }
  if (unknownPast) return undefined;
  // The reassembly queue from `left`, its stretches joined; a queued FIN takes the number after
  // its data (Linux SACKs a FIN that came after a gap).
  return e.outOfOrder.notHeld(left, right);
}

/**
 * Timestamps (RFC 7323 §3.2, §4.3, §5.4): TSecr is zero without ACK; with ACK it echoes a TSval
 * the sender received; a sender's TSval never runs backwards.
 */
function checkTimestamps(c: SendContext, flags: ReadonlySet<Flag>, o: OptionState | undefined, f: OptionFields, opts: SegOptions | undefined): void {
  const ts = opts?.ts;
  const ecr = opts?.ecr;
  if (ts !== undefined && o?.tsLast !== undefined && tsDiff(ts, o.tsLast) < 0) {
    c.report(diag('TF418', f.ts?.range ?? c.stmt.range, { name: c.from.name, ts, last: o.tsLast }));
  }
  if (ecr === undefined || !f.ecr) return;
  if (!flags.has('ACK')) {
    if (ecr !== 0) c.report(diag('TF419', f.ecr.range, { ecr }));
    return;
  }
  if (flags.has('SYN') && synAckEcrBeforeSyn(c.to, ecr, c.w.profile)) {
    c.report(diag('TF420', f.ecr.range, { name: c.to.name, ecr, ts: c.to.opts?.synTs ?? 0 }));
    return;
  }
  // Nothing received to echo (the peer sends no timestamps): TF206 or TF209 say what is wrong, if anything.
  if (!o || o.tsSeen.size === 0 || o.tsSeen.has(ecr)) return;
  // A flow that starts mid-connection: an echo of a TSval from before the first line is fine, a newer one is not.
  if (o.received === undefined && !newerThanAll(ecr, o.tsSeen)) return;
  const last = lastOf(o.tsSeen);
  c.report(
    diag('TF417', f.ecr.range, {
      name: c.from.name,
      ecr,
      last: last === undefined ? 'none' : String(last),
      lastKo: last === undefined ? '없음' : String(last),
    }),
  );
}

function newerThanAll(v: number, seen: ReadonlySet<number>): boolean {
  for (const s of seen) if (tsDiff(v, s) <= 0) return false;
  return true;
}

function lastOf(seen: ReadonlySet<number>): number | undefined {
  let last: number | undefined;
  for (const s of seen) last = s;
  return last;
}
