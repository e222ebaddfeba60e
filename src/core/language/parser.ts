/**
 * The parser: one statement per line, built from the scanner's tokens. Every problem becomes
 * a diagnostic on its line and the parser moves on, so one bad line never hides the rest.
 */

import type * as A from './ast.js';
import { FieldNode, NameNode, OptionFieldNode, SegmentNode, setDropped, setRepeated, setSpoofs, StringNode } from './astNodes.js';
import { MAX_32 } from '../common/space32.js';
import { changeTo, diag, replaceFix, type Diagnostic, type Fix } from '../common/diagnostics.js';
import { scanLine, TokenPool, type Token } from './scanner.js';
import { SegmentLineReader } from './segmentFastPath.js';
import { countLines, LineCursor, span, type Span } from '../common/source.js';
import {
  BARE_FIELDS,
  CALLS,
  FIELDS,
  MAX_WSCALE,
  OPTION_PROFILES,
  FLAGS,
  PROFILE_OPTIONS,
  PROFILES,
  STATES,
  STATEMENT_KEYWORDS,
  didYouMean,
  normalizeBareField,
  normalizeField,
  normalizeFlag,
  normalizeState,
  type Call,
  type FieldName,
  type Flag,
  type ProfileName,
  type ProfileOption,
  type Role,
} from '../common/vocabulary.js';

export interface ParseResult {
  readonly document: A.Document;
  readonly diagnostics: Diagnostic[];
}

const ARROWS = new Set(['arrow', 'lostArrow', 'compatArrow']);

function hasField(fields: readonly A.Field[], count: number, name: string): boolean {
  for (let k = 0; k < count; k++) if (fields[k]!.name === name) return true;
  return false;
}
function hasFlag(flags: readonly Flag[], count: number, flag: Flag): boolean {
  for (let k = 0; k < count; k++) if (flags[k] === flag) return true;
  return false;
}
const MAX_SEQ = MAX_32;

/** The scanner's string errors ('unterminated string', 'bad escape \\q') in Korean. */
function stringErrorKo(error: string): string {
  if (error === 'unterminated string') return '닫는 따옴표가 없습니다';
  return error.replace(/^bad escape /, '잘못된 이스케이프 ');
}

/** What `\s` matches, without a regular expression per line. */
/** The quick fix of TF120: the profile that has the option. */
function changeProfile(t: Token, to: string, line: number): Fix {
  return changeTo(span(line, t.start, t.end), to);
}

const FIELD_LIST = FIELDS.map((f) => `${f}=`).join(' ');
const BARE_LIST = BARE_FIELDS.join(' ');

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function parse(text: string): ParseResult {
  const reader = new StatementReader(text);
  const statements: A.Statement[] = [];
  for (let stmt = reader.next(); stmt; stmt = reader.next()) statements.push(stmt);
  return { document: { statements, lineCount: reader.lineCount, commentLines: reader.commentLines }, diagnostics: reader.diagnostics };
}

/**
 * The statements of a text one at a time, in line order, with the syntax diagnostics of the lines
 * read so far: `parse` keeps them all as the tree; a check that needs only the diagnostics can
 * simulate each statement as it comes and keep none (checker/checkLean.ts).
 */
export class StatementReader {
  readonly diagnostics: Diagnostic[] = [];
  /** Lines that hold only a comment (complete once `next()` has returned undefined). */
  readonly commentLines: number[] = [];
  /** The number of lines once known (-1 before). */
  private linesCounted = -1;
  /** Lines are read in place in the text, one after another: no string per line unless the scanner needs one. */
  private readonly cursor: LineCursor;
  private n = 0;
  private previousWasSegment = false;
  private readonly p: LineParser;
  private readonly pool = new TokenPool();
  private readonly segments: SegmentLineReader | undefined;

  /** `fastSegments: false` sends every line through the scanner and parser (the tests compare both ways). */
  constructor(
    private readonly text: string,
    fastSegments = true,
  ) {
    this.segments = fastSegments ? new SegmentLineReader() : undefined;
    this.cursor = new LineCursor(text);
    this.p = new LineParser(this.diagnostics);
  }

  /** How many lines the text has (counted as they are read: asked before the end, they are counted once ahead). */
  get lineCount(): number {
    if (this.linesCounted < 0) this.linesCounted = countLines(this.text);
    return this.linesCounted;
  }

