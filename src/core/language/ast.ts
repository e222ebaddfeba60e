/**
 * The syntax tree of a `.tcpflow` document: one statement per line, every node and every
 * meaningful token with its exact source range.
 */

import type { Span } from '../common/source.js';
import type { Call, FieldName, Flag, ProfileName, ProfileOption, Role, TcpState } from '../common/vocabulary.js';

export interface Name {
  readonly text: string;
  readonly range: Span;
}

export interface StateRef {
  readonly text: string;
  readonly state: TcpState | undefined; // undefined when unknown (a diagnostic says so)
  readonly range: Span;
}

export interface StringLit {
  readonly value: string;
  readonly range: Span;
}

/** `1000`, `x`, `x+1`, `y-1`. */
export interface ValueExpr {
  readonly symbol?: Name;
  readonly offset: number; // the signed number added to the symbol, or the number itself
  readonly range: Span;
}

/** One SACK block `left:right` (RFC 2018 §3): the octets [left, right) the receiver holds. */
export interface SackBlock {
  readonly left: ValueExpr;
  readonly right: ValueExpr;
  readonly range: Span;
}

export interface Field {
  readonly name: FieldName;
  readonly nameRange: Span;
  /** The number or `x+1` of `name=value` fields; undefined when malformed, and for `sack=`, `cookie` and bare fields. */
  readonly value: ValueExpr | undefined;
  readonly range: Span;
  /** `sack=`: its blocks (empty when malformed). */
  readonly blocks?: readonly SackBlock[];
  /** `cookie=`: the cookie as written (hex or a name); a bare `cookie` (a request) has none. */
  readonly cookie?: string;
  /** Written as a bare word: `sackOK`, `cookie`. */
  readonly bare?: boolean;
}

/** Every number a field holds (`seq=x+1`, each edge of `sack=` blocks): symbols, references and renames read them. */
export function fieldValues(f: Field): ValueExpr[] {
  const out: ValueExpr[] = [];
  const v = f.value;
  if (v) out.push(v);
  if (f.blocks) for (const b of f.blocks) out.push(b.left, b.right);
  return out;
}

export interface FlagRef {
  readonly flag: Flag;
  readonly range: Span;
}

interface StatementBase {
  /** The whole statement, without the trailing comment. */
  readonly range: Span;
  readonly line: number;
}

export interface TitleStmt extends StatementBase {
  readonly kind: 'title';
  readonly text: string;
  readonly textRange: Span;
}

export interface ParticipantStmt extends StatementBase {
  readonly kind: 'participant';
  readonly role: Role;
  readonly roleRange: Span;
  readonly name: Name;
  readonly label?: StringLit;
  readonly initialState?: StateRef;
  /** `raw`: a packet injector that is not simulated (for what-if and conformance flows). */
  readonly raw: boolean;
}

export interface SegmentStmt extends StatementBase {
  readonly kind: 'segment';
  readonly crossing: boolean; // the line starts with `&`
  readonly from: Name;
  readonly to: Name;
  /** `from.text` and `to.text`, cheap to read. */
  readonly fromText: string;
  readonly toText: string;
  readonly arrowRange: Span;
  readonly lost: boolean; // -x
  readonly compatArrow: boolean; // `>` instead of `->`
  readonly tcpPrefix?: Span; // a leading `TCP` before the flags
  readonly flags: readonly FlagRef[];
  /** The same flags without their ranges (cheap to read: the simulation uses these). */
  readonly flagNames: readonly Flag[];
  readonly flagsRange: Span | undefined; // from the first to the last flag
  readonly fields: readonly Field[];
  readonly payload?: StringLit;
  /** `?` at the start: a segment the capture did not see (its fields are a guess). */
  readonly inferred: boolean;
  /** `@name` at the end: the segment arrives later, at `arrives name` (the name without `@`). */
  readonly label: Name | undefined;
  /**
   * `Eve as C -> S`: a forged segment. A third party (`from`, not an endpoint) sends it with the
   * addresses of the endpoint named here; its receiver judges it as if `C` had sent it.
   */
  readonly spoofs?: Name | undefined;
  /**
   * `dropped ["reason"]` at the end: the segment reaches its receiver's host, whose kernel
   * discards it on purpose (a full accept queue, TCP_DEFER_ACCEPT): no state change, nothing owed.
   */
  readonly dropped?: Dropped | undefined;
  /**
   * Flags, fields and marks (`&`, `?`) given again (TF110: the first one counts), in line order;
   * undefined when there are none. The simulation ignores them; Format Document keeps them.
   */
  readonly repeated?: readonly Repeated[] | undefined;
}

