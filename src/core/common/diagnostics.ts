/**
 * Diagnostics as the core produces them: a stable code, severity, range, messages in every
 * supported language, related places, and machine-applicable fixes for the editor's quick fixes.
 */

import { CODES, messageFor, type Args, type Code, type Lang, type Severity } from './diagnosticCodes.js';
import { particles } from './korean.js';
import { toRange, type Range, type Span } from './source.js';
import type { Text } from './text.js';

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface Fix {
  readonly title: Text;
  readonly edits: readonly TextEdit[];
}

export interface Related {
  readonly range: Range;
  readonly message: Text;
}

export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  readonly range: Range;
  readonly args: Args;
  readonly related: readonly Related[];
  readonly fixes: readonly Fix[];
}

export interface DiagnosticExtras {
  readonly related?: readonly Related[];
  readonly fixes?: readonly Fix[];
}

export function diag(code: Code, at: Range | Span, args: Args = {}, extras: DiagnosticExtras = {}): Diagnostic {
  return { code, severity: CODES[code].severity, range: toRange(at), args, related: extras.related ?? [], fixes: extras.fixes ?? [] };
}

/** The message in one language, with a "did you mean" suffix when the diagnostic has a suggestion. */
export function messageOf(d: Diagnostic, lang: Lang = 'en'): string {
  const base = messageFor(d.code, d.args, lang);
  const s = d.args['suggestion'];
  if (s === undefined) return base;
  return lang === 'ko' ? `${base} ${particles(`'${s}'을(를)`)} 뜻했나요?` : `${base} Did you mean '${s}'?`;
}

export function replaceFix(at: Range | Span, newText: string, en: string, ko: string): Fix {
  return { title: { en, ko: particles(ko) }, edits: [{ range: toRange(at), newText }] };
}

/** The commonest fix: `newText` in the place of `at`, titled "Change to …". */
/** An error of the syntax category (TF1xx in the code table): the preview keeps the last good diagram. */
export function isSyntaxError(d: Diagnostic): boolean {
  return d.severity === 'error' && CODES[d.code].category === 'syntax';
}

export function changeTo(at: Range | Span, newText: string): Fix {
  return replaceFix(at, newText, `Change to ${newText}`, `${newText}(으)로 바꾸기`);
}

export function related(at: Range | Span, en: string, ko: string): Related {
  return { range: toRange(at), message: { en, ko: particles(ko) } };
}