  /** The next statement, or undefined at the end of the text. */
  next(): A.Statement | undefined {
    const { cursor, p, pool, text } = this;
    while (cursor.next()) {
      const n = this.n++;
      // Most lines of a long flow are plain segment lines: read without tokens when they are.
      const segment = this.segments?.read(text, cursor.start, cursor.end, n);
      if (segment) {
        this.previousWasSegment = true;
        return segment;
      }
      const source = text.slice(cursor.start, cursor.end);
      const scanned = scanLine(source, pool);
      if (scanned.count === 0) {
        if (scanned.commentStart >= 0) this.commentLines.push(n);
        continue;
      }
      const end = scanned.commentStart >= 0 ? scanned.commentStart : source.length;
      p.reset(n, source, scanned.tokens, scanned.count, end);
      const stmt = p.statement(this.previousWasSegment);
      this.previousWasSegment = stmt?.kind === 'segment';
      if (stmt) return stmt;
    }
    this.linesCounted = this.n;
    return undefined;
  }
}

/** Parses one line at a time; one instance serves the whole document (reset per line). */
class LineParser {
  private i = 0;
  private line = 0;
  private source = '';
  private toks: readonly Token[] = [];
  /** How many of `toks` are this line's (a pooled list keeps tokens of longer lines past them). */
  private n = 0;
  private contentEnd = 0;
  private trimmedEnd = 0;
  private readonly flagsScratch: Flag[] = [];
  private readonly columnsScratch: number[] = [];
  private readonly fieldsScratch: A.Field[] = [];
  /** This line's flags, fields and marks given again (TF110), in line order; most lines have none. */
  private repeats: A.Repeated[] | undefined = undefined;
  constructor(private readonly out: Diagnostic[]) {}

  /** TF110 on a part given again; the part is kept for the formatter. */
  private repeated(kind: A.Repeated['kind'], range: Span, word: string): void {
    this.out.push(diag('TF110', range, { word }));
    (this.repeats ??= []).push({ kind, range });
  }

  reset(line: number, source: string, toks: readonly Token[], count: number, contentEnd: number): void {
    this.i = 0;
    this.repeats = undefined;
    this.n = count;
    this.line = line;
    this.source = source;
    this.toks = toks;
    this.contentEnd = contentEnd;
    let end = contentEnd;
    while (end > 0 && isSpace(source.charCodeAt(end - 1))) end--;
    // Spaces the scanner does not skip (no-break, ideographic) are tokens: never cut one off.
    const last = toks[count - 1];
    this.trimmedEnd = last && last.end > end ? last.end : end;
  }

  private peek(k = 0): Token | undefined {
    const j = this.i + k;
    return j < this.n ? this.toks[j] : undefined;
  }
  private next(): Token | undefined {
    const j = this.i++;
    return j < this.n ? this.toks[j] : undefined;
  }
  private r(t: Token): Span {
    return span(this.line, t.start, t.end);
  }
  private lineRange(): Span {
    const first = this.toks[0]!;
    return span(this.line, first.start, this.trimmedEnd);
  }
  private restRange(): Span {
    const t = this.peek();
    const end = this.trimmedEnd;
    return t ? span(this.line, t.start, end) : span(this.line, end, end);
  }
  private isWord(t: Token | undefined): t is Token {
    return t !== undefined && t.kind === 'word';
  }
  private isKw(t: Token | undefined, w: string): boolean {
    return t !== undefined && t.kind === 'word' && t.text === w;
  }
  private expected(what: string, whatKo: string): undefined {
    this.out.push(diag('TF108', this.restRange(), { what, whatKo }));
    return undefined;
  }

  statement(previousWasSegment: boolean): A.Statement | undefined {
    const t0 = this.peek()!;
    const t1 = this.peek(1);
    if (t0.kind === 'section') return this.section();
    if (t0.kind === 'amp' || t0.kind === 'question') return this.markedSegment(previousWasSegment);
    if (t0.kind !== 'word') {
      this.out.push(diag('TF100', this.r(t0), { word: t0.text }));
      return undefined;
    }
    if (ARROWS.has(t1?.kind ?? '')) return this.segment(false);
    // `Eve as C -> S: …`: a forged segment (a third party with C's addresses).
    if (this.isKw(t1, 'as') && this.isWord(this.peek(2)) && ARROWS.has(this.peek(3)?.kind ?? '')) return this.segment(false);
    switch (t0.text) {
      case 'title':
        return this.title();
      case 'client':
      case 'server':
      case 'peer':
        return this.participant();
      case 'note':
        return this.note();
      case 'wait':
        return this.wait();
      case 'stack':
        return this.stack();
      case 'arrives':
        // `arrives is …` and `arrives close` keep meaning a participant named `arrives`.
        if (!this.isKw(t1, 'is') && !(this.isWord(t1) && (CALLS as readonly string[]).includes(t1.text))) return this.arrives();
        break;
      case 'connection':
        // `connection is …` and `connection close` keep meaning a participant named `connection`.
        if (!this.isKw(t1, 'is') && !(this.isWord(t1) && (CALLS as readonly string[]).includes(t1.text))) return this.connection();
    }
    if (this.isKw(t1, 'is')) return this.assertion();
    if (this.isWord(t1) && (CALLS as readonly string[]).includes(t1.text)) return this.call();
    if (this.isWord(t1)) {
      const s = didYouMean(t1.text, ['is', ...CALLS]);
      if (s) {
        this.out.push(
          diag('TF100', this.r(t1), { word: t1.text, suggestion: s }, { fixes: [replaceFix(this.r(t1), s, `Change to '${s}'`, `'${s}'(으)로 바꾸기`)] }),
        );
        return undefined;
      }
    }
    const s = t1 === undefined ? didYouMean(t0.text, STATEMENT_KEYWORDS) : undefined;
    this.out.push(diag('TF100', this.r(t0), { word: t0.text, ...(s ? { suggestion: s } : {}) }));
    return undefined;
  }

