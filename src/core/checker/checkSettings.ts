/**
 * How a document is checked: the settings that change the checker's verdict (the stack profile
 * for flows without a `stack` line, and the MSL), read defensively from the editor's `tcpflow`
 * configuration, and the one function every front end checks a flow with — the language server,
 * the preview (through the server), the Markdown preview, "Convert to Mermaid" and the CLI.
 */

import { check, type CheckResult } from './check.js';
import { checkLean } from './checkLean.js';
import type { Diagnostic } from '../common/diagnostics.js';
import type { SimulateOptions } from './simulate.js';
import { PROFILES, type ProfileName } from '../common/vocabulary.js';

export interface CheckSettings {
  /** The stack simulated in flows without a `stack` line (`tcpflow.stack`). */
  readonly stack: ProfileName;
  /** MSL in seconds; 0 = the stack's own (`tcpflow.msl`). */
  readonly mslSeconds: number;
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = { stack: 'rfc9293', mslSeconds: 0 };
/** The largest `tcpflow.msl` accepted (package.json's maximum is generated from it). */
export const MSL_MAX_SECONDS = 3600;

/** Reads `stack` and `msl` from the `tcpflow` configuration section; a wrong value falls back to the default. */
export function readCheckSettings(section: unknown): CheckSettings {
  const o = (section && typeof section === 'object' ? section : {}) as Record<string, unknown>;
  const stack = o['stack'];
  const msl = o['msl'];
  return {
    stack: typeof stack === 'string' && (PROFILES as readonly string[]).includes(stack) ? (stack as ProfileName) : DEFAULT_CHECK_SETTINGS.stack,
    mslSeconds: typeof msl === 'number' && msl >= 0 && msl <= MSL_MAX_SECONDS ? msl : DEFAULT_CHECK_SETTINGS.mslSeconds,
  };
}

/**
 * Checks one flow as the settings say; `lineOffset`: where a Markdown block starts, so messages
 * name the note's lines; `trace`: false when only the diagnostics are wanted (no per-step trace).
 */
export function checkWith(text: string, settings: CheckSettings, lineOffset = 0, trace = true): CheckResult {
  return check(text, { ...optionsOf(settings, lineOffset), ...(trace ? {} : { trace }) });
}

/**
 * Only the diagnostics checkWith gives (the same, in the same order), from a check that keeps
 * neither the syntax tree nor the trace: what `tcpflow-cli check` needs, in a fraction of the memory.
 */
export function diagnosticsWith(text: string, settings: CheckSettings, lineOffset = 0): Diagnostic[] {
  return checkLean(text, optionsOf(settings, lineOffset));
}

function optionsOf(settings: CheckSettings, lineOffset: number): SimulateOptions {
  return { stack: settings.stack, ...(settings.mslSeconds > 0 ? { mslMs: settings.mslSeconds * 1000 } : {}), ...(lineOffset ? { lineOffset } : {}) };
}
