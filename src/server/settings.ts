/** The settings the server reads (`tcpflow.*`), with their defaults. */

import type { ProfileName } from '../core/index.js';

export interface Settings {
  readonly diagnostics: boolean;
  /** Teaching hints and end-of-flow information. */
  readonly hints: boolean;
  /** Check ```tcpflow blocks in Markdown documents. */
  readonly markdown: boolean;
  readonly inlayStates: boolean;
  readonly inlayNumbers: boolean;
  readonly stack: ProfileName;
  /** MSL in seconds; 0 = the stack's own. */
  readonly mslSeconds: number;
}

export const DEFAULT_SETTINGS: Settings = {
  diagnostics: true,
  hints: true,
  markdown: true,
  inlayStates: true,
  inlayNumbers: true,
  stack: 'rfc9293',
  mslSeconds: 0,
};

const PROFILES = ['rfc9293', 'rfc793', 'linux', 'freebsd'];

/** Reads the `tcpflow` configuration section defensively: a wrong type falls back to the default. */
export function readSettings(raw: unknown): Settings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const sub = (k: string): Record<string, unknown> => (o[k] && typeof o[k] === 'object' ? (o[k] as Record<string, unknown>) : {});
  const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);
  const d = DEFAULT_SETTINGS;
  return {
    diagnostics: bool(sub('diagnostics')['enable'], d.diagnostics),
    hints: bool(sub('diagnostics')['hints'], d.hints),
    markdown: bool(sub('diagnostics')['markdown'], d.markdown),
    inlayStates: bool(sub('inlayHints')['states'], d.inlayStates),
    inlayNumbers: bool(sub('inlayHints')['numbers'], d.inlayNumbers),
    stack: typeof o['stack'] === 'string' && PROFILES.includes(o['stack']) ? (o['stack'] as ProfileName) : d.stack,
    mslSeconds: typeof o['msl'] === 'number' && o['msl'] >= 0 && o['msl'] <= 3600 ? o['msl'] : d.mslSeconds,
  };
}
