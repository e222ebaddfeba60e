/**
 * Sending one segment, as a short list of named steps: what the segment is, whether the
 * sender's state and its debts allow it (one error at most: flags never combined, an answer
 * owed first, a state that cannot send it), whether its numbers are the ones a real TCP would
 * use, and what sending it does to the sender. The segment goes on the wire as written; the
 * simulation hands exactly that to the receiver.
 */

import type { SegmentStmt, ValueExpr } from '../language/ast.js';
import { changeTo, diag, related, replaceFix, type Diagnostic, type Fix } from '../common/diagnostics.js';
import { rememberSent, type Endpoint, type Owed } from '../model/endpoint.js';
import { answerLine, answerText, MUST_BE_NEXT, owedName, owedNameKo, owedShortName, pays } from '../model/owedAnswers.js';
import type { EffSegment } from '../model/types.js';
import { flagSet, flagsText, kindOf, utf8Length, type Kind } from '../model/segmentKind.js';
import { checkAck, checkRstAnswer, checkSeq, checkWindow, type Expected } from './sendNumbers.js';
import type { SendContext } from './sendContext.js';
import { whyCannotSend } from '../model/sendRules.js';
import { checkCookies, fastOpenAnswer } from './fastOpenChecks.js';
import { checkSendOptions, optionFields, segOptions } from './sendOptions.js';
import { add, diff, isPlaceholder, max, num, type Seq } from '../model/seq.js';
import { span, type Span } from '../common/source.js';
import { nextState } from '../model/transitions.js';
import { SYNCHRONIZED, type Flag } from '../common/vocabulary.js';
import type { World } from './world.js';
import { tally } from '../common/work.js';

export interface SentSegment extends EffSegment {
  readonly inferredSeq: boolean;
  readonly inferredAck: boolean;
  /** Where the author wrote what a real TCP would not: the values it would have used. */
  readonly expected?: Readonly<Expected> | undefined;
  /** A SYN+ACK that decided about the data on a Fast Open SYN (RFC 7413): accepted or refused. */
  readonly fastOpen?: 'accepted' | 'refused' | undefined;
}

export class Sender implements SendContext {
  private readonly diags: Diagnostic[] = [];
  /** The last data segment the sender received (set by the simulation): TF701's hint reads it. */
  lastData: EffSegment | undefined;

  constructor(
    readonly w: World,
    readonly stmt: SegmentStmt,
    readonly from: Endpoint,
    readonly to: Endpoint,
  ) {}

  report(d: Diagnostic): void {
    this.diags.push(d);
  }

  get diagnostics(): readonly Diagnostic[] {
    return this.diags;
  }

  field(name: string): ValueExpr | undefined {
    // `seq=` and `ack=` are read by several rules: their node (made on each read of a field's
    // value) is made once per segment.
    if (name === 'seq') return this.seqValue === null ? (this.seqValue = this.fieldNamed(name)?.value) : this.seqValue;
    if (name === 'ack') return this.ackValue === null ? (this.ackValue = this.fieldNamed(name)?.value) : this.ackValue;
    return this.fieldNamed(name)?.value;
  }
  /** `seq=`'s and `ack=`'s values once looked up (null: not yet). */
  private seqValue: ValueExpr | undefined | null = null;
  private ackValue: ValueExpr | undefined | null = null;

  fieldRange(name: string): Span {
    return this.fieldNamed(name)?.range ?? this.stmt.flagsRange ?? this.stmt.range;
  }

  /** A plain loop: asked several times a segment, it makes no closure. */
  private fieldNamed(name: string): SegmentStmt['fields'][number] | undefined {
    const fields = this.stmt.fields;
    for (let k = 0; k < fields.length; k++) if (fields[k]!.name === name) return fields[k];
    return undefined;
  }

  private get flagsAt(): Span {
    return this.stmt.flagsRange ?? this.stmt.range;
  }

