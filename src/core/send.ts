/**
 * What an endpoint may send: whether its state allows the segment (RFC 9293 §3.10), whether
 * it answers what the endpoint owes, and whether its seq and ack numbers are the ones a real
 * TCP would put there. Applies the segment's effect on the sender.
 */

import type { SegmentStmt, ValueExpr } from './ast.js';
import { diag, related, replaceFix, type Diagnostic, type Fix } from './diagnostics.js';
import type { Endpoint, Owed } from './endpoint.js';
import { owe, type EffSegment } from './receive.js';
import { add, diff, format, max, num, type Seq } from './seq.js';
import type { Span } from './source.js';
import { nextState } from './transitions.js';
import { SYNCHRONIZED, type Flag } from './vocabulary.js';
import type { World } from './world.js';

export interface SentSegment extends EffSegment {
  readonly inferredSeq: boolean;
  readonly inferredAck: boolean;
}

const FLAG_ORDER: readonly Flag[] = ['SYN', 'FIN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

/**
 * Flag sets are shared per combination (keyed by a bit per flag): a long flow holds a handful,
 * not one per segment. A set's order is FLAG_ORDER's, whatever order the line wrote.
 */
const FLAG_BIT = Object.fromEntries(FLAG_ORDER.map((f, i) => [f, 1 << i])) as Readonly<Record<Flag, number>>;
const FLAG_SETS: (ReadonlySet<Flag> | undefined)[] = new Array<ReadonlySet<Flag> | undefined>(256).fill(undefined); // dense: fast to index
function flagSet(flags: readonly Flag[]): ReadonlySet<Flag> {
  let key = 0;
  for (const f of flags) key |= FLAG_BIT[f];
  return (FLAG_SETS[key] ??= new Set(FLAG_ORDER.filter((f) => flags.includes(f))));
}

type Kind = 'rst' | 'syn' | 'syn-ack' | 'fin' | 'data' | 'ack';

function kindOf(flags: ReadonlySet<Flag>, dataLen: number): Kind {
  if (flags.has('RST')) return 'rst';
  if (flags.has('SYN')) return flags.has('ACK') ? 'syn-ack' : 'syn';
  if (flags.has('FIN')) return 'fin';
  return dataLen > 0 ? 'data' : 'ack';
}

export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export function flagsText(flags: ReadonlySet<Flag>): string {
  return FLAG_ORDER.filter((f) => flags.has(f)).join('+');
}

/** The line an endpoint would write to pay what it owes (a quick fix inserts it). */
export function answerLine(from: Endpoint, to: Endpoint, o: Owed): string {
  const parts: string[] = [];
  const seqText = (v: Seq | undefined): string => (v && !v.base.startsWith('?') ? format(v) : '');
  switch (o.kind) {
    case 'syn-ack': {
      parts.push('SYN ACK');
      if (from.iss) parts.push(`seq=${seqText(from.iss)}`);
      if (from.rcvNxt) parts.push(`ack=${seqText(from.rcvNxt)}`);
      break;
    }
    case 'rst':
      parts.push(o.withAck ? 'RST ACK' : 'RST');
      if (o.seq) parts.push(`seq=${seqText(o.seq)}`);
      if (o.ack) parts.push(`ack=${seqText(o.ack)}`);
      break;
    case 'syn':
      parts.push('SYN');
      break;
    case 'fin':
      parts.push('FIN ACK');
      if (from.sndNxt) parts.push(`seq=${seqText(from.sndNxt)}`);
      if (from.rcvNxt) parts.push(`ack=${seqText(from.rcvNxt)}`);
      break;
    case 'ack':
      parts.push('ACK');
      if (from.sndNxt) parts.push(`seq=${seqText(from.sndNxt)}`);
      if (from.rcvNxt) parts.push(`ack=${seqText(from.rcvNxt)}`);
      break;
  }
  return `${from.name} -> ${to.name}: ${parts.filter((p) => !p.endsWith('=')).join(' ')}`;
}

export function owedName(o: Owed): string {
  return { 'syn-ack': 'SYN+ACK', ack: 'an ACK', rst: 'a RST', syn: 'a SYN', fin: 'a FIN' }[o.kind];
}

export function owedNameKo(o: Owed): string {
  return { 'syn-ack': 'SYN+ACK', ack: 'ACK', rst: 'RST', syn: 'SYN', fin: 'FIN' }[o.kind];
}

function satisfies(o: Owed, kind: Kind, flags: ReadonlySet<Flag>): boolean {
  if (flags.has('RST')) return true; // an abort pays every debt
  switch (o.kind) {
    case 'syn-ack':
      return kind === 'syn-ack';
    case 'rst':
      return false;
    case 'ack':
      return flags.has('ACK');
    case 'syn':
      return kind === 'syn';
    case 'fin':
      return flags.has('FIN');
  }
}

/** Owed items that must come before anything else the endpoint sends. */
const MUST_BE_NEXT = new Set(['syn-ack', 'rst', 'ack', 'syn']);

export class Sender {
  private readonly diags: Diagnostic[] = [];

  constructor(
    private readonly w: World,
    private readonly stmt: SegmentStmt,
    private readonly from: Endpoint,
    private readonly to: Endpoint,
  ) {}

  private report(d: Diagnostic): void {
    this.diags.push(d);
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.diags;
  }

  private field(name: string): ValueExpr | undefined {
    return this.stmt.fields.find((f) => f.name === name)?.value;
  }

  private fieldRange(name: string): Span {
    return this.stmt.fields.find((f) => f.name === name)?.range ?? this.stmt.flagsRange ?? this.stmt.range;
  }

  private dataLength(): number {
    const lenField = this.stmt.fields.find((f) => f.name === 'len');
    const len = lenField?.value && !lenField.value.symbol ? lenField.value.offset : undefined;
    const bytes = this.stmt.payload ? utf8Length(this.stmt.payload.value) : undefined;
    if (len !== undefined && bytes !== undefined && len !== bytes) {
      this.report(diag('TF111', lenField!.range, { len, bytes }, { fixes: [replaceFix(lenField!.range, `len=${bytes}`, `Change to len=${bytes}`, `len=${bytes}(으)로 바꾸기`)] }));
    }
    return bytes ?? len ?? 0;
  }

  run(): SentSegment {
    const flags = flagSet(this.stmt.flagNames);
    const dataLen = this.dataLength();
    this.advertiseWindow(flags);
    if (this.from.raw) return this.rawSend(flags, dataLen);

    const bad = (a: Flag, b: Flag): boolean => flags.has(a) && flags.has(b);
    if (bad('SYN', 'FIN') || bad('SYN', 'RST') || bad('RST', 'FIN')) {
      this.report(diag('TF203', this.stmt.flagsRange ?? this.stmt.range, { flags: flagsText(flags) }));
    }
    const kind = kindOf(flags, dataLen);
    const owedRst = this.from.owed.find((o) => o.kind === 'rst');
    this.checkOwed(kind, flags);
    const stateBefore = this.from.state;
    const allowed = owedRst && kind === 'rst' ? true : this.checkAllowed(kind, flags, dataLen);
    if (allowed && kind !== 'rst' && SYNCHRONIZED.has(stateBefore) && !flags.has('ACK')) {
      this.report(diag('TF202', this.stmt.flagsRange ?? this.stmt.range, { name: this.from.name, state: stateBefore }));
    }
    const { seqV, inferredSeq } = this.sequenceNumber(kind, flags, dataLen, owedRst);
    const { ackV, inferredAck } = this.ackNumber(flags, owedRst);
    this.apply(kind, flags, dataLen, seqV, allowed);
    return {
      flags,
      seq: seqV,
      ack: ackV,
      dataLen,
      line: this.stmt.line,
      inferredSeq,
      inferredAck,
    };
  }

  /**
   * `win=` is the window the sender advertises. RFC 7323 §2: a SYN's window is never scaled;
   * once both SYNs carried `wscale=`, later windows are shifted left by the sender's own shift.
   */
  private advertiseWindow(flags: ReadonlySet<Flag>): void {
    const win = this.field('win');
    if (flags.has('SYN')) {
      const ws = this.field('wscale');
      this.from.wscale = ws && !ws.symbol ? Math.min(ws.offset, 14) : undefined;
    }
    if (!win || win.symbol) return;
    const scaled = !flags.has('SYN') && this.from.wscale !== undefined && this.to.wscale !== undefined;
    this.from.rcvWnd = scaled ? win.offset * 2 ** this.from.wscale! : win.offset;
  }

  private rawSend(flags: ReadonlySet<Flag>, dataLen: number): SentSegment {
    const pick = (v: ValueExpr | undefined, fallback: Seq | undefined): { value: Seq; inferred: boolean } => {
      if (v) {
        const r = this.w.resolve(v, undefined);
        return { value: r.value, inferred: false };
      }
      return { value: fallback && !fallback.base.startsWith('?') ? fallback : num(0), inferred: true };
    };
    const s = pick(this.field('seq'), this.to.rcvNxt);
    const a = flags.has('ACK') ? pick(this.field('ack'), this.to.sndNxt) : undefined;
    return {
      flags,
      seq: s.value,
      ack: a?.value, // one shape for every segment
      dataLen,
      line: this.stmt.line,
      inferredSeq: s.inferred,
      inferredAck: a?.inferred ?? false,
    };
  }

  private checkOwed(kind: Kind, flags: ReadonlySet<Flag>): void {
    const keep: Owed[] = [];
    for (const o of this.from.owed) {
      if (satisfies(o, kind, flags) || (o.kind === 'rst' && kind === 'rst')) continue;
      if (!MUST_BE_NEXT.has(o.kind)) {
        keep.push(o);
        continue;
      }
      const line = answerLine(this.from, this.to, o);
      const at = { line: this.stmt.line, character: 0 };
      const fix: Fix = {
        title: { en: `Insert the ${owedName(o).replace(/^an? /, '')} ${this.from.name} owes`, ko: `${this.from.name}이(가) 보내야 할 ${owedName(o).replace(/^an? /, '')} 넣기` },
        edits: [{ range: { start: at, end: at }, newText: `${line}\n` }],
      };
      this.report(
        diag(
          'TF300',
          this.stmt.flagsRange ?? this.stmt.range,
          { name: this.from.name, line: o.line + 1, answer: owedName(o), answerKo: owedNameKo(o), reason: o.reason.en, reasonKo: o.reason.ko },
          { fixes: [fix], related: [related({ start: { line: o.line, character: 0 }, end: { line: o.line, character: 0 } }, `The segment ${this.from.name} must answer`, `${this.from.name}이(가) 답해야 할 세그먼트`)] },
        ),
      );
    }
    if (keep.length !== this.from.owed.length) this.from.owed = keep; // unchanged: steps keep sharing one record
  }

  private notAllowed(flags: ReadonlySet<Flag>, en: string, ko: string): false {
    this.report(
      diag('TF200', this.stmt.flagsRange ?? this.stmt.range, {
        name: this.from.name,
        flags: flagsText(flags) || 'a segment',
        state: this.from.state,
        reason: en,
        reasonKo: ko,
      }),
    );
    return false;
  }

  private checkAllowed(kind: Kind, flags: ReadonlySet<Flag>, dataLen: number): boolean {
    const s = this.from.state;
    const f = flags;
    switch (kind) {
      case 'rst':
        if (['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT'].includes(s)) return true;
        return this.notAllowed(f, 'a RST answers a segment that should not have come, or aborts an open connection, and neither is the case', 'RST는 오지 말아야 할 세그먼트에 답하거나 열린 연결을 중단할 때만 보내는데, 둘 다 아닙니다');
      case 'syn':
        if (s === 'CLOSED' || s === 'LISTEN' || s === 'SYN_SENT') return true;
        return this.notAllowed(f, 'a SYN opens a connection, and this one is already open or opening', 'SYN은 연결을 여는데 이 연결은 이미 열렸거나 열리는 중입니다');
      case 'syn-ack':
        if (s === 'SYN_RECEIVED') return true;
        if (s === 'LISTEN' || s === 'CLOSED') return this.notAllowed(f, 'a SYN+ACK answers a SYN, and none has arrived', 'SYN+ACK는 SYN에 대한 답인데 받은 SYN이 없습니다');
        return this.notAllowed(f, 'a SYN+ACK is sent only in SYN_RECEIVED', 'SYN+ACK는 SYN_RECEIVED에서만 보냅니다');
      case 'fin':
        if (['ESTABLISHED', 'CLOSE_WAIT', 'SYN_RECEIVED'].includes(s)) return this.dataAllowed(f, dataLen, true);
        if (['FIN_WAIT_1', 'CLOSING', 'LAST_ACK'].includes(s)) return true; // the FIN of a close, or its retransmission
        if (s === 'FIN_WAIT_2' || s === 'TIME_WAIT') return this.notAllowed(f, 'its FIN was already sent and acknowledged', '이미 FIN을 보냈고 확인(ACK)받았습니다');
        return this.notAllowed(f, 'there is no open connection to close', '닫을 열린 연결이 없습니다');
      case 'data':
        return this.dataAllowed(f, dataLen, false);
      case 'ack':
        if (SYNCHRONIZED.has(s) || s === 'SYN_RECEIVED') return true;
        if (s === 'SYN_SENT') return this.notAllowed(f, 'it has nothing to acknowledge until the SYN+ACK arrives', 'SYN+ACK가 오기 전에는 확인(ACK)할 것이 없습니다');
        return this.notAllowed(f, 'there is no connection', '연결이 없습니다');
    }
  }

  private dataAllowed(f: ReadonlySet<Flag>, dataLen: number, withFin: boolean): boolean {
    const s = this.from.state;
    if (dataLen === 0 || s === 'ESTABLISHED' || s === 'CLOSE_WAIT') return true;
    if (withFin && s === 'SYN_RECEIVED') return true;
    if (['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING', 'LAST_ACK', 'TIME_WAIT'].includes(s)) {
      const given = this.field('seq');
      const v = given ? this.w.evaluate(given) : undefined;
      const fin = this.from.finSeq;
      if (v && fin && (diff(v, fin) ?? 0) < 0) return true; // data sent before the FIN, retransmitted
      return this.notAllowed(f, 'it has closed its side: no new data after its FIN', '자기 쪽을 닫았으므로 FIN 뒤에는 새 데이터를 보낼 수 없습니다');
    }
    if (s === 'SYN_SENT' || s === 'SYN_RECEIVED') return this.notAllowed(f, 'data waits until the connection is ESTABLISHED', '데이터는 연결이 ESTABLISHED가 된 뒤에 보냅니다');
    return this.notAllowed(f, 'there is no connection', '연결이 없습니다');
  }

  private expectedSeq(kind: Kind, owedRst: Owed | undefined): Seq | undefined {
    const e = this.from;
    if (kind === 'rst' && owedRst) return owedRst.seq ?? e.sndNxt;
    if (kind === 'syn') return e.state === 'SYN_SENT' ? e.iss : undefined;
    if (kind === 'syn-ack') return e.iss;
    if (kind === 'fin' && e.finSeq && ['FIN_WAIT_1', 'CLOSING', 'LAST_ACK'].includes(e.state) && !this.from.owed.some((o) => o.kind === 'fin')) return e.finSeq;
    return e.sndNxt;
  }

  private sequenceNumber(kind: Kind, flags: ReadonlySet<Flag>, dataLen: number, owedRst: Owed | undefined): { seqV: Seq; inferredSeq: boolean } {
    const given = this.field('seq');
    const expected = this.expectedSeq(kind, owedRst);
    const r = this.w.resolve(given, expected);
    if (r.matches || !expected) return { seqV: r.value, inferredSeq: r.inferred };
    const got = format(r.value);
    const want = format(expected);
    const rng = this.fieldRange('seq');
    const fix = replaceFix(rng, `seq=${want}`, `Change to seq=${want}`, `seq=${want}(으)로 바꾸기`);
    if (kind === 'rst' && owedRst) {
      this.report(diag('TF406', rng, { line: owedRst.line + 1, expected: `seq=${want}`, got: `seq=${got}` }, { fixes: [fix] }));
      return { seqV: expected, inferredSeq: false };
    }
    const d = diff(r.value, expected);
    if (d === undefined) {
      this.report(diag('TF405', rng, { field: 'seq', got, expected: want }, { fixes: [fix] }));
      return { seqV: expected, inferredSeq: false };
    }
    if (d > 0) {
      this.report(diag('TF400', rng, { got, expected: want, name: this.from.name }, { fixes: [fix] }));
      return { seqV: expected, inferredSeq: false };
    }
    const isn = this.from.iss;
    const beforeIsn = isn ? (diff(r.value, isn) ?? 0) < 0 : false;
    if (beforeIsn) {
      this.report(diag('TF400', rng, { got, expected: want, name: this.from.name }, { fixes: [fix] }));
      return { seqV: expected, inferredSeq: false };
    }
    if (!this.w.lossSeen && (dataLen > 0 || flags.has('SYN') || flags.has('FIN'))) {
      this.report(diag('TF401', rng, { got, expected: want, name: this.from.name }, { fixes: [fix] }));
    }
    return { seqV: r.value, inferredSeq: false };
  }

  private ackNumber(flags: ReadonlySet<Flag>, owedRst: Owed | undefined): { ackV: Seq | undefined; inferredAck: boolean } {
    const given = this.field('ack');
    if (!flags.has('ACK')) {
      if (given) this.report(diag('TF404', this.fieldRange('ack')));
      return { ackV: undefined, inferredAck: false };
    }
    if (flags.has('RST') && owedRst) {
      const expected = owedRst.ack;
      const r = this.w.resolve(given, expected);
      if (!r.matches && expected) {
        const want = format(expected);
        const rng = this.fieldRange('ack');
        this.report(diag('TF406', rng, { line: owedRst.line + 1, expected: `ack=${want}`, got: `ack=${format(r.value)}` }, { fixes: [replaceFix(rng, `ack=${want}`, `Change to ack=${want}`, `ack=${want}(으)로 바꾸기`)] }));
        return { ackV: expected, inferredAck: false };
      }
      return { ackV: r.value, inferredAck: r.inferred };
    }
    const expected = this.from.rcvNxt;
    const r = this.w.resolve(given, expected);
    if (r.matches || !expected) return { ackV: r.value, inferredAck: r.inferred };
    const want = format(expected);
    const got = format(r.value);
    const rng = this.fieldRange('ack');
    const fix = replaceFix(rng, `ack=${want}`, `Change to ack=${want}`, `ack=${want}(으)로 바꾸기`);
    const d = diff(r.value, expected);
    if (d === undefined) {
      this.report(diag('TF405', rng, { field: 'ack', got, expected: want }, { fixes: [fix] }));
      return { ackV: expected, inferredAck: false };
    }
    if (d > 0) {
      this.report(diag('TF402', rng, { got, expected: want, name: this.from.name }, { fixes: [fix] }));
      this.hintAckPlusOne(r.value);
      return { ackV: expected, inferredAck: false };
    }
    this.report(diag('TF403', rng, { got, expected: want, name: this.from.name }, { fixes: [fix] }));
    this.hintAckPlusOne(r.value);
    return { ackV: expected, inferredAck: false };
  }

  /** TF701: the author wrote ack = seq + 1 for a data segment of another length. */
  private hintAckPlusOne(got: Seq): void {
    const last = this.lastData;
    if (last && last.dataLen !== 1 && diff(got, add(last.seq, 1)) === 0) {
      this.report(diag('TF701', this.fieldRange('ack'), { len: last.dataLen }));
    }
  }

  /** The last data segment the sender received (set by the simulation). */
  lastData: EffSegment | undefined;

  private apply(kind: Kind, flags: ReadonlySet<Flag>, dataLen: number, seqV: Seq, allowed: boolean): void {
    const e = this.from;
    if (kind === 'rst') {
      if (!e.owed.some((o) => o.kind === 'rst') && allowed) {
        e.state = nextState(e.state, 'abort', e.passive) ?? 'CLOSED';
      }
      e.owed = [];
      return;
    }
    if (!allowed) return;
    if ((kind === 'syn' || kind === 'syn-ack') && !e.iss) {
      e.iss = seqV;
      e.sndUna = seqV;
      e.sndNxt = add(seqV, 1 + dataLen);
    }
    if (kind === 'syn' && (e.state === 'CLOSED' || e.state === 'LISTEN')) {
      e.passive = false;
      e.state = nextState(e.state, 'active-open', false) ?? e.state;
    }
    const len = dataLen + (flags.has('SYN') ? 1 : 0) + (flags.has('FIN') ? 1 : 0);
    if (len > 0) e.sndNxt = e.sndNxt ? max(e.sndNxt, add(seqV, len)) : add(seqV, len);
    if (flags.has('FIN')) {
      if (!e.finSeq) {
        e.finSeq = add(seqV, dataLen);
        e.closedFirst = !e.receivedFin;
      }
      if (['ESTABLISHED', 'CLOSE_WAIT', 'SYN_RECEIVED'].includes(e.state)) e.state = nextState(e.state, 'close', e.passive) ?? e.state;
    }
  }
}

/** Records what an application call starts, and checks the call is possible (TF201). */
export function applyCall(e: Endpoint, call: 'listen' | 'connect' | 'close' | 'abort', line: number): boolean {
  const s = e.state;
  const T = (en: string, ko: string): { en: string; ko: string } => ({ en, ko });
  switch (call) {
    case 'listen':
      if (s === 'LISTEN') return true;
      if (s !== 'CLOSED') return false;
      e.state = nextState(s, 'passive-open', true)!;
      e.passive = true;
      return true;
    case 'connect':
      if (s !== 'CLOSED' && s !== 'LISTEN') return false;
      e.state = nextState(s, 'active-open', false)!;
      e.passive = false;
      owe(e, 'syn', line, T("after 'connect' the endpoint sends its SYN", "'connect' 뒤에는 SYN을 보냅니다"));
      return true;
    case 'close': {
      if (s === 'LISTEN' || s === 'SYN_SENT') {
        e.state = 'CLOSED';
        e.owed = [];
        return true;
      }
      // In CLOSED and after its own FIN, a close only releases the socket (§3.10.4 returns an error to the application, no segment).
      const next = nextState(s, 'close', e.passive);
      if (!next) return true;
      e.state = next;
      owe(e, 'fin', line, T("after 'close' the endpoint sends its FIN", "'close' 뒤에는 FIN을 보냅니다"));
      return true;
    }
    case 'abort': {
      const sendsRst = ['SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT'].includes(s);
      e.state = 'CLOSED';
      e.owed = [];
      if (sendsRst) owe(e, 'rst', line, T("after 'abort' the endpoint sends a RST (§3.10.5)", "'abort' 뒤에는 RST를 보냅니다(§3.10.5)"), { ...(e.sndNxt ? { seq: e.sndNxt } : {}) });
      return true;
    }
  }
}
