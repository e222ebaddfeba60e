/**
 * The numbers a real TCP puts on a segment (RFC 9293 §3.4): seq is SND.NXT for anything new,
 * the same number again for a retransmitted SYN or FIN, earlier octets only as an exact
 * retransmission; ack is RCV.NXT; a RST that answers carries what §3.10.7 prescribes.
 * Each check reports at most one diagnostic, explains it in plain words, and records the
 * expected value so the diagram can show it beside what the author wrote.
 */

import { changeTo, diag, replaceFix } from '../common/diagnostics.js';
import type { Endpoint, Owed, SentChunk } from '../model/endpoint.js';
import { flagsSource, type Kind } from '../model/segmentKind.js';
import { add, diff, format, isPlaceholder, unrelated, type Seq } from '../model/seq.js';
import { span, type Span } from '../common/source.js';
import { T, type Text } from '../common/text.js';
import type { Flag } from '../common/vocabulary.js';
import type { SendContext } from './sendContext.js';

/** What the author wrote differently from a real TCP: the diagram shows these beside the written values. */
export interface Expected {
  seq?: Seq;
  ack?: Seq;
  flags?: string;
}

export interface Resolved {
  readonly value: Seq;
  readonly inferred: boolean;
}

interface SeqExpectation {
  readonly value: Seq;
  /** Which rule gives the value: `why` puts it in plain words, only when the written number differs (most segments need none). */
  readonly rule: 'syn' | 'fin' | 'next' | 'empty';
  /** New data and FINs: an earlier number is a retransmission, judged by the octets it repeats. */
  readonly retransmission: boolean;
}

function expectedSeq(e: Endpoint, kind: Kind, dataLen: number): SeqExpectation | undefined {
  switch (kind) {
    case 'syn':
      if (e.state !== 'SYN_SENT' || !e.iss) return undefined; // a new connection picks a new ISS
      return { value: e.iss, rule: 'syn', retransmission: false };
    case 'syn-ack':
      if (!e.iss) return undefined;
      return { value: e.iss, rule: 'syn', retransmission: false };
    case 'fin':
      if (e.finSeq && (e.state === 'FIN_WAIT_1' || e.state === 'CLOSING' || e.state === 'LAST_ACK') && !e.owed.some((o) => o.kind === 'fin')) {
        return { value: add(e.finSeq, -dataLen), rule: 'fin', retransmission: false };
      }
      return e.sndNxt ? { value: e.sndNxt, rule: 'next', retransmission: true } : undefined;
    case 'data':
      return e.sndNxt ? { value: e.sndNxt, rule: 'next', retransmission: true } : undefined;
    case 'ack':
    case 'rst':
      return e.sndNxt ? { value: e.sndNxt, rule: 'empty', retransmission: false } : undefined;
  }
}

/** Why the expected number is what it is (the endpoint as it was when `exp` was made). */
function why(e: Endpoint, exp: SeqExpectation): Text {
  switch (exp.rule) {
    case 'syn': {
      const iss = format(e.iss!);
      return T(
        `${e.name}'s SYN took ${iss} (its ISS); sent again, a SYN carries the same number`,
        `${e.name}의 SYN은 ${iss}(ISS)를 썼습니다. 다시 보내는 SYN도 같은 번호를 씁니다`,
      );
    }
    case 'fin': {
      const fin = format(e.finSeq!);
      return T(
        `${e.name}'s FIN took ${fin}; sent again, a FIN carries the same number`,
        `${e.name}의 FIN은 ${fin}을(를) 썼습니다. 다시 보내는 FIN도 같은 번호를 씁니다`,
      );
    }
    case 'next': {
      const v = format(exp.value);
      return T(
        `${e.name} has sent everything up to ${v} (SND.NXT), and a real TCP numbers its next octet, SYN or FIN from there`,
        `${e.name}은(는) ${v}(SND.NXT)까지 보냈고, 실제 TCP는 다음 옥텟이나 SYN, FIN의 번호를 거기서부터 매깁니다`,
      );
    }
    case 'empty': {
      const nxt = exp.value;
      return T(
        `a segment without data, SYN or FIN carries SND.NXT, ${format(nxt)}${taken(e, nxt).en}`,
        `데이터도 SYN도 FIN도 없는 세그먼트는 SND.NXT인 ${format(nxt)}을(를) 씁니다${taken(e, nxt).ko}`,
      );
    }
  }
}