  /** `&` (crossing) and `?` (not captured) before a segment, in either order, each at most once. */
  private markedSegment(previousWasSegment: boolean): A.SegmentStmt | undefined {
    let crossing = false;
    let inferred = false;
    for (let t = this.peek(); t && (t.kind === 'amp' || t.kind === 'question'); t = this.peek()) {
      this.next();
      if ((t.kind === 'amp' && crossing) || (t.kind === 'question' && inferred)) {
        this.repeated('mark', this.r(t), t.text);
        continue;
      }
      if (t.kind === 'question') inferred = true;
      else {
        crossing = previousWasSegment;
        if (!previousWasSegment) this.out.push(diag('TF114', this.r(t)));
      }
    }
    return this.segment(crossing, inferred);
  }

  /** `arrives <label>` (a leading `@` on the label is accepted). */
  private arrives(): A.ArrivesStmt | undefined {
    const kw = this.next()!;
    if (this.peek()?.kind === 'at' && this.isWord(this.peek(1)) && this.peek(1)!.start === this.peek()!.end) this.next();
    const t = this.next();
    if (!this.isWord(t)) {
      if (t) this.i--;
      return this.expected("the label of a segment after 'arrives' (the name after its '@')", "'arrives' 뒤에 세그먼트의 이름표('@' 뒤의 이름)");
    }
    const dropped = this.isKw(this.peek(), 'dropped') ? this.dropped(this.next()!) : undefined;
    if (this.peek())
      this.expected(
        dropped ? "the end of the line after 'dropped'" : "the end of the line, or 'dropped'",
        dropped ? "'dropped' 뒤에는 줄의 끝" : "줄의 끝 또는 'dropped'",
      );
    return {
      kind: 'arrives',
      line: this.line,
      range: this.lineRange(),
      keywordRange: this.r(kw),
      label: { text: t.text, range: this.r(t) },
      ...(dropped ? { dropped } : {}),
    };
  }

  /** `dropped ["reason"]`: the receiver's kernel discards the segment where it arrives. */
  private dropped(kw: Token): A.Dropped {
    const t = this.peek();
    const reason = t?.kind === 'string' ? this.stringLit(this.next()!) : undefined;
    const end = reason ? reason.range.end : kw.end;
    return { range: span(this.line, kw.start, end), keywordRange: this.r(kw), ...(reason ? { reason } : {}) };
  }

  private section(): A.SectionStmt {
    const t = this.next()!;
    const text = this.source.slice(t.end, this.contentEnd).trim().replace(/=+$/, '').trim();
    const start = this.source.indexOf(text, t.end);
    return { kind: 'section', line: this.line, range: this.lineRange(), title: text, titleRange: span(this.line, start, start + text.length) };
  }

  private rawText(after: Token): { text: string; range: Span } {
    const raw = this.source.slice(after.end, this.contentEnd);
    const text = raw.trim();
    const start = text ? after.end + raw.indexOf(text) : after.end;
    return { text, range: span(this.line, start, start + text.length) };
  }

  private title(): A.TitleStmt | undefined {
    const kw = this.next()!;
    const { text, range: textRange } = this.rawText(kw);
    if (!text) return this.expected("the title text after 'title'", "'title' 뒤에 제목");
    return { kind: 'title', line: this.line, range: this.lineRange(), text, textRange };
  }

