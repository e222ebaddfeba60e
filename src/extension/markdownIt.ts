/**
 * The markdown-it plugin VS Code's Markdown preview runs: each ```tcpflow fence becomes the
 * Mermaid text of the checked flow (states and error marks included) inside a container of our
 * own class — not `mermaid`, which newer VS Code renders itself (two renderers on one element
 * blank it) — plus the list of errors. dist/markdown-preview.js draws it.
 */

import type MarkdownIt from 'markdown-it';
import type { CheckSettings, Lang } from '../core/index.js';
import { tcpflowBlockHtml } from '../shared/markdownBlock.js';

export { CONTAINER_CLASS } from '../shared/markdownBlock.js';

export interface PluginOptions {
  readonly showStates: () => boolean;
  /** `tcpflow.preview.showOptions`: TCP options in the labels (absent: off). */
  readonly showOptions?: () => boolean;
  readonly lang: () => Lang;
  /** How flows are checked (`tcpflow.stack`, `tcpflow.msl`), read at every render. */
  readonly settings?: () => CheckSettings;
}

export function tcpflowPlugin(md: MarkdownIt, options: PluginOptions): void {
  const fallback = md.renderer.rules.fence ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  md.renderer.rules.fence = (tokens, idx, opts, env, self) => {
    const token = tokens[idx]!;
    if (token.info.trim().split(/\s+/)[0] !== 'tcpflow') return fallback(tokens, idx, opts, env, self);
    const first = token.map ? token.map[0] + 1 : 0; // the block's first content line in the Markdown file
    const draw = { showStates: options.showStates(), showOptions: options.showOptions?.() ?? false };
    return tcpflowBlockHtml(token.content, first, String(token.map?.[0] ?? ''), draw, options.lang(), options.settings?.());
  };
}