/** "; x was taken by C's SYN": why the number just below SND.NXT is not free. */
function taken(e: Endpoint, nxt: Seq): Text {
  const before = add(nxt, -1);
  if (e.iss && diff(before, e.iss) === 0)
    return T(` (${format(before)} was taken by ${e.name}'s SYN)`, ` (${format(before)}은(는) ${e.name}의 SYN이 썼습니다)`);
  if (e.finSeq && diff(before, e.finSeq) === 0)
    return T(` (${format(before)} was taken by ${e.name}'s FIN)`, ` (${format(before)}은(는) ${e.name}의 FIN이 썼습니다)`);
  return T('', '');
}

/**
 * The sequence number: resolved against what a real TCP would use, and checked (TF400, TF401,
 * TF405, TF407, TF408). `quiet`: another error already stands on this line.
 */
export function checkSeq(
  c: SendContext,
  kind: Kind,
  flags: ReadonlySet<Flag>,
  dataLen: number,
  rstAnswer: Owed | undefined,
  quiet: boolean,
  marks: Expected,
): Resolved {
  const e = c.from;
  const exp = rstAnswer ? undefined : expectedSeq(e, kind, dataLen);
  const expectedValue = rstAnswer ? (rstAnswer.seq ?? e.sndNxt) : exp?.value;
  const r = c.w.resolve(c.field('seq'), expectedValue);
  const out: Resolved = r; // the resolved value itself: no copy a segment
  if (r.matches || !exp || quiet) return out;
  const got = format(r.value);
  const want = format(exp.value);
  const rng = c.fieldRange('seq');
  const fix = changeTo(rng, `seq=${want}`);
  const d = diff(r.value, exp.value);
  if (d === undefined) {
    c.report(diag('TF405', rng, { field: 'seq', got, expected: want }, { fixes: [fix] }));
    marks.seq = exp.value;
    return out;
  }
  const wrong = (code: 'TF400' | 'TF408', why: Text): Resolved => {
    // (why is made here, for the one segment that needs it)
    c.report(diag(code, rng, { got, expected: want, why: why.en, whyKo: why.ko }, { fixes: [fix] }));
    marks.seq = exp.value;
    return out;
  };
  if (d > 0) return wrong('TF400', why(e, exp));
  if (e.iss && (diff(r.value, e.iss) ?? 0) < 0) {
    return wrong(
      'TF408',
      T(
        `${got} is before ${e.name}'s ISS ${format(e.iss)}: no octet of this connection is numbered there`,
        `${got}은(는) ${e.name}의 ISS ${format(e.iss)}보다 앞이라 이 연결의 어떤 옥텟도 그 번호를 쓰지 않습니다`,
      ),
    );
  }
  if (!exp.retransmission) {
    if (kind === 'ack' && c.w.lossSeen && isKeepAlive(e, r.value)) return out;
    return wrong('TF408', why(e, exp));
  }
  // A number below SND.NXT on data or a FIN: a retransmission, which repeats octets already sent.
  if (e.sndUna && (diff(r.value, e.sndUna) ?? 0) < 0) {
    return wrong(
      'TF408',
      T(
        `octets below ${format(e.sndUna)} (SND.UNA) were already acknowledged, and a real TCP never sends them again`,
        `${format(e.sndUna)}(SND.UNA)보다 앞의 옥텟은 이미 확인(ACK)받았으며, 실제 TCP는 이를 다시 보내지 않습니다`,
      ),
    );
  }
  const problem = retransmissionProblem(e, r.value, dataLen, c.stmt.payload?.value, flags.has('FIN'));
  if (problem) {
    c.report(diag('TF407', rng, { got, name: e.name, next: want, detail: problem.en, detailKo: problem.ko }, { fixes: [fix] }));
    marks.seq = exp.value;
    return out;
  }
  // The data of a SYN the SYN+ACK did not acknowledge (no Fast Open, or refused) is sent again: nothing was lost, but it is expected.
  if (!c.w.lossSeen && !e.opts?.synDataRefused) c.report(diag('TF401', rng, { got, expected: want, name: e.name }, { fixes: [fix] }));
  return out;
}

