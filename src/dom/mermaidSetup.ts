/**
 * Mermaid's set-up for every page that draws flows (the preview webview, VS Code's Markdown
 * preview, the slide file): strict security (a user's text never runs as script nor changes the
 * configuration), no drawing on load, the colours of the VS Code theme. Initialising costs time,
 * so it is done only when the configuration changes.
 */

import type { MermaidConfig } from 'mermaid';
import { loadMermaid, type Mermaid } from './mermaid.js';
import { mermaidTheme, themeKind } from './theme.js';

let lastConfig = '';

/** Mermaid (once dist/mermaid.js has run), set up with `extra` (limits, sequence options) over the common strict, themed base. */
export async function setUpMermaid(extra: MermaidConfig = {}): Promise<Mermaid> {
  const mermaid = await loadMermaid();
  const config: MermaidConfig = { startOnLoad: false, ...extra, securityLevel: 'strict', ...mermaidTheme(themeKind()) };
  const key = JSON.stringify(config);
  if (key !== lastConfig) {
    mermaid.initialize(config);
    lastConfig = key;
  }
  return mermaid;
}