  private participant(): A.ParticipantStmt | undefined {
    const roleTok = this.next()!;
    const nameTok = this.next();
    if (!this.isWord(nameTok)) {
      this.i--;
      return this.expected('a participant name', '참여자 이름');
    }
    let label: A.StringLit | undefined;
    let initialState: A.StateRef | undefined;
    let raw = false;
    while (this.peek()) {
      const t = this.next()!;
      if (this.isKw(t, 'as') && this.peek()?.kind === 'string') {
        label = this.stringLit(this.next()!);
      } else if (this.isKw(t, 'state') && this.isWord(this.peek())) {
        initialState = this.stateRef();
      } else if (this.isKw(t, 'raw')) {
        raw = true;
      } else {
        this.i--;
        this.expected(`'as "label"', 'state <STATE>' or 'raw'`, `'as "이름표"', 'state <상태>' 또는 'raw'`);
        break;
      }
    }
    return {
      kind: 'participant',
      line: this.line,
      range: this.lineRange(),
      role: roleTok.text as Role,
      roleRange: this.r(roleTok),
      name: { text: nameTok.text, range: this.r(nameTok) },
      raw,
      ...(label ? { label } : {}),
      ...(initialState ? { initialState } : {}),
    };
  }

  private stringLit(t: Token): A.StringLit {
    if (t.error) this.out.push(diag('TF107', this.r(t), { detail: t.error, detailKo: stringErrorKo(t.error) }));
    return new StringNode(t.value ?? '', this.line, t.start, t.end);
  }

  /** A state name, with `-` or `_` joining its parts: SYN-SENT, FIN-WAIT-1, TIME_WAIT. */
  private stateRef(): A.StateRef {
    const first = this.next()!;
    let last = first;
    while (true) {
      const t = this.peek();
      if (!t || t.start !== last.end || !['word', 'number', 'minus'].includes(t.kind)) break;
      last = this.next()!;
    }
    const text = this.source.slice(first.start, last.end);
    const state = normalizeState(text);
    const rng = span(this.line, first.start, last.end);
    if (!state) {
      const s = didYouMean(text, STATES);
      this.out.push(diag('TF102', rng, { word: text, ...(s ? { suggestion: s } : {}) }, s ? { fixes: [changeTo(rng, s)] } : {}));
    }
    return { text, state, range: rng };
  }

  private assertion(): A.AssertStmt | undefined {
    const subject = this.next()!;
    this.next(); // is
    if (!this.isWord(this.peek())) return this.expected("a TCP state after 'is'", "'is' 뒤에 TCP 상태");
    const state = this.stateRef();
    if (this.peek()) this.expected('the end of the line', '줄의 끝');
    return { kind: 'assert', line: this.line, range: this.lineRange(), subject: { text: subject.text, range: this.r(subject) }, state };
  }

  private call(): A.CallStmt {
    const subject = this.next()!;
    const c = this.next()!;
    // Only the kernel's own reset says why: `Server resets "accept queue full"`.
    const reason = c.text === 'resets' && this.peek()?.kind === 'string' ? this.stringLit(this.next()!) : undefined;
    if (this.peek()) this.expected('the end of the line', '줄의 끝');
    return {
      kind: 'call',
      line: this.line,
      range: this.lineRange(),
      subject: { text: subject.text, range: this.r(subject) },
      call: c.text as Call,
      callRange: this.r(c),
      ...(reason ? { reason } : {}),
    };
  }

  private wait(): A.WaitStmt | undefined {
    this.next();
    const t = this.next();
    if (!t) return this.expected('a duration such as 2MSL, 60s or 500ms', '2MSL, 60s, 500ms 같은 시간');
    const m = /^(\d+(?:\.\d+)?)?(ms|s|sec|m|min|msl)$/i.exec(t.text);
    const wordMsl = t.kind === 'word' && /^msl$/i.test(t.text);
    if ((!m || t.kind !== 'duration') && !wordMsl) {
      this.out.push(diag('TF116', this.r(t), { word: t.text }));
      return undefined;
    }
    const amount = m?.[1] !== undefined ? Number(m[1]) : 1;
    const unit = (m?.[2] ?? 'msl').toLowerCase();
    const duration = unit === 'msl' ? { msl: amount } : { ms: amount * (unit === 'ms' ? 1 : unit === 's' || unit === 'sec' ? 1000 : 60_000) };
    if (this.peek()) this.expected('the end of the line', '줄의 끝');
    return { kind: 'wait', line: this.line, range: this.lineRange(), duration, durationRange: this.r(t) };
  }

  private stack(): A.StackStmt | undefined {
    this.next();
    const t = this.next();
    if (!this.isWord(t)) return this.expected('a stack: rfc9293, rfc793, linux or freebsd', '스택(rfc9293, rfc793, linux, freebsd 중 하나)');
    const profile = t.text.toLowerCase();
    if (!(PROFILES as readonly string[]).includes(profile)) {
      const s = didYouMean(t.text, PROFILES);
      this.out.push(diag('TF115', this.r(t), { word: t.text, ...(s ? { suggestion: s } : {}) }));
      return undefined;
    }
    const options: ProfileOption[] = [];
    while (this.peek()) {
      const first = this.next()!;
      let last = first;
      while (this.peek() && this.peek()!.start === last.end) last = this.next()!;
      const word = this.source.slice(first.start, last.end).toLowerCase();
      const at = span(this.line, first.start, last.end);
      if (!(PROFILE_OPTIONS as readonly string[]).includes(word)) {
        this.out.push(diag('TF115', at, { word }));
        continue;
      }
      const only = OPTION_PROFILES[word as ProfileOption];
      if (only && !only.includes(profile as ProfileName)) {
        const fit = only.join(', ');
        this.out.push(diag('TF120', at, { option: word, profile, profiles: fit }, { fixes: [changeProfile(t, only[0]!, this.line)] }));
        continue;
      }
      options.push(word as ProfileOption);
    }
    return { kind: 'stack', line: this.line, range: this.lineRange(), profile: profile as ProfileName, options };
  }

