/**
 * The editor's limits: a document above a size is not checked (one TF900 says so, instead of
 * minutes of work), and a document shows at most a number of diagnostics — the most severe
 * first, then by position — with a last one (TF901) that says how many were left out.
 */

import { diag, type Diagnostic } from './diagnostics.js';
import type { Severity } from './diagnosticCodes.js';

export interface Limits {
  /** Documents with more characters (UTF-16 code units) are not checked. */
  readonly maxChars: number;
  /** At most this many diagnostics per document, TF901 included. */
  readonly maxDiagnostics: number;
}

/** 2,000,000 characters is about 45,000 segments (a check of about 0.2 s); 1,000 diagnostics. */
export const EDITOR_LIMITS: Limits = { maxChars: 2_000_000, maxDiagnostics: 1000 };

const START = { line: 0, character: 0 };

/** TF900 when the text is over the limit, else undefined. */
export function tooLarge(chars: number, limits: Limits = EDITOR_LIMITS): Diagnostic | undefined {
  if (chars <= limits.maxChars) return undefined;
  return diag('TF900', { start: START, end: START }, { size: chars.toLocaleString('en-US'), limit: limits.maxChars.toLocaleString('en-US') });
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * At most `max` items: the most severe first (then in their order), and when some are left out
 * a last item, made by `note` from the counts, in place of the last one kept.
 */
export function capped<T extends object>(
  items: readonly T[],
  max: number,
  severityOf: (t: T) => Severity,
  note: (leftOut: { count: number; errors: number; warnings: number; max: number }) => T,
): T[] {
  if (items.length <= max) return [...items];
  const order = items.map((_, i) => i).sort((a, b) => RANK[severityOf(items[a]!)] - RANK[severityOf(items[b]!)] || a - b);
  const keep = Math.max(0, max - 1);
  const kept = order
    .slice(0, keep)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
  const left = order.slice(keep).map((i) => severityOf(items[i]!));
  kept.push(note({ count: left.length, errors: left.filter((s) => s === 'error').length, warnings: left.filter((s) => s === 'warning').length, max }));
  return kept;
}

/** TF901 for what `capped` left out. */
export function leftOutDiagnostic(leftOut: { count: number; errors: number; warnings: number; max: number }): Diagnostic {
  return diag('TF901', { start: START, end: START }, leftOut);
}

/** The core's diagnostics for one text within the limits (what the editor shows for a `.tcpflow` document). */
export function diagnosticsWithinLimits(text: string, diagnosticsOf: (text: string) => readonly Diagnostic[], limits: Limits = EDITOR_LIMITS): Diagnostic[] {
  const big = tooLarge(text.length, limits);
  if (big) return [big];
  return capped(diagnosticsOf(text), limits.maxDiagnostics, (d) => d.severity, leftOutDiagnostic);
}
