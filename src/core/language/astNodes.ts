/**
 * Compact syntax-tree nodes for the hot statements (segments and their parts): they keep
 * their columns as numbers and make a range object only when one is asked for. A 100k-line
 * flow holds millions of nodes; storing each range as its own object doubled their count
 * and most of the checker's time went to the garbage collector. They satisfy the plain
 * interfaces in ast.ts, so nothing else knows the difference.
 */

import type * as A from './ast.js';
import { span, type Span } from '../common/source.js';
import type { FieldName, Flag } from '../common/vocabulary.js';

/** A stretch of one line kept as three numbers; `range` makes the Span when asked for. */
abstract class OnLine {
  constructor(
    readonly line: number,
    readonly start: number,
    readonly end: number,
  ) {}
  get range(): Span {
    return span(this.line, this.start, this.end);
  }
}

export class NameNode extends OnLine implements A.Name {
  constructor(
    readonly text: string,
    line: number,
    start: number,
    end: number,
  ) {
    super(line, start, end);
  }
}

export class FlagNode extends OnLine implements A.FlagRef {
  constructor(
    readonly flag: Flag,
    line: number,
    start: number,
    end: number,
  ) {
    super(line, start, end);
  }
}

export class ValueNode extends OnLine implements A.ValueExpr {
  constructor(
    readonly offset: number,
    readonly symbol: A.Name | undefined,
    line: number,
    start: number,
    end: number,
  ) {
    super(line, start, end);
  }
}

export class StringNode extends OnLine implements A.StringLit {
  constructor(
    readonly value: string,
    line: number,
    start: number,
    end: number,
  ) {
    super(line, start, end);
  }
}

/** A field (`name=value`, start to end) keeps its value inline; `value` makes the ValueExpr when read. */
export class FieldNode extends OnLine implements A.Field {
  constructor(
    readonly name: FieldName,
    private readonly valueOffset: number, // NaN when the value is malformed
    private readonly valueSymbol: string | undefined, // undefined for a number
    line: number,
    start: number,
    private readonly nameEnd: number,
    private readonly valueStart: number,
    end: number,
  ) {
    super(line, start, end);
  }
  get value(): A.ValueExpr | undefined {
    if (Number.isNaN(this.valueOffset)) return undefined;
    const symbol =
      this.valueSymbol === undefined ? undefined : new NameNode(this.valueSymbol, this.line, this.valueStart, this.valueStart + this.valueSymbol.length);
    return new ValueNode(this.valueOffset, symbol, this.line, this.valueStart, this.end);
  }
  get nameRange(): Span {
    return span(this.line, this.start, this.nameEnd);
  }
}

/** An option field without a plain number: bare `sackOK`/`cookie`, `cookie=<hex or name>`, `sack=l:r,…`. */
export class OptionFieldNode extends OnLine implements A.Field {
  readonly value = undefined;
  constructor(
    readonly name: FieldName,
    line: number,
    start: number,
    private readonly nameEnd: number,
    end: number,
    readonly bare: boolean,
    readonly cookie: string | undefined,
    readonly blocks: readonly A.SackBlock[] | undefined,
  ) {
    super(line, start, end);
  }
  get nameRange(): Span {
    return span(this.line, this.start, this.nameEnd);
  }
}

/**
 * The repeated parts of the few segment lines that have any (a side table: the other 100k
 * segments of a long flow carry no field for them).
 */
const REPEATED = new WeakMap<SegmentNode, readonly A.Repeated[]>();

/** Records the flags, fields and marks a segment line gives again (the parser, for TF110's lines). */
export function setRepeated(node: SegmentNode, parts: readonly A.Repeated[]): void {
  REPEATED.set(node, parts);
}

/** `dropped ["reason"]` on a segment line: rare, so kept aside like the forged segment's endpoint. */
const DROPPED = new WeakMap<SegmentNode, A.Dropped>();

/** Records that a segment line's receiver's kernel discards it (the parser). */
export function setDropped(node: SegmentNode, dropped: A.Dropped): void {
  DROPPED.set(node, dropped);
}

/** The endpoint a forged segment's third party pretends to be (`Eve as C -> S`): rare, so kept aside. */
const SPOOFS = new WeakMap<SegmentNode, A.Name>();