  private connection(): A.ConnectionStmt | undefined {
    const kw = this.next()!;
    const nameTok = this.next();
    if (!this.isWord(nameTok)) {
      if (nameTok) this.i--;
      return this.expected("a connection name after 'connection'", "'connection' 뒤에 연결 이름");
    }
    let label: A.StringLit | undefined;
    let reuses: A.Name | undefined;
    let reusesClause: Span | undefined;
    while (this.peek()) {
      const t = this.next()!;
      if (this.isKw(t, 'as') && !label && this.peek()?.kind === 'string') label = this.stringLit(this.next()!);
      else if (this.isKw(t, 'reuses') && !reuses && this.isWord(this.peek())) {
        const n = this.next()!;
        reuses = { text: n.text, range: this.r(n) };
        reusesClause = span(this.line, t.start, n.end);
      } else {
        this.i--;
        this.expected(`'as "label"' or 'reuses <connection>'`, `'as "이름표"' 또는 'reuses <연결>'`);
        break;
      }
    }
    return {
      kind: 'connection',
      line: this.line,
      range: this.lineRange(),
      keywordRange: this.r(kw),
      name: { text: nameTok.text, range: this.r(nameTok) },
      ...(label ? { label } : {}),
      ...(reuses ? { reuses } : {}),
      ...(reusesClause ? { reusesClause } : {}),
    };
  }

  private note(): A.NoteStmt | undefined {
    this.next();
    const where = this.next();
    let placement: A.NoteStmt['placement'];
    if (this.isKw(where, 'over')) placement = 'over';
    else if ((this.isKw(where, 'left') || this.isKw(where, 'right')) && this.isKw(this.peek(), 'of')) {
      this.next();
      placement = where!.text === 'left' ? 'left of' : 'right of';
    } else {
      if (where) this.i--;
      return this.expected("'over', 'left of' or 'right of' after 'note'", "'note' 뒤에 'over', 'left of', 'right of' 중 하나");
    }
    const targets: A.Name[] = [];
    while (this.isWord(this.peek())) {
      const t = this.next()!;
      targets.push({ text: t.text, range: this.r(t) });
      if (this.peek()?.kind === 'comma') this.next();
      else break;
    }
    if (targets.length === 0) return this.expected('a participant name', '참여자 이름');
    const colon = this.next();
    if (colon?.kind !== 'colon') {
      if (colon) this.i--;
      return this.expected("':' and the note's text", "':' 뒤에 노트 내용");
    }
    const { text, range: textRange } = this.rawText(colon);
    return { kind: 'note', line: this.line, range: this.lineRange(), placement, targets, text, textRange };
  }

