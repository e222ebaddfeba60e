/** The settings the server reads (`tcpflow.*`), with their defaults. */

import { DEFAULT_CHECK_SETTINGS, readCheckSettings, type CheckSettings } from '../core/index.js';

/** The server's settings: how documents are checked (shared with every front end) and what it shows. */
export interface Settings extends CheckSettings {
  readonly diagnostics: boolean;
  /** Teaching hints and end-of-flow information. */
  readonly hints: boolean;
  /** Check ```tcpflow blocks in Markdown documents. */
  readonly markdown: boolean;
  readonly inlayStates: boolean;
  readonly inlayNumbers: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  diagnostics: true,
  hints: true,
  markdown: true,
  inlayStates: true,
  inlayNumbers: true,
  ...DEFAULT_CHECK_SETTINGS,
};

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
    ...readCheckSettings(o),
  };
}