/** A keep-alive probe (RFC 9293 §3.8.4): SEG.SEQ = SND.NXT − 1 once the connection is idle. */
function isKeepAlive(e: Endpoint, v: Seq): boolean {
  return !!e.sndNxt && !!e.sndUna && diff(e.sndNxt, e.sndUna) === 0 && diff(v, add(e.sndNxt, -1)) === 0;
}

/** Why a segment below SND.NXT is not an exact retransmission, or undefined when it is one. */
function retransmissionProblem(e: Endpoint, start: Seq, dataLen: number, payload: string | undefined, fin: boolean): Text | undefined {
  const end = add(start, dataLen);
  const finAt = e.finSeq;
  // Past SND.NXT it carries new octets after the unacknowledged ones: repacketizing, which a
  // retransmission may do (RFC 1122 §4.2.2.15; Linux does). Past its own FIN nothing may follow.
  const pastEnd = finAt ? diff(end, finAt) : undefined;
  if (finAt && pastEnd !== undefined && pastEnd > 0) {
    return T(
      `it runs ${pastEnd} octet${pastEnd === 1 ? '' : 's'} past ${format(finAt)}, where ${e.name}'s FIN ended its data`,
      `${e.name}의 FIN이 데이터를 끝낸 ${format(finAt)}을(를) ${pastEnd}옥텟 넘어갑니다`,
    );
  }
  if (fin && finAt && diff(end, finAt) !== 0) {
    return T(`a FIN sent again comes right after the last octet, at ${format(finAt)}`, `다시 보내는 FIN은 마지막 옥텟 바로 뒤인 ${format(finAt)}에 옵니다`);
  }
  if (payload === undefined || dataLen === 0) return undefined;
  const bytes = utf8Bytes(payload);
  for (let i = firstChunkAfter(e.sentData, e.sentDataFrom, start); i < e.sentData.length; i++) {
    const chunk = e.sentData[i]!;
    const at = diff(chunk.start, start);
    if (at === undefined || at >= dataLen) break;
    if (chunk.payload === undefined) continue;
    const old = utf8Bytes(chunk.payload);
    for (let k = Math.max(0, at); k < Math.min(dataLen, at + old.length); k++) {
      if (old[k - at] !== bytes[k]) {
        return T(
          `its octets differ from those sent at seq=${format(chunk.start)} ("${chunk.payload.slice(0, 24)}")`,
          `옥텟이 seq=${format(chunk.start)}에서 보낸 것("${chunk.payload.slice(0, 24)}")과 다릅니다`,
        );
      }
    }
  }
  return undefined;
}

