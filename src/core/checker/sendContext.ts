/**
 * What a check of one segment being sent needs: the connection's world, the line, the sending
 * endpoint, and where to report. The send checks (send.ts, sendNumbers.ts, sendOptions.ts,
 * fastOpenChecks.ts) all take it.
 */

import type { SegmentStmt, ValueExpr } from '../language/ast.js';
import type { Diagnostic } from '../common/diagnostics.js';
import type { Span } from '../common/source.js';
import type { Endpoint } from '../model/endpoint.js';
import type { World } from './world.js';

/** What the checks need from the segment being sent. */
export interface SendContext {
  readonly w: World;
  readonly stmt: SegmentStmt;
  readonly from: Endpoint;
  /** The receiver (its state decides how it answers numbers it cannot relate to its own). */
  readonly to: Endpoint;
  report(d: Diagnostic): void;
  field(name: string): ValueExpr | undefined;
  fieldRange(name: string): Span;
}
