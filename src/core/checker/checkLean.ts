/**
 * The check for a front end that wants only the diagnostics (`tcpflow-cli check`): the same
 * diagnostics as check(), without its syntax tree or trace. Each statement is simulated as soon
 * as it is read and then dropped, so a 100,000-segment flow never holds its tree (≈600 bytes a
 * segment) and the garbage collector never has to copy one. What the end-of-flow checks need is
 * kept on the way: each statement's range (three numbers), the statements other than segments
 * (titles, `stack` and `connection` lines…) and the first segment.
 *
 * The simulation must know some things before its first statement runs: the `stack` line, the
 * participants, the labels of segments in flight (`@d1`, `arrives d1`) and every symbol the
 * document mentions (a value nobody named gets a name that avoids them). The statements up to the
 * first one that acts (a segment, call, assertion, wait or note) with both participants known are
 * read first. If a `stack` or participant line, a
 * labelled segment or an `arrives` line comes later, or a value needs a fresh name before the rest
 * is read, the check starts again as check() does: the same answer, without the savings.
 */

import type { Document, Statement } from '../language/ast.js';
import { check, gather } from './check.js';
import { checkCompatibility, checkEndingAt, checkStructure, checkTeachingHints } from './checks.js';
import type { Diagnostic } from '../common/diagnostics.js';
import { Participants } from './participants.js';
import { Simulator, type SimulateOptions } from './simulate.js';
import { span, type Span } from '../common/source.js';
import { StatementReader } from '../language/parser.js';
import { SegmentNode } from '../language/astNodes.js';

/** The diagnostics check(text, options) gives, in the same order. */
export function checkLean(text: string, options: SimulateOptions = {}): Diagnostic[] {
  const opts: SimulateOptions = { ...options, trace: false };
  try {
    return streamed(text, opts);
  } catch (e) {
    if (!(e instanceof Restart)) throw e;
    return [...check(text, opts).diagnostics];
  }
}

/** Thrown where streaming cannot give check()'s answer; caught by checkLean. */
class Restart extends Error {}

/** The symbols of lines not read yet cannot be vouched for: asking for one (a fresh name) restarts the check. */
class UnreadSymbols extends Set<string> {
  override has(): boolean {
    throw new Restart('a fresh name needs every symbol of the document');
  }
}

/** Past this many statements without both participants, the rest is read first (as check() does). */
const HEAD_LIMIT = 256;

function streamed(text: string, options: SimulateOptions): Diagnostic[] {
  const reader = new StatementReader(text);
  // The line count is known once every line is read (the simulation does not ask for it before).
  const docOf = (statements: Statement[]): Document => ({
    statements,
    get lineCount() {
      return reader.lineCount;
    },
    commentLines: [],
  });
  const ranges = new Ranges();
  // What checkStructure reads (titles, `stack` and `connection` lines, the first segment, call, claim or
  // wait): every statement but the segments after the first, which are nearly all of a long flow.
  const structural: Statement[] = [];
  const compatibility: Diagnostic[] = [];
  const hints: Diagnostic[] = [];
  let segmentSeen = false;
  let endsIn = ''; // the last `connection` line's name
  let head: Statement[] = [];
  let sim: Simulator | undefined;
  for (let stmt = reader.next(); stmt; stmt = reader.next()) {
    ranges.add(stmt);
    if (stmt.kind === 'segment') {
      if (stmt.compatArrow || stmt.tcpPrefix) for (const d of checkCompatibility(docOf([stmt]))) compatibility.push(d);
      if (!segmentSeen) structural.push(stmt);
      segmentSeen = true;
    } else structural.push(stmt);
    if (stmt.kind === 'connection') endsIn = stmt.name.text;
    if (stmt.kind === 'note' || stmt.kind === 'title') for (const d of checkTeachingHints(docOf([stmt]))) hints.push(d);
    if (sim) {
      // What the simulation reads from the whole document before it starts: the `stack` line, the
      // participants, and the labels of segments in flight (an `arrives` names one sent before or after).
      if (stmt.kind === 'participant' || stmt.kind === 'stack' || stmt.kind === 'arrives' || (stmt.kind === 'segment' && stmt.label))
        throw new Restart('the simulation has started');
      sim.feed(stmt);
      continue;
    }
    head.push(stmt);
    if (acts(stmt) && head.length <= HEAD_LIMIT && new Participants(docOf(head), []).list.length >= 2) {
      sim = new Simulator(docOf(head), options, new UnreadSymbols());
      for (const s of head) sim.feed(s);
      head = [];
    }
  }
  // Never started: the whole document is read, so the simulation is simulate()'s.
  if (!sim) {
    sim = new Simulator(docOf(head), options);
    for (const s of head) sim.feed(s);
  }
  const simulation = sim.finish();
  return gather(
    {
      syntax: reader.diagnostics,
      structure: checkStructure(docOf(structural), 1 + (options.lineOffset ?? 0)),
      compatibility,
      simulation: simulation.diagnostics,
      ending: checkEndingAt(simulation, (line) => ranges.at(line), ranges.lastLine, endsIn),
      hints,
    },
    text,
    reader.lineCount,
  );
}

function acts(stmt: Statement): boolean {
  return stmt.kind === 'segment' || stmt.kind === 'call' || stmt.kind === 'assert' || stmt.kind === 'wait' || stmt.kind === 'note';
}

/** Each statement's range, in line order, three numbers each (what checkEnding looks up by line). */
class Ranges {
  private data = new Int32Array(3 * 1024);
  private n = 0;

  add(stmt: Statement): void {
    // A segment keeps its columns: no range object made for each of a long flow's lines.
    const r = stmt instanceof SegmentNode ? stmt : stmt.range;
    if (r.line !== stmt.line) throw new Restart('a statement whose range is on another line');
    if (3 * this.n === this.data.length) {
      const bigger = new Int32Array(2 * this.data.length);
      bigger.set(this.data);
      this.data = bigger;
    }
    const d = this.data;
    const i = 3 * this.n++;
    d[i] = r.line;
    d[i + 1] = r.start;
    d[i + 2] = r.end;
  }

  get lastLine(): number {
    return this.n > 0 ? this.data[3 * (this.n - 1)]! : 0;
  }

  /** The range of the statement on `line`, or an empty range at its start. */
  at(line: number): Span {
    const d = this.data;
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d[3 * mid]! < line) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.n && d[3 * lo] === line ? span(line, d[3 * lo + 1]!, d[3 * lo + 2]!) : span(line, 0, 0);
  }
}