/** Index of the first chunk that ends after `v` (chunks are in sequence order). */
function firstChunkAfter(chunks: readonly SentChunk[], from: number, v: Seq): number {
  let lo = from;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = chunks[mid]!;
    const d = diff(add(c.start, c.len), v);
    if (d === undefined) return from;
    if (d <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** Why RCV.NXT is what it is, from the segment that last moved it. */
function whyRcvNxt(e: Endpoint, rcvNxt: Seq): Text {
  const r = e.lastReceived;
  const want = format(rcvNxt);
  const syn = r?.flags.has('SYN') ?? false;
  const fin = r?.flags.has('FIN') ?? false;
  if (r && diff(add(r.seq, r.dataLen + (syn ? 1 : 0) + (fin ? 1 : 0)), rcvNxt) === 0) {
    const seqText = format(r.seq);
    if (syn && r.dataLen === 0)
      return T(
        `SYN and FIN each take one sequence number, so the answer to \`SYN seq=${seqText}\` acknowledges ${want} (RCV.NXT)`,
        `SYN과 FIN은 순서 번호를 하나씩 쓰므로 \`SYN seq=${seqText}\`에 대한 답은 ${want}(RCV.NXT)를 확인합니다`,
      );
    if (fin && r.dataLen === 0)
      return T(
        `SYN and FIN each take one sequence number, so the answer to \`FIN seq=${seqText}\` acknowledges ${want} (RCV.NXT)`,
        `SYN과 FIN은 순서 번호를 하나씩 쓰므로 \`FIN seq=${seqText}\`에 대한 답은 ${want}(RCV.NXT)를 확인합니다`,
      );
    const extra = syn ? ' and the SYN one more' : fin ? ' and the FIN one more' : '';
    const extraKo = syn ? ', SYN이 하나 더' : fin ? ', FIN이 하나 더' : '';
    return T(
      `data takes one sequence number per octet${extra}, so \`seq=${seqText}\` with ${r.dataLen} octet${r.dataLen === 1 ? '' : 's'} is acknowledged with ${want} (RCV.NXT)`,
      `데이터는 옥텟마다 순서 번호를 하나씩 쓰므로${extraKo} \`seq=${seqText}\`의 ${r.dataLen}옥텟은 ${want}(RCV.NXT)로 확인합니다`,
    );
  }
  return T(
    `${e.name} has received everything up to ${want} (RCV.NXT), and a real TCP acknowledges exactly that`,
    `${e.name}은(는) ${want}(RCV.NXT)까지 받았고, 실제 TCP는 정확히 그만큼 확인합니다`,
  );
}

/** An ACK beyond RCV.NXT while data waits after a gap: the octets of the gap never arrived. */
function whyHole(e: Endpoint, rcvNxt: Seq, ack: Seq): Text | undefined {
  if (e.outOfOrder.empty) return undefined;
  const hole = e.outOfOrder.notHeld(rcvNxt, ack);
  if (!hole || diff(hole.from, rcvNxt) !== 0) return undefined;
  const from = format(hole.from);
  const to = format(hole.to);
  return T(
    `the octets ${from}…${to} have not arrived; what came after them waits in the reassembly queue, and an ACK never covers a hole, so it stays at ${format(rcvNxt)} (RCV.NXT)`,
    `${from}…${to} 옥텟이 도착하지 않았습니다. 그 뒤에 온 것은 재조립 큐에서 기다리며, ACK는 빈틈을 넘지 않으므로 ${format(rcvNxt)}(RCV.NXT)에 머뭅니다`,
  );
}

/** The acknowledgment number (TF402, TF403, TF404, TF405; TF701 as a hint). */
export function checkAck(
  c: SendContext,
  flags: ReadonlySet<Flag>,
  rstAnswer: Owed | undefined,
  lastData: { seq: Seq; dataLen: number } | undefined,
  quiet: boolean,
  marks: Expected,
): Resolved | undefined {
  const given = c.field('ack');
  if (!flags.has('ACK')) {
    if (given && !quiet) c.report(diag('TF404', c.fieldRange('ack')));
    return undefined;
  }
  const e = c.from;
  if (rstAnswer) return c.w.resolve(given, rstAnswer.ack ?? e.rcvNxt);
  const expected = e.rcvNxt;
  const r = c.w.resolve(given, expected);
  const out: Resolved = r; // the resolved value itself: no copy a segment
  if (r.matches || !expected || quiet) return out;
  const want = format(expected);
  const got = format(r.value);
  const rng = c.fieldRange('ack');
  const fix = changeTo(rng, `ack=${want}`);
  marks.ack = expected;
  const d = diff(r.value, expected);
  if (d === undefined) {
    // Another connection's symbol where the receiver checks SND.UNA < SEG.ACK =< SND.NXT before
    // anything else: it answers with a RST (§3.10.7.3, §3.10.7.4), so a real TCP never sent it.
    const resets = unrelated(r.value, expected) && !c.to.raw && (c.to.state === 'SYN_SENT' || c.to.state === 'SYN_RECEIVED');
    // (The fix's title names no number: another connection's symbols may be anything, `a` included.)
    const ownNumbers = replaceFix(rng, `ack=${want}`, "Acknowledge this connection's numbers", '이 연결의 번호로 확인(ACK)하기');
    c.report(
      diag(resets ? 'TF410' : 'TF405', rng, resets ? { got, expected: want, name: c.to.name, state: c.to.state } : { field: 'ack', got, expected: want }, {
        fixes: [resets ? ownNumbers : fix],
      }),
    );
    return out;
  }
  const why = (d > 0 && whyHole(e, expected, r.value)) || whyRcvNxt(e, expected);
  c.report(diag(d > 0 ? 'TF402' : 'TF403', rng, { got, expected: want, name: e.name, why: why.en, whyKo: why.ko }, { fixes: [fix] }));
  if (lastData && lastData.dataLen !== 1 && diff(r.value, add(lastData.seq, 1)) === 0) c.report(diag('TF701', rng, { len: lastData.dataLen }));
  return out;
}

const RULE_NO_ACK = T(
  'a segment without ACK is answered with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, RFC 9293 §3.10.7.1',
  'ACK 없는 세그먼트에는 <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>로 답합니다, RFC 9293 §3.10.7.1',
);
const RULE_WITH_ACK = T(
  'a segment with ACK is answered with <SEQ=SEG.ACK><CTL=RST>, RFC 9293 §3.10.7',
  'ACK가 있는 세그먼트에는 <SEQ=SEG.ACK><CTL=RST>로 답합니다, RFC 9293 §3.10.7',
);
const RULE_ABORT = T(
  'a RST that resets the connection carries SEQ=SND.NXT, RFC 9293 §3.10.5',
  '연결을 리셋하는 RST는 SEQ=SND.NXT를 담습니다, RFC 9293 §3.10.5',
);

/** A RST that pays an owed answer: its flags and numbers are the ones RFC 9293 prescribes (TF406). */
export function checkRstAnswer(c: SendContext, flags: ReadonlySet<Flag>, owed: Owed, seqV: Seq, ackV: Seq | undefined, quiet: boolean, marks: Expected): void {
  if (quiet) return;
  const e = c.from;
  const withAck = owed.exact ? owed.withAck === true : flags.has('ACK');
  const wantSeq = owed.seq ?? e.sndNxt;
  // The ACK field of an abort's RST is the stack's own choice (RFC 9293 §3.10.5 sends none; Linux its RCV.NXT): only an answer's is prescribed.
  const wantAck = withAck && owed.exact ? owed.ack : undefined;
  const flagsOk = flags.has('ACK') === withAck;
  // A placeholder (a number nobody named yet) was bound by this very segment's value.
  const seqOk = !wantSeq || isPlaceholder(wantSeq) || diff(seqV, wantSeq) === 0;
  const ackOk = !wantAck || !ackV || isPlaceholder(wantAck) || diff(ackV, wantAck) === 0;
  if (flagsOk && seqOk && ackOk) return;
  const expectedText = `RST${withAck ? ' ACK' : ''}${wantSeq ? ` seq=${format(wantSeq)}` : ''}${wantAck ? ` ack=${format(wantAck)}` : ''}`;
  const gotText = `${flagsSource(flags)} seq=${format(seqV)}${ackV ? ` ack=${format(ackV)}` : ''}`;
  const rule = owed.exact ? (owed.withAck ? RULE_NO_ACK : RULE_WITH_ACK) : RULE_ABORT;
  const at: Span = c.stmt.flagsRange ? span(c.stmt.line, c.stmt.flagsRange.start, c.stmt.range.end) : c.stmt.range;
  const fix = changeTo(at, expectedText);
  c.report(
    diag(
      'TF406',
      c.stmt.flagsRange ?? c.stmt.range,
      { line: owed.line + c.w.lineBase, expected: expectedText, got: gotText, rule: rule.en, ruleKo: rule.ko },
      { fixes: [fix] },
    ),
  );
  if (!flagsOk) marks.flags = withAck ? 'RST+ACK' : 'RST';
  if (!seqOk && wantSeq) marks.seq = wantSeq;
  if (wantAck && (!ackOk || !ackV)) marks.ack = wantAck;
}

/**
 * TF409: new octets go only inside the window the receiver advertised (as the sender last
 * learned it from a segment that arrived), SND.UNA + SND.WND
 * (RFC 9293 §3.8.6, §3.10.2); into a zero window only a one-octet probe (§3.8.6.1).
 */
export function checkWindow(c: SendContext, peer: Endpoint, seqV: Seq, dataLen: number, quiet: boolean): void {
  const una = c.from.sndUna;
  if (quiet || dataLen === 0 || !una || isPlaceholder(una) || peer.raw) return;
  const end = diff(add(seqV, dataLen), una);
  const wnd = c.from.sndWnd; // the window the peer's last arrived segment advertised
  if (end === undefined || end <= wnd || (wnd === 0 && dataLen === 1)) return;
  const at = c.stmt.payload?.range ?? c.fieldRange('len');
  c.report(diag('TF409', at, { name: c.from.name, peer: peer.name, wnd, una: format(una), limit: format(add(una, wnd)), end: format(add(seqV, dataLen)) }));
}