  private segment(crossing: boolean, inferred = false): A.SegmentStmt | undefined {
    const from = this.next();
    if (!this.isWord(from)) return this.expected('the sending participant', '보내는 참여자');
    let spoofs: A.Name | undefined;
    if (this.isKw(this.peek(), 'as')) {
      this.next();
      const who = this.next();
      if (!this.isWord(who)) {
        if (who) this.i--;
        return this.expected("the endpoint whose addresses the forged segment carries (after 'as')", "위조한 세그먼트가 쓰는 주소의 끝점('as' 뒤)");
      }
      spoofs = new NameNode(who.text, this.line, who.start, who.end);
    }
    const arrow = this.next();
    if (!arrow || !ARROWS.has(arrow.kind)) {
      if (arrow) this.i--;
      return this.expected("an arrow: '->' (delivered) or '-x' (lost)", "화살표 '->'(전달) 또는 '-x'(손실)");
    }
    const to = this.next();
    if (!this.isWord(to)) {
      if (to) this.i--;
      return this.expected('the receiving participant', '받는 참여자');
    }
    if (this.peek()?.kind === 'colon') this.next();
    let tcpPrefix: Span | undefined;
    const maybeTcp = this.peek();
    if (this.isWord(maybeTcp) && maybeTcp.text.length === 3 && maybeTcp.text.toUpperCase() === 'TCP' && this.peek(1)?.kind !== 'equals') {
      tcpPrefix = this.r(this.next()!);
    }
    // Scratch lists kept by the parser (a segment keeps exact-size copies): no throw-away arrays per
    // line. Written by index with a count, never shortened: emptying a list drops its storage, and
    // the next push would allocate it again.
    const flags = this.flagsScratch;
    const flagColumns = this.columnsScratch;
    const fields = this.fieldsScratch;
    let flagCount = 0;
    let fieldCount = 0;
    let payload: A.StringLit | undefined;
    let unknownFlag = false;
    // Flags come before the first `name=value` field; bare fields (`sackOK`, `cookie`) go anywhere.
    let valued = false;
    let label: A.Name | undefined;
    let dropped: A.Dropped | undefined;
    // What a fix removing `dropped ["reason"]` removes: up to the label after it (its blanks too), or,
    // when the line ends there, from the end of the token before it. None when something else follows (TF108).
    let droppedRemoval: Span | undefined;
    while (this.peek()) {
      const t = this.next()!;
      if (t.kind === 'at') {
        label = this.label(t, arrow.kind === 'lostArrow');
        break;
      }
      // `dropped ["reason"]` ends the segment (only a label may follow, TF126).
      if (!dropped && t.kind === 'word' && t.text === 'dropped' && this.peek()?.kind !== 'equals') {
        const before = this.toks[this.i - 2]?.end ?? t.start;
        dropped = this.dropped(t);
        const after = this.peek();
        droppedRemoval = !after ? span(this.line, before, dropped.range.end) : after.kind === 'at' ? span(this.line, t.start, after.start) : undefined;
        if (after && after.kind !== 'at') {
          this.expected("the end of the line after 'dropped'", "'dropped' 뒤에는 줄의 끝");
          break;
        }
        continue;
      }
      if (t.kind === 'word' && this.peek()?.kind === 'equals') {
        valued = true;
        const f = this.field(t);
        if (f) {
          if (hasField(fields, fieldCount, f.name)) this.repeated('field', f.range, f.name);
          else fields[fieldCount++] = f;
        }
      } else if (t.kind === 'word' && this.peek()?.kind !== 'equals' && normalizeBareField(t.text) !== undefined) {
        const name = normalizeBareField(t.text)!;
        const f = new OptionFieldNode(name, this.line, t.start, t.end, t.end, true, undefined, undefined);
        if (hasField(fields, fieldCount, name)) this.repeated('field', f.range, name);
        else fields[fieldCount++] = f;
      } else if (t.kind === 'word' && !valued && !payload) {
        const flag = normalizeFlag(t.text);
        if (flag) {
          if (hasFlag(flags, flagCount, flag)) this.repeated('flag', this.r(t), flag);
          else {
            flagColumns[2 * flagCount] = t.start;
            flagColumns[2 * flagCount + 1] = t.end;
            flags[flagCount++] = flag;
          }
        } else {
          unknownFlag = true;
          const s = didYouMean(t.text, FLAGS);
          this.out.push(diag('TF101', this.r(t), { word: t.text, ...(s ? { suggestion: s } : {}) }, s ? { fixes: [changeTo(this.r(t), s)] } : {}));
        }
      } else if ((t.kind === 'plus' || t.kind === 'comma' || t.kind === 'slash' || t.kind === 'minus') && !valued && !payload) {
        continue; // flag separators: SYN+ACK, SYN,ACK, SYN/ACK, SYN-ACK
      } else if (t.kind === 'string' && !payload) {
        payload = this.stringLit(t);
      } else {
        this.i--;
        this.expected(
          `a flag, a field (${FIELD_LIST} ${BARE_LIST}), a payload string or a label (@name)`,
          `플래그, 필드(${FIELD_LIST} ${BARE_LIST}), 데이터 문자열 또는 이름표(@이름)`,
        );
        break;
      }
    }
    if (flagCount === 0 && !unknownFlag)
      this.out.push(
        diag('TF108', span(this.line, to.end, this.contentEnd), {
          what: 'at least one flag (SYN ACK FIN RST PSH URG ECE CWR)',
          whatKo: '플래그 하나 이상(SYN ACK FIN RST PSH URG ECE CWR)',
        }),
      );
    // Exact-size copies: a pushed-to array keeps room for 17 elements, and there are 100k of them in a long flow.
    const node = new SegmentNode({
      line: this.line,
      start: this.toks[0]!.start,
      end: this.trimmedEnd,
      crossing,
      inferred,
      label,
      fromText: from.text,
      fromStart: from.start,
      arrowStart: arrow.start,
      lost: arrow.kind === 'lostArrow',
      compatArrow: arrow.kind === 'compatArrow',
      toText: to.text,
      toStart: to.start,
      tcpPrefix,
      flagNames: flags.slice(0, flagCount),
      flagColumns: flagColumns.slice(0, 2 * flagCount),
      fields: fields.slice(0, fieldCount),
      payload,
    });
    if (this.repeats) setRepeated(node, this.repeats);
    if (spoofs) setSpoofs(node, spoofs);
    if (dropped) {
      setDropped(node, dropped);
      this.droppedWhereNotArriving(dropped, droppedRemoval, arrow.kind === 'lostArrow', label);
    }
    return node;
  }