  run(): SentSegment {
    const flags = flagSet(this.stmt.flagNames);
    const dataLen = this.dataLength();
    this.advertiseWindow(flags);
    if (this.from.raw) return this.rawSend(flags, dataLen);

    const kind = kindOf(flags, dataLen);
    const rstAnswer = kind === 'rst' ? this.from.owed.find((o) => o.kind === 'rst') : undefined;
    const allowed = this.checkSegmentPossible(kind, flags, dataLen, rstAnswer);
    const quiet = this.hasError();
    const marks: Expected = {};
    if (!quiet) this.checkAckFlag(kind, flags, marks);
    const seqR = checkSeq(this, kind, flags, dataLen, rstAnswer, quiet, marks);
    const fastOpen = fastOpenAnswer(this, kind);
    const ackR = checkAck(this, flags, rstAnswer, this.lastData, quiet, marks);
    if (rstAnswer) checkRstAnswer(this, flags, rstAnswer, seqR.value, ackR?.value, quiet, marks);
    checkWindow(this, this.to, seqR.value, dataLen, quiet || this.hasError());
    // The option fields are looked up once: the options the receiver reads come from them.
    const fields = optionFields(this.stmt);
    const opts = segOptions(this.stmt, fields);
    checkSendOptions(this, kind, flags, ackR?.value, fields, opts);
    checkCookies(this, this.to, kind, opts);
    this.applyToSender(kind, flags, dataLen, seqR.value, allowed, rstAnswer);
    const hasMarks = marks.seq !== undefined || marks.ack !== undefined || marks.flags !== undefined;
    // One shape for every segment (optional fields present, undefined when absent): fast to make and read.
    return {
      flags,
      seq: seqR.value,
      ack: ackR?.value,
      dataLen,
      line: this.stmt.line,
      inferredSeq: seqR.inferred,
      inferredAck: ackR?.inferred ?? false,
      payload: this.stmt.payload?.value,
      opts,
      wnd: this.from.rcvWnd,
      expected: hasMarks ? marks : undefined,
      fastOpen,
    };
  }

  /** Whether an error is reported for this segment yet (a plain loop: no closure a segment). */
  private hasError(): boolean {
    const diags = this.diags;
    for (let k = 0; k < diags.length; k++) if (diags[k]!.severity === 'error') return true;
    return false;
  }

