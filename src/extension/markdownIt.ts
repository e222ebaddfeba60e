/**
 * The markdown-it plugin VS Code's Markdown preview runs: each ```tcpflow fence becomes the
 * Mermaid text of the checked flow (states and error marks included) inside a container of our
 * own class — not `mermaid`, which newer VS Code renders itself (two renderers on one element
 * blank it) — plus the list of errors. dist/markdown-preview.js draws it.
 */

import type MarkdownIt from 'markdown-it';
import { checkWith, messageOf, toMermaidIn, type CheckSettings, type Lang } from '../core/index.js';

export const CONTAINER_CLASS = 'tcpflow-md';

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface PluginOptions {
  readonly showStates: () => boolean;
  readonly lang: () => Lang;
  /** How flows are checked (`tcpflow.stack`, `tcpflow.msl`), read at every render. */
  readonly settings: () => CheckSettings;
}

export function tcpflowPlugin(md: MarkdownIt, options: PluginOptions): void {
  const fallback = md.renderer.rules.fence ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  md.renderer.rules.fence = (tokens, idx, opts, env, self) => {
    const token = tokens[idx]!;
    if (token.info.trim().split(/\s+/)[0] !== 'tcpflow') return fallback(tokens, idx, opts, env, self);
    const lang = options.lang();
    const result = checkWith(token.content, options.settings());
    const mermaidText = toMermaidIn(result, { showStates: options.showStates() }, lang).text;
    const first = token.map ? token.map[0] + 1 : 0; // the block's first content line in the Markdown file
    const lineOf = (n: number): string => (lang === 'ko' ? `${n}행` : `line ${n}`);
    const problems = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `<li>${escapeHtml(`${lineOf(d.range.start.line + first + 1)}: ${d.code} ${messageOf(d, lang)}`)}</li>`);
    return (
      `<div class="${CONTAINER_CLASS}" data-line="${token.map?.[0] ?? ''}">` +
      `<pre class="${CONTAINER_CLASS}-source">${escapeHtml(mermaidText)}</pre>` +
      (problems.length ? `<ul class="${CONTAINER_CLASS}-errors">${problems.join('')}</ul>` : '') +
      `</div>\n`
    );
  };
}
