/**
 * A flow's statements and simulation steps by line, made once per full check and dropped with it
 * (a WeakMap on the check's result): a hover that visits many lines (a segment arriving on each of
 * thousands of `arrives` lines) looks each one up instead of searching the whole trace.
 */

import type { CheckResult, Statement, Step } from '../core/index.js';

interface ByLine {
  readonly statements: Map<number, Statement>;
  readonly steps: Map<number, number>;
}

const indexes = new WeakMap<CheckResult, ByLine>();

function byLine(result: CheckResult): ByLine {
  let index = indexes.get(result);
  if (!index) {
    const statements = new Map<number, Statement>();
    for (const s of result.document.statements) if (!statements.has(s.line)) statements.set(s.line, s);
    const steps = new Map<number, number>();
    result.simulation.steps.forEach((s, i) => {
      if (!steps.has(s.line)) steps.set(s.line, i);
    });
    index = { statements, steps };
    indexes.set(result, index);
  }
  return index;
}

/** The first statement on a flow line. */
export function statementOn(result: CheckResult, line: number): Statement | undefined {
  return byLine(result).statements.get(line);
}

/** The index in the trace of the first step on a flow line, or -1. */
export function stepIndexOn(result: CheckResult, line: number): number {
  return byLine(result).steps.get(line) ?? -1;
}

/** The first step on a flow line. */
export function stepOn(result: CheckResult, line: number): Step | undefined {
  const i = stepIndexOn(result, line);
  return i < 0 ? undefined : result.simulation.steps[i];
}
