/**
 * Mermaid's set-up for every page that draws flows (the preview webview, VS Code's Markdown
 * preview): strict security (a user's text never runs as script nor changes the configuration),
 * no drawing on load, the colours of the VS Code theme. Initialising costs time, so it is done
 * only when the configuration changes.
 */

import mermaid, { type MermaidConfig } from 'mermaid';
import { mermaidTheme, themeKind } from './theme.js';

let lastConfig = '';

/** Sets Mermaid up with `extra` (limits, sequence options) over the common strict, themed base. */
export function setUpMermaid(extra: MermaidConfig = {}): void {
  const config: MermaidConfig = { startOnLoad: false, ...extra, securityLevel: 'strict', ...mermaidTheme(themeKind()) };
  const key = JSON.stringify(config);
  if (key === lastConfig) return;
  mermaid.initialize(config);
  lastConfig = key;
}
