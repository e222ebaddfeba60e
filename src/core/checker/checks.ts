/**
 * Small named checks that read the syntax tree or the finished simulation: document
 * structure, compatibility hints, what is still pending at the end, teaching hints.
 * Each returns its diagnostics; the checker runs them all.
 */

import type { Document } from '../language/ast.js';
import { diag, related, replaceFix, type Diagnostic } from '../common/diagnostics.js';
import { answerLine, owedName, owedNameKo, owedShortName } from '../model/owedAnswers.js';
import type { Endpoint } from '../model/endpoint.js';
import type { Simulation } from './simulate.js';
import { format } from '../model/seq.js';
import { span, type Span } from '../common/source.js';

/**
 * TF104 duplicate title, TF117 `stack` after the first segment or twice, TF125 a segment, call,
 * claim or wait before the first `connection` line of a flow that has them.
 */
export function checkStructure(doc: Document, lineBase = 1): Diagnostic[] {
  const out: Diagnostic[] = [];
  let titleLine = -1;
  let seenSegment = false;
  let stackSeen = false;
  const firstConnection = doc.statements.find((s) => s.kind === 'connection');
  if (firstConnection) {
    const outside = doc.statements.find(
      (s) => s.line < firstConnection.line && (s.kind === 'segment' || s.kind === 'call' || s.kind === 'assert' || s.kind === 'wait'),
    );
    if (outside) {
      const at = { start: { line: outside.line, character: 0 }, end: { line: outside.line, character: 0 } };
      out.push(
        diag(
          'TF125',
          outside.range,
          {},
          { fixes: [{ title: { en: 'Start connection c0 above', ko: '위에서 c0 연결 시작하기' }, edits: [{ range: at, newText: 'connection c0\n' }] }] },
        ),
      );
    }
  }
  for (const s of doc.statements) {
    if (s.kind === 'title') {
      if (titleLine >= 0)
        out.push(
          diag(
            'TF104',
            s.range,
            { line: titleLine + lineBase },
            { related: [related({ start: { line: titleLine, character: 0 }, end: { line: titleLine, character: 0 } }, 'The first title', '첫 제목')] },
          ),
        );
      else titleLine = s.line;
    } else if (s.kind === 'segment') seenSegment = true;
    else if (s.kind === 'stack') {
      if (stackSeen) out.push(diag('TF117', s.range, { what: "Only the first 'stack' line counts.", whatKo: "첫 'stack' 줄만 씁니다." }));
      else if (seenSegment)
        out.push(
          diag('TF117', s.range, {
            what: "'stack' applies to the whole flow; put it before the first segment.",
            whatKo: "'stack'은 흐름 전체에 적용되므로 첫 세그먼트 앞에 둡니다.",
          }),
        );
      stackSeen = true;
    }
  }
  return out;
}

/** TF190 `>` for `->`, TF191 a leading `TCP` (the usual note notation, accepted gently). */
export function checkCompatibility(doc: Document): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of doc.statements) {
    if (s.kind !== 'segment') continue;
    if (s.compatArrow) out.push(diag('TF190', s.arrowRange, {}, { fixes: [replaceFix(s.arrowRange, '->', "Write '->'", "'->'로 쓰기")] }));
    if (s.tcpPrefix) {
      const r = s.tcpPrefix;
      // Up to what follows it (the flags), never into it: `TCP"x"` keeps its opening quote.
      const next = s.flagsRange?.start ?? s.fields[0]?.range.start ?? s.payload?.range.start ?? r.end;
      out.push(diag('TF191', r, {}, { fixes: [replaceFix(span(r.line, r.start, Math.max(r.end, next)), '', "Remove 'TCP'", "'TCP' 지우기")] }));
    }
  }
  return out;
}

/**
 * TF600 answers still owed, TF601 data or FIN not acknowledged, at the end of the flow: for each
 * connection (a reused one's endpoints carried on in the connection that reused it). With several
 * connections, a message names the endpoint with its connection (`C (c2)`) and points at the
 * connection's last line; a quick fix that adds an answer at the end returns to it first.
 */