  /** The payload's UTF-8 length, or `len=`; TF111 when both are given and differ. */
  private dataLength(): number {
    const lenField = this.fieldNamed('len');
    const len = lenField?.value && !lenField.value.symbol ? lenField.value.offset : undefined;
    const bytes = this.stmt.payload ? utf8Length(this.stmt.payload.value) : undefined;
    if (len !== undefined && bytes !== undefined && len !== bytes) {
      this.report(diag('TF111', lenField!.range, { len, bytes }, { fixes: [changeTo(lenField!.range, `len=${bytes}`)] }));
    }
    return bytes ?? len ?? 0;
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

  /** A raw participant injects whatever it likes: its numbers are taken as written (or the peer's). */
  private rawSend(flags: ReadonlySet<Flag>, dataLen: number): SentSegment {
    const pick = (v: ValueExpr | undefined, fallback: Seq | undefined): { value: Seq; inferred: boolean } => {
      if (v) return { value: this.w.resolve(v, undefined).value, inferred: false };
      return { value: fallback && !isPlaceholder(fallback) ? fallback : num(0), inferred: true };
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
      payload: this.stmt.payload?.value,
      opts: segOptions(this.stmt),
      wnd: this.from.rcvWnd,
      expected: undefined,
      fastOpen: undefined,
    };
  }

  /**
   * Can this endpoint send such a segment now? At most one error: flags a TCP never combines
   * (TF203), an answer it owes first (TF300), or a state that cannot send it (TF200).
   * Returns whether the segment takes effect on the sender.
   */
  private checkSegmentPossible(kind: Kind, flags: ReadonlySet<Flag>, dataLen: number, rstAnswer: Owed | undefined): boolean {
    const syn = flags.has('SYN');
    const rst = flags.has('RST');
    if ((syn && flags.has('FIN')) || (syn && rst) || (rst && flags.has('FIN'))) {
      this.report(diag('TF203', this.flagsAt, { flags: flagsText(flags) }));
      this.settleDebts(kind, flags);
      return false;
    }
    const written = this.field('seq');
    const why = rstAnswer ? undefined : whyCannotSend(this.from, kind, dataLen, written ? this.w.evaluate(written) : undefined);
    // A segment the state cannot send pays nothing: what was owed is still owed first.
    const unpaid = this.settleDebts(kind, flags, why === undefined);
    if (unpaid) {
      this.reportUnpaid(unpaid, why !== undefined);
      return why === undefined;
    }
    if (why) {
      this.report(
        diag('TF200', this.flagsAt, { name: this.from.name, flags: flagsText(flags) || 'a segment', state: this.from.state, reason: why.en, reasonKo: why.ko }),
      );
      return false;
    }
    return true;
  }

  /** Removes what this segment pays, and what it fails to pay that had to come first (reported once); returns the first of those. */
  private settleDebts(kind: Kind, flags: ReadonlySet<Flag>, canPay = true): Owed | undefined {
    if (this.from.owed.length === 0) return undefined; // nothing owed (most segments): no list to make
    let unpaid: Owed | undefined;
    const keep: Owed[] = [];
    for (const o of this.from.owed) {
      tally();
      if (canPay && (pays(o, kind, flags) || (o.kind === 'rst' && kind === 'rst'))) continue;
      if (!MUST_BE_NEXT.has(o.kind)) keep.push(o);
      else unpaid ??= o;
    }
    if (keep.length !== this.from.owed.length) this.from.owed = keep; // unchanged: steps keep sharing one record
    return unpaid;
  }

  /** TF300: the answer owed comes first. The fixes insert it, or (when this segment cannot be sent at all) put it in this line's place. */
  private reportUnpaid(o: Owed, replaceLine: boolean): void {
    const text = answerLine(this.from, this.to, o);
    const at = { line: this.stmt.line, character: 0 };
    const fixes: Fix[] = [];
    if (replaceLine && this.stmt.flagsRange) {
      const answer = answerText(this.from, o);
      fixes.push(
        replaceFix(
          span(this.stmt.line, this.stmt.flagsRange.start, this.stmt.range.end),
          answer,
          `Change to the ${owedShortName(o)} ${this.from.name} owes: ${answer}`,
          `${this.from.name}이(가) 보내야 할 ${owedNameKo(o)}(으)로 바꾸기: ${answer}`,
        ),
      );
    }
    fixes.push({
      title: { en: `Insert the ${owedShortName(o)} ${this.from.name} owes`, ko: `${this.from.name}이(가) 보내야 할 ${owedNameKo(o)} 넣기` },
      edits: [{ range: { start: at, end: at }, newText: `${text}\n` }],
    });
    this.report(
      diag(
        'TF300',
        this.flagsAt,
        { name: this.from.name, line: o.line + this.w.lineBase, answer: owedName(o), answerKo: owedNameKo(o), reason: o.reason.en, reasonKo: o.reason.ko },
        {
          fixes,
          related: [
            related(
              { start: { line: o.line, character: 0 }, end: { line: o.line, character: 0 } },
              `The segment ${this.from.name} must answer`,
              `${this.from.name}이(가) 답해야 할 세그먼트`,
            ),
          ],
        },
      ),
    );
  }

  /** TF202: once synchronized, every segment but a RST carries ACK (§3.1); the receiver drops one without it. */
  private checkAckFlag(kind: Kind, flags: ReadonlySet<Flag>, marks: Expected): void {
    const s = this.from.state;
    if (kind === 'rst' || flags.has('ACK') || !SYNCHRONIZED.has(s)) return;
    const fixes = this.stmt.flagsRange
      ? [replaceFix(span(this.stmt.line, this.stmt.flagsRange.end, this.stmt.flagsRange.end), ' ACK', 'Add the ACK flag', 'ACK 플래그 넣기')]
      : [];
    this.report(diag('TF202', this.flagsAt, { name: this.from.name, state: s }, { fixes }));
    marks.flags = flagsText(flagSet([...flags, 'ACK']));
  }

  /** What sending does to the sender: a new connection's ISS, SND.NXT, the data it keeps for retransmission, its FIN. */
  private applyToSender(kind: Kind, flags: ReadonlySet<Flag>, dataLen: number, seqV: Seq, allowed: boolean, rstAnswer: Owed | undefined): void {
    const e = this.from;
    if (kind === 'rst') {
      // A RST that answers a segment leaves the sender where it was (§3.10.7.2–§3.10.7.4); one that aborts closes it.
      if (!rstAnswer && allowed) e.state = nextState(e.state, 'abort', e.passive) ?? 'CLOSED';
      e.owed = [];
      return;
    }
    if (!allowed) return;
    if ((kind === 'syn' || kind === 'syn-ack') && !e.iss) {
      e.iss = seqV;
      e.sndUna = seqV;
      e.sndNxt = add(seqV, 1);
    }
    if (kind === 'syn' && (e.state === 'CLOSED' || e.state === 'LISTEN')) {
      e.passive = false;
      e.state = nextState(e.state, 'active-open', false) ?? e.state;
    }
    const payload = this.stmt.payload?.value;
    if (payload !== undefined && dataLen > 0 && e.sndNxt) {
      const dataStart = flags.has('SYN') ? add(seqV, 1) : seqV;
      if ((diff(dataStart, e.sndNxt) ?? -1) >= 0) rememberSent(e, { start: dataStart, len: dataLen, payload });
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
