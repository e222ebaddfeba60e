/** Assertion helpers for flows: input text → the diagnostics and states a user would see. */

import assert from 'node:assert/strict';
import { check, messageOf, type CheckResult, type SimulateOptions } from '../../src/core/index.js';
import { checkLean } from '../../src/core/checker/checkLean.js';

/**
 * Checks a flow. Every flow a test checks through here is also checked by the lean check
 * (`tcpflow-cli check`, keeping no tree), which must give exactly the same diagnostics.
 */
export function run(text: string, options: SimulateOptions = {}): CheckResult {
  const r = check(text, options);
  assert.deepEqual(checkLean(text, options), r.diagnostics, 'the lean check (tcpflow-cli check) disagrees with the full check');
  return r;
}

/** `TF400@5` per diagnostic (1-based line), sorted, optionally only of some severities. */
export function codes(r: CheckResult, severities: readonly string[] = ['error', 'warning', 'information', 'hint']): string[] {
  return r.diagnostics.filter((d) => severities.includes(d.severity)).map((d) => `${d.code}@${d.range.start.line + 1}`);
}

export function describeDiagnostics(r: CheckResult): string {
  return r.diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${messageOf(d)}`).join('\n');
}

/** The flow has no error and no warning. */
export function expectClean(text: string, options: SimulateOptions = {}): CheckResult {
  const r = run(text, options);
  const bad = r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  assert.equal(bad.length, 0, `expected no errors or warnings, got:\n${describeDiagnostics(r)}`);
  return r;
}

/** The flow's errors and warnings are exactly these (`TF400@5`). */
export function expectProblems(text: string, expected: readonly string[], options: SimulateOptions = {}): CheckResult {
  const r = run(text, options);
  assert.deepEqual(codes(r, ['error', 'warning']).sort(), [...expected].sort(), describeDiagnostics(r));
  return r;
}

/** The final states of the endpoints. */
export function expectFinal(r: CheckResult, states: Record<string, string>): void {
  const got = Object.fromEntries(Object.keys(states).map((k) => [k, r.simulation.final[k]?.state]));
  assert.deepEqual(got, states);
}

export const lines = (...ls: string[]): string => ls.join('\n');

/** Applies a fix's edits to the text (edits on distinct places, applied from the end). */
export function applyEdits(
  text: string,
  edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[],
): string {
  const ls = text.split('\n');
  const offset = (p: { line: number; character: number }): number => ls.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}