  /**
   * TF126: a lost segment (`-x`) never reaches a kernel that could drop it, and a labelled one
   * (`@d1`) reaches it at its `arrives` line, where `dropped` belongs.
   */
  private droppedWhereNotArriving(dropped: A.Dropped, removal: Span | undefined, lost: boolean, label: A.Name | undefined): void {
    if (!lost && !label) return;
    const fixes = removal ? [replaceFix(removal, '', "Remove 'dropped'", "'dropped' 지우기")] : [];
    const args = lost
      ? {
          why: "a lost segment ('-x') never reaches its receiver's host: write '->' with 'dropped', or '-x' alone",
          whyKo: "잃어버린 세그먼트('-x')는 받는 쪽 호스트에 닿지 않습니다. 'dropped'와 함께 '->'를 쓰거나 '-x'만 씁니다",
        }
      : {
          why: `a labelled segment reaches its receiver at its 'arrives' line: write 'arrives ${label!.text} dropped' there`,
          whyKo: `이름표를 단 세그먼트는 'arrives' 줄에서 받는 쪽에 닿습니다. 그 줄에 'arrives ${label!.text} dropped'라고 씁니다`,
        };
    this.out.push(diag('TF126', dropped.keywordRange, args, { fixes }));
  }

  /** `@name` ends a segment line; a lost segment (`-x`) never arrives, so it takes none (TF118). */
  private label(at: Token, lost: boolean): A.Name | undefined {
    const t = this.peek();
    if (!this.isWord(t) || t.start !== at.end) {
      this.out.push(
        diag('TF108', this.r(at), {
          what: "a label name right after '@' (letters, digits, _), e.g. @d1",
          whatKo: "'@' 바로 뒤에 이름표(글자, 숫자, _), 예: @d1",
        }),
      );
      return undefined;
    }
    this.next();
    if (this.peek()) this.expected('the end of the line after the label', '이름표 뒤에는 줄의 끝');
    if (lost) {
      const before = this.toks[this.i - 3];
      const from = before ? before.end : at.start;
      this.out.push(
        diag(
          'TF118',
          span(this.line, at.start, t.end),
          { label: t.text },
          { fixes: [replaceFix(span(this.line, from, t.end), '', `Remove @${t.text}`, `@${t.text} 지우기`)] },
        ),
      );
    }
    return { text: t.text, range: this.r(t) };
  }

  private field(nameTok: Token): A.Field | undefined {
    const eq = this.next()!;
    const name = normalizeField(nameTok.text); // the shared constant, not this line's copy
    if (!name) {
      const s = didYouMean(nameTok.text, FIELDS);
      this.out.push(
        diag('TF109', this.r(nameTok), { word: nameTok.text, ...(s ? { suggestion: s } : {}) }, s ? { fixes: [changeTo(this.r(nameTok), s)] } : {}),
      );
      this.skipValue();
      return undefined;
    }
    if (name === 'sack') return this.sackField(nameTok, eq);
    if (name === 'cookie') return this.cookieField(nameTok, eq);
    const value = this.value(name, eq);
    return value
      ? new FieldNode(name, value.offset, value.symbol, this.line, nameTok.start, nameTok.end, value.start, value.end)
      : new FieldNode(name, NaN, undefined, this.line, nameTok.start, nameTok.end, eq.end, eq.end);
  }

  /** `sack=left:right[,left:right…]`, each edge a number, a symbol or `x+1` (RFC 2018 §3). */
  private sackField(nameTok: Token, eq: Token): A.Field {
    const blocks: A.SackBlock[] = [];
    let end = eq.end;
    for (;;) {
      const left = this.value('sack', eq);
      if (!left) break;
      const colon = this.peek();
      if (colon?.kind !== 'colon') {
        this.out.push(
          diag('TF103', colon ? this.r(colon) : span(this.line, left.end, left.end), {
            detail: 'a SACK block is written left:right, such as x+1001:x+2001',
            detailKo: 'SACK 블록은 x+1001:x+2001처럼 왼쪽:오른쪽으로 씁니다',
          }),
        );
        break;
      }
      this.next();
      const right = this.value('sack', colon);
      if (!right) break;
      blocks.push({ left: this.valueNode(left), right: this.valueNode(right), range: span(this.line, left.start, right.end) });
      end = right.end;
      const comma = this.peek();
      const after = this.peek(1);
      if (comma?.kind !== 'comma' || comma.start !== end || (after?.kind !== 'word' && after?.kind !== 'number')) break;
      this.next();
    }
    return new OptionFieldNode('sack', this.line, nameTok.start, nameTok.end, Math.max(end, eq.end), false, undefined, blocks);
  }

