/**
 * The preview webview's HTML: a strict Content Security Policy (scripts only with the nonce, no
 * network), the toolbar, and two scripts under that nonce: the package's one Mermaid
 * (dist/mermaid.js) and ours (dist/webview.js). The extension and the webview tests both use it.
 */

import { T, type Lang } from '../core/index.js';
import { escapeHtml, htmlHead, webviewCsp } from './htmlPage.js';
import { presentTexts } from './presentTexts.js';

export interface PreviewHtmlOptions {
  /** The webview's `cspSource` (where local resources come from). */
  readonly cspSource: string;
  readonly nonce: string;
  /** dist/mermaid.js, loaded first. */
  readonly mermaidUri: string;
  /** dist/webview.js. */
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly lang: Lang;
}

const LABELS = {
  zoomOut: T('Zoom out', '축소'),
  zoomIn: T('Zoom in', '확대'),
  fit: T('Fit to width', '너비에 맞추기'),
  reset: T('Actual size', '실제 크기'),
  svg: T('Export as SVG', 'SVG로 내보내기'),
  png: T('Export as PNG', 'PNG로 내보내기'),
  copy: T('Copy Mermaid source', 'Mermaid 소스 복사'),
  lock: T('Lock the preview to this file', '미리 보기를 이 파일에 고정'),
  title: T('TCP Flow Preview', 'TCP Flow 미리 보기'),
  copyShort: T('Copy', '복사'),
  lockShort: T('Lock', '고정'),
};

export function previewHtml(o: PreviewHtmlOptions): string {
  const t = Object.fromEntries(Object.entries(LABELS).map(([k, v]) => [k, v[o.lang]])) as Record<keyof typeof LABELS, string>;
  const p = presentTexts(o.lang);
  const csp = webviewCsp(o.cspSource, o.nonce);
  return `${htmlHead({ lang: o.lang, csp, title: t.title, extra: `<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">\n` })}
<body>
<div id="toolbar" role="toolbar">
  <button id="zoom-out" title="${t.zoomOut}" aria-label="${t.zoomOut}">−</button>
  <span id="zoom-level">100%</span>
  <button id="zoom-in" title="${t.zoomIn}" aria-label="${t.zoomIn}">+</button>
  <button id="zoom-fit" title="${t.fit}" aria-label="${t.fit}">⤢</button>
  <button id="zoom-reset" title="${t.reset}" aria-label="${t.reset}">1:1</button>
  <span class="sep"></span>
  <button id="export-svg" title="${t.svg}">SVG</button>
  <button id="export-png" title="${t.png}">PNG</button>
  <button id="copy-source" title="${t.copy}" aria-label="${t.copy}">${t.copyShort}</button>
  <button id="lock" title="${t.lock}" aria-label="${t.lock}">${t.lockShort}</button>
  <button id="present" title="${escapeHtml(p.presentTitle)}">${p.present}</button>
</div>
<div id="banner" hidden role="alert"></div>
<div id="notice" hidden role="status"></div>
<div id="viewport"><div id="actors" hidden aria-hidden="true"></div><div id="canvas"></div></div>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.mermaidUri)}"></script>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