/** Records that a segment line is forged, and whose addresses it carries (the parser). */
export function setSpoofs(node: SegmentNode, name: A.Name): void {
  SPOOFS.set(node, name);
}

/**
 * A segment line. Names and flags are stored as text and columns; `from`, `to` and `flags`
 * make their nodes on first read (the simulation reads `fromText`, `toText` and `flagNames`).
 * Its parts are passed one by one, in line order: one is made for every line of a long flow, and
 * an object of parts would be made and dropped with each.
 */
/** What a segment line is made of, by name: the parser and the fast path both build a SegmentNode from it. */
export interface SegmentParts {
  readonly line: number;
  readonly start: number;
  readonly end: number;
  /** An `&` line: sent while the segment before it is in flight. */
  readonly crossing: boolean;
  /** A `?` line: not in the capture. */
  readonly inferred: boolean;
  readonly label: A.Name | undefined;
  readonly fromText: string;
  readonly fromStart: number;
  readonly arrowStart: number;
  /** `-x`: the segment is lost. */
  readonly lost: boolean;
  /** `>` for `->` (TF190). */
  readonly compatArrow: boolean;
  readonly toText: string;
  readonly toStart: number;
  readonly tcpPrefix: Span | undefined;
  readonly flagNames: readonly Flag[];
  /** The flags' columns as start, end pairs. */
  readonly flagColumns: readonly number[];
  readonly fields: readonly A.Field[];
  readonly payload: A.StringLit | undefined;
}

export class SegmentNode extends OnLine implements A.SegmentStmt {
  readonly kind = 'segment' as const;
  // Made on first read and kept, so a node read twice is the same node.
  private fromNode: A.Name | undefined = undefined;
  private toNode: A.Name | undefined = undefined;
  private flagNodes: readonly A.FlagRef[] | undefined = undefined;
  readonly crossing: boolean;
  readonly inferred: boolean;
  readonly label: A.Name | undefined;
  readonly fromText: string;
  private readonly fromStart: number;
  private readonly arrowStart: number;
  readonly lost: boolean;
  readonly compatArrow: boolean;
  readonly toText: string;
  private readonly toStart: number;
  readonly tcpPrefix: Span | undefined;
  readonly flagNames: readonly Flag[];
  private readonly flagColumns: readonly number[];
  readonly fields: readonly A.Field[];
  readonly payload: A.StringLit | undefined;

  /** The node keeps the parts' values, not the parts object. */
  constructor(p: SegmentParts) {
    super(p.line, p.start, p.end);
    this.crossing = p.crossing;
    this.inferred = p.inferred;
    this.label = p.label;
    this.fromText = p.fromText;
    this.fromStart = p.fromStart;
    this.arrowStart = p.arrowStart;
    this.lost = p.lost;
    this.compatArrow = p.compatArrow;
    this.toText = p.toText;
    this.toStart = p.toStart;
    this.tcpPrefix = p.tcpPrefix;
    this.flagNames = p.flagNames;
    this.flagColumns = p.flagColumns;
    this.fields = p.fields;
    this.payload = p.payload;
  }
  get from(): A.Name {
    return (this.fromNode ??= new NameNode(this.fromText, this.line, this.fromStart, this.fromStart + this.fromText.length));
  }
  get to(): A.Name {
    return (this.toNode ??= new NameNode(this.toText, this.line, this.toStart, this.toStart + this.toText.length));
  }
  get flags(): readonly A.FlagRef[] {
    return (this.flagNodes ??= this.flagNames.map((flag, i) => new FlagNode(flag, this.line, this.flagColumns[2 * i]!, this.flagColumns[2 * i + 1]!)));
  }
  get arrowRange(): Span {
    // `->` and `-x` are two characters, the compatibility `>` one.
    return span(this.line, this.arrowStart, this.arrowStart + (this.compatArrow ? 1 : 2));
  }
  get repeated(): readonly A.Repeated[] | undefined {
    return REPEATED.get(this);
  }
  get spoofs(): A.Name | undefined {
    return SPOOFS.get(this);
  }
  get dropped(): A.Dropped | undefined {
    return DROPPED.get(this);
  }
  get flagsRange(): Span | undefined {
    const n = this.flagColumns.length;
    return n === 0 ? undefined : span(this.line, this.flagColumns[0]!, this.flagColumns[n - 1]!);
  }
}
