/**
 * How a flow is drawn, as the editor's `tcpflow.preview.*` settings say: the states beside the
 * endpoints (`showStates`, on by default) and the TCP options after the numbers (`showOptions`,
 * off by default). Read defensively, like the check settings; every drawing front end — the
 * preview (through the server), the Markdown preview, "Convert to Mermaid" and `tcpflow-cli
 * render` (`--no-states`, `--show-options`) — passes them to the Mermaid generator.
 */

export interface DrawSettings {
  /** `tcpflow.preview.showStates`: the state notes beside each endpoint. */
  readonly showStates: boolean;
  /** `tcpflow.preview.showOptions`: SACK blocks, timestamps, MSS, window scale in the labels. */
  readonly showOptions: boolean;
}

export const DEFAULT_DRAW_SETTINGS: DrawSettings = { showStates: true, showOptions: false };

/** Reads `showStates` and `showOptions`; a value that is not a boolean falls back to the default. */
export function readDrawSettings(o: { readonly showStates?: unknown; readonly showOptions?: unknown } | undefined): DrawSettings {
  const bool = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);
  return { showStates: bool(o?.showStates, DEFAULT_DRAW_SETTINGS.showStates), showOptions: bool(o?.showOptions, DEFAULT_DRAW_SETTINGS.showOptions) };
}