  private valueNode(v: { offset: number; symbol: string | undefined; start: number; end: number }): A.ValueExpr {
    const symbol = v.symbol === undefined ? undefined : { text: v.symbol, range: span(this.line, v.start, v.start + v.symbol.length) };
    return { offset: v.offset, range: span(this.line, v.start, v.end), ...(symbol ? { symbol } : {}) };
  }

  /** `cookie=<hex or name>`: a Fast Open cookie (RFC 7413 §4.1.1), one token of letters and digits. */
  private cookieField(nameTok: Token, eq: Token): A.Field {
    const t = this.peek();
    if (t && t.start === eq.end && (t.kind === 'word' || t.kind === 'number' || t.kind === 'duration')) {
      this.next();
      return new OptionFieldNode('cookie', this.line, nameTok.start, nameTok.end, t.end, false, t.text, undefined);
    }
    this.out.push(
      diag('TF103', t ? this.r(t) : span(this.line, eq.end, eq.end), {
        detail: 'cookie= takes the cookie in hex or a name such as c1; a bare `cookie` asks for one',
        detailKo: 'cookie=에는 16진수 쿠키나 c1 같은 이름을 씁니다. 그냥 `cookie`라고 쓰면 쿠키를 요청합니다',
      }),
    );
    return new OptionFieldNode('cookie', this.line, nameTok.start, nameTok.end, eq.end, false, '', undefined);
  }

  private skipValue(): void {
    const k = this.peek()?.kind;
    if (k === 'word' || k === 'number') this.next();
    while ((this.peek()?.kind === 'plus' || this.peek()?.kind === 'minus') && this.peek(1)?.kind === 'number') this.i += 2;
  }

  private value(field: FieldName, eq: Token): { offset: number; symbol: string | undefined; start: number; end: number } | undefined {
    const t = this.peek();
    const symbolic = field === 'seq' || field === 'ack' || field === 'sack';
    const limit = field === 'wscale' ? MAX_WSCALE : MAX_SEQ;
    if (t?.kind === 'number') {
      this.next();
      const n = Number(t.text);
      if (field === 'wscale' && n > limit && n <= 255) {
        // RFC 7323 §2.3: a receiver logs the error and uses 14; the simulation does the same.
        this.out.push(
          diag('TF103', this.r(t), {
            detail: `wscale=${t.text} is larger than ${limit}: RFC 7323 §2.3 caps the shift at ${limit}, and a receiver uses ${limit}`,
            detailKo: `wscale=${t.text}은(는) ${limit}보다 큽니다. RFC 7323 §2.3은 시프트를 ${limit}까지로 정하며 받는 쪽은 ${limit}을(를) 씁니다`,
          }),
        );
        return { offset: n, symbol: undefined, start: t.start, end: t.end };
      }
      if (n > limit) {
        this.out.push(
          diag('TF103', this.r(t), { detail: `${field}=${t.text} is larger than ${limit}`, detailKo: `${field}=${t.text}은(는) ${limit}보다 큽니다` }),
        );
        return undefined;
      }
      return { offset: n, symbol: undefined, start: t.start, end: t.end };
    }
    if (t?.kind === 'word' && symbolic) {
      this.next();
      let offset = 0;
      let end = t.end;
      const op = this.peek();
      const n = this.peek(1);
      if ((op?.kind === 'plus' || op?.kind === 'minus') && n?.kind === 'number') {
        this.i += 2;
        offset = (op.kind === 'plus' ? 1 : -1) * Number(n.text);
        end = n.end;
        if (Number(n.text) > MAX_SEQ) {
          this.out.push(diag('TF103', this.r(n), { detail: `${n.text} is larger than ${MAX_SEQ}`, detailKo: `${n.text}은(는) ${MAX_SEQ}보다 큽니다` }));
          return undefined;
        }
      }
      return { offset, symbol: t.text, start: t.start, end };
    }
    const at = t ? this.r(t) : span(this.line, eq.end, eq.end);
    this.out.push(
      diag('TF103', at, {
        detail: symbolic ? `${field}= takes a number or a symbol such as x or x+1` : `${field}= takes a whole number`,
        detailKo: symbolic ? `${field}=에는 숫자나 x, x+1 같은 기호를 씁니다` : `${field}=에는 0 이상의 정수를 씁니다`,
      }),
    );
    if (t?.kind === 'word') this.next();
    return undefined;
  }
}
