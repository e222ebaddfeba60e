/**
 * Segments in flight: a segment line ending in `@label` is sent there and reaches its receiver
 * only at `arrives label` (once, several times for a network duplicate, or never). This module
 * keeps the labelled segments sent so far, resolves each `arrives` line to one (TF119 a label
 * used twice, TF302 an arrival of a label not sent before it), says which labels never arrived
 * (TF602), and keeps what a sender knows of its peer's window: the one advertised by the last
 * segment that reached it (RFC 9293 §3.10.7.4, SND.WND with SND.WL1), not the one the peer has
 * advertised since; and whether an arriving ACK is a duplicate ACK (RFC 5681), after which a
 * retransmission is expected.
 */

import type { ArrivesStmt, Document, Name, SegmentStmt } from '../language/ast.js';
import { changeTo, diag, related, type Diagnostic } from '../common/diagnostics.js';
import type { Endpoint } from '../model/endpoint.js';
import { labelDefinitions } from '../language/labels.js';
import type { EffSegment } from '../model/types.js';
import type { SentSegment } from './send.js';
import { diff } from '../model/seq.js';
import { NameSuggestions } from '../common/suggestions.js';

/** One labelled segment, sent and not lost, and how often it has arrived. */
export interface Flight<S> {
  readonly label: Name;
  readonly sendLine: number;
  readonly to: Endpoint;
  readonly sent: SentSegment;
  /** What the simulation keeps about the send (its step's segment info). */
  readonly info: S;
  /** The lines of its `arrives` statements so far. */
  readonly arrivals: number[];
}

export class InFlight<S> {
  private readonly flights = new Map<string, Flight<S>>();
  /** Every label the document defines, where it is first defined (an arrival before it names the line). */
  private readonly defined: Map<string, Name>;
  /** The same labels, for "did you mean" (a bounded number weighed per line). */
  private readonly suggestions = new NameSuggestions();

  constructor(
    doc: Document,
    private readonly out: Diagnostic[],
    private readonly lineBase: number,
  ) {
    this.defined = labelDefinitions(doc);
    for (const n of this.defined.values()) this.suggestions.add(n.text, n.range.line);
  }

  /**
   * A labelled segment leaves its sender. Returns false when the label is already taken (TF119):
   * that segment then arrives at once, as an unlabelled one.
   */
  send(seg: SegmentStmt, to: Endpoint, sent: SentSegment, info: S): boolean {
    const label = seg.label;
    if (!label) return false;
    const first = this.flights.get(label.text);
    const firstLine = first?.sendLine ?? this.defined.get(label.text)?.range.line;
    if (first || (firstLine !== undefined && firstLine < seg.line)) {
      const line = firstLine ?? seg.line;
      this.out.push(
        diag(
          'TF119',
          label.range,
          { label: label.text, line: line + this.lineBase },
          {
            related: [
              related(
                { start: { line, character: 0 }, end: { line, character: 0 } },
                `The segment labelled '${label.text}'`,
                `'${label.text}' 이름표를 단 세그먼트`,
              ),
            ],
          },
        ),
      );
      return false;
    }
    if (seg.lost) return false; // TF118 is on the line already; a lost segment never arrives
    this.flights.set(label.text, { label, sendLine: seg.line, to, sent, info, arrivals: [] });
    return true;
  }

  /** The segment an `arrives` line delivers, or undefined (with TF302 when the label is unknown here). */
  arrive(stmt: ArrivesStmt): Flight<S> | undefined {
    const name = stmt.label.text;
    const f = this.flights.get(name);
    if (f) {
      f.arrivals.push(stmt.line);
      return f;
    }
    const def = this.defined.get(name);
    if (def && def.range.line < stmt.line) return undefined; // sent on a line that has its own error (lost, broken)
    if (def) {
      this.out.push(
        diag('TF302', stmt.label.range, {
          label: name,
          detail: `: it is sent later, on line ${def.range.line + this.lineBase}`,
          detailKo: `. 이 세그먼트는 더 뒤인 ${def.range.line + this.lineBase}행에서 보냅니다`,
        }),
      );
      return undefined;
    }
    const s = this.suggestions.suggest(name, stmt.line);
    this.out.push(
      diag(
        'TF302',
        stmt.label.range,
        { label: name, detail: '', detailKo: '', ...(s ? { suggestion: s } : {}) },
        s ? { fixes: [changeTo(stmt.label.range, s)] } : {},
      ),
    );
    return undefined;
  }

  /** TF602: labelled segments that never arrived (information, on the line that sent each). */
  atEnd(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const f of this.flights.values()) if (f.arrivals.length === 0) out.push(diag('TF602', f.label.range, { label: f.label.text, name: f.to.name }));
    return out;
  }
}

/**
 * A duplicate ACK (RFC 5681 §2): an ACK without data, SYN or FIN that acknowledges no more than
 * SND.UNA while data is outstanding. Receiving one tells the sender a segment is missing or
 * reordered; real stacks may retransmit at once (fast retransmit, RFC 5681 §3.2; RACK, RFC 8985),
 * so a retransmission after it is no longer "although nothing was lost".
 */
export function isDuplicateAck(e: Endpoint, s: EffSegment): boolean {
  if (!s.ack || s.dataLen > 0 || s.flags.has('SYN') || s.flags.has('FIN') || s.flags.has('RST')) return false;
  if (!e.sndUna || !e.sndNxt) return false;
  const outstanding = diff(e.sndNxt, e.sndUna);
  return outstanding !== undefined && outstanding > 0 && diff(s.ack, e.sndUna) === 0;
}
