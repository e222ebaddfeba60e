/**
 * One ```tcpflow block of a Markdown note as VS Code's Markdown preview gets it: the checked
 * flow's Mermaid text inside a container of our own class (dist/markdown-preview.js draws it),
 * and its errors. Made by the markdown-it plugin, or by the preview script itself when the
 * plugin runs in another extension host. Everything from the block is escaped.
 */

import { escapeHtml } from './htmlPage.js';
import { checkWith, DEFAULT_CHECK_SETTINGS, messageOf, T, toMermaidIn, type CheckSettings, type DrawSettings, type Lang } from '../core/index.js';

export const CONTAINER_CLASS = 'tcpflow-md';

/**
 * The container's HTML: errors with the Markdown file's line numbers (`firstLine`: the file's line,
 * 0-based, of the block's first content line), checked as `settings` say (the editor's
 * `tcpflow.stack` and `tcpflow.msl`; the defaults where the preview script draws the block itself)
 * and drawn as `draw` says (`tcpflow.preview.showStates`, `tcpflow.preview.showOptions`).
 * Everything from the block is escaped.
 */
export function tcpflowBlockHtml(
  content: string,
  firstLine: number,
  dataLine: string,
  draw: DrawSettings,
  lang: Lang,
  settings: CheckSettings = DEFAULT_CHECK_SETTINGS,
): string {
  const result = checkWith(content, settings, firstLine);
  const mermaidText = toMermaidIn(result, draw, lang).text;
  const lineOf = (n: number): string => T(`line ${n}`, `${n}행`)[lang];
  const problems = result.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => `<li>${escapeHtml(`${lineOf(d.range.start.line + firstLine + 1)}: ${d.code} ${messageOf(d, lang)}`)}</li>`);
  return (
    `<div class="${CONTAINER_CLASS}" data-line="${escapeHtml(dataLine)}">` +
    `<pre class="${CONTAINER_CLASS}-source">${escapeHtml(mermaidText)}</pre>` +
    (problems.length ? `<ul class="${CONTAINER_CLASS}-errors">${problems.join('')}</ul>` : '') +
    `</div>\n`
  );
}