/** A flag, field or mark a segment line gives a second time, where it is written. */
export interface Repeated {
  readonly kind: 'flag' | 'field' | 'mark';
  readonly range: Span;
}

/**
 * `dropped ["reason"]`: the segment reached its receiver's host and that host's kernel discarded it
 * on purpose — not a loss in the network, not the application's doing.
 */
export interface Dropped {
  /** From `dropped` to the end of the reason (or of the keyword). */
  readonly range: Span;
  readonly keywordRange: Span;
  readonly reason?: StringLit | undefined;
}

/** `arrives <label> [dropped ["reason"]]`: the labelled segment reaches its receiver here. */
export interface ArrivesStmt extends StatementBase {
  readonly kind: 'arrives';
  readonly keywordRange: Span;
  readonly label: Name;
  /** `dropped`: it reaches the receiver's host, whose kernel discards it. */
  readonly dropped?: Dropped | undefined;
}

export interface AssertStmt extends StatementBase {
  readonly kind: 'assert';
  readonly subject: Name;
  readonly state: StateRef;
}

export interface CallStmt extends StatementBase {
  readonly kind: 'call';
  readonly subject: Name;
  readonly call: Call;
  readonly callRange: Span;
  /** `resets "reason"`: why the endpoint's kernel resets the connection (the only call with a reason). */
  readonly reason?: StringLit | undefined;
}

export interface WaitStmt extends StatementBase {
  readonly kind: 'wait';
  /** Milliseconds, or a multiple of MSL (resolved with the stack profile). */
  readonly duration: { readonly ms: number } | { readonly msl: number };
  readonly durationRange: Span;
}

export interface NoteStmt extends StatementBase {
  readonly kind: 'note';
  readonly placement: 'over' | 'left of' | 'right of';
  readonly targets: readonly Name[];
  readonly text: string;
  readonly textRange: Span;
}

export interface SectionStmt extends StatementBase {
  readonly kind: 'section';
  readonly title: string;
  readonly titleRange: Span;
}

export interface StackStmt extends StatementBase {
  readonly kind: 'stack';
  readonly profile: ProfileName;
  readonly options: readonly ProfileOption[];
}

/** `connection <name> [as "<label>"] [reuses <name>]`: starts a connection between the two hosts, or returns to one. */
export interface ConnectionStmt extends StatementBase {
  readonly kind: 'connection';
  readonly keywordRange: Span;
  readonly name: Name;
  readonly label?: StringLit;
  /** `reuses <name>`: the same four-tuple as an earlier connection (in TIME_WAIT or CLOSED). */
  readonly reuses?: Name;
  /** `reuses <name>`, from the keyword to the name (a quick fix removes it). */
  readonly reusesClause?: Span;
}

export type Statement =
  TitleStmt | ParticipantStmt | SegmentStmt | ArrivesStmt | AssertStmt | CallStmt | WaitStmt | NoteStmt | SectionStmt | StackStmt | ConnectionStmt;

export interface Document {
  readonly statements: readonly Statement[];
  readonly lineCount: number;
  /** Lines that hold only a comment: folding ranges use them. */
  readonly commentLines: readonly number[];
}