export function checkEnding(sim: Simulation, doc: Document): Diagnostic[] {
  const lastConnection = [...doc.statements].reverse().find((s) => s.kind === 'connection');
  const endsIn = lastConnection?.kind === 'connection' ? lastConnection.name.text : '';
  // Looked up only for what is still owed at the end, by binary search (statements are in line order).
  const lineRange = (line: number): Span => {
    const st = doc.statements;
    let lo = 0;
    let hi = st.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (st[mid]!.line < line) lo = mid + 1;
      else hi = mid;
    }
    return st[lo]?.line === line ? st[lo]!.range : span(line, 0, 0);
  };
  const lastLine = doc.statements.length ? doc.statements[doc.statements.length - 1]!.line : 0;
  return checkEndingAt(sim, lineRange, lastLine, endsIn);
}

/**
 * checkEnding for a check that keeps no tree (checkLean.ts): `lineRange` gives the range of the
 * statement on a line (or an empty one at its start), `lastLine` the last statement's line,
 * `endsIn` the name of the last `connection` line ('' without one).
 */
export function checkEndingAt(sim: Simulation, lineRange: (line: number) => Span, lastLine: number, endsIn: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const several = sim.connections.length > 1;
  const append = { start: { line: lastLine + 1, character: 0 }, end: { line: lastLine + 1, character: 0 } };
  for (const c of sim.connections) {
    if (c.reusedBy) continue; // its endpoints carried on in the connection that reused it
    const here = several && c.name ? ` (${c.name})` : '';
    const back = c.name && c.name !== endsIn ? `connection ${c.name}\n` : '';
    const endLine = several ? c.lastLine : lastLine;
    for (const e of c.endpoints) {
      if (e.raw) continue;
      const peer = c.endpoints.find((p) => p !== e);
      for (const o of e.owed) {
        const fixes = peer
          ? [
              {
                title: { en: `Add the ${owedShortName(o)} ${e.name} owes`, ko: `${e.name}이(가) 보내야 할 ${owedNameKo(o)} 추가` },
                edits: [{ range: append, newText: `${back}${answerLine(e, peer, o)}\n` }],
              },
            ]
          : [];
        out.push(
          diag('TF600', lineRange(o.line), { name: `${e.name}${here}`, answer: owedName(o), answerKo: owedNameKo(o), line: o.line + sim.lineBase }, { fixes }),
        );
      }
      const what = unacknowledged(e, peer);
      if (what) out.push(diag('TF601', lineRange(endLine), { name: `${e.name}${here}`, what: what.en, whatKo: what.ko }));
    }
  }
  return out;
}

/** What an endpoint sent that is still unacknowledged at the end (TF601), unless the peer still owes the ACK. */
function unacknowledged(e: Endpoint, peer: Endpoint | undefined): { en: string; ko: string } | undefined {
  if (e.state === 'CLOSED' || e.state === 'LISTEN' || !e.sndUna || !e.sndNxt) return undefined;
  if (e.sndUna.base !== e.sndNxt.base || e.sndUna.offset === e.sndNxt.offset) return undefined;
  if (peer && peer.owed.some((o) => o.kind === 'ack' || o.kind === 'syn-ack')) return undefined;
  const finPending = e.finSeq && !e.finAcked;
  const synPending = e.iss && e.sndUna.offset === e.iss.offset && e.sndUna.base === e.iss.base;
  if (synPending) return { en: 'SYN', ko: 'SYN' };
  if (finPending) return { en: 'FIN', ko: 'FIN' };
  return { en: `data up to ${format(e.sndNxt)}`, ko: `${format(e.sndNxt)}까지의 데이터` };
}

/** TF700: a note or title that says TIME_WAIT lasts 240 s / 4 minutes. */
export function checkTeachingHints(doc: Document): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const s of doc.statements) {
    const text = s.kind === 'note' ? s.text : s.kind === 'title' ? s.text : undefined;
    if (!text || s.kind === 'participant') continue;
    if (/time[\s_-]?wait|2\s*msl/i.test(text) && /\b240\s*(s|sec|초)|\b4\s*(min|분)/i.test(text)) {
      out.push(diag('TF700', s.kind === 'note' ? s.textRange : s.kind === 'title' ? s.textRange : s.range));
    }
  }
  return out;
}
