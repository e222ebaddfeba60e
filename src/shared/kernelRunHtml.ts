/**
 * The "Run Against Linux" panel's HTML: a strict Content Security Policy (scripts only with the
 * nonce, no network), the verdict and the button that opens the kernel's own run, the table of
 * lines and the diagram's canvas, and two scripts under that nonce: the package's one Mermaid
 * (dist/mermaid.js) and the panel's (dist/kernel-run.js).
 */

import { T, type Lang } from '../core/index.js';
import { escapeHtml, htmlHead, webviewCsp } from './htmlPage.js';

export interface KernelRunHtmlOptions {
  readonly cspSource: string;
  readonly nonce: string;
  /** dist/mermaid.js, loaded first. */
  readonly mermaidUri: string;
  /** dist/kernel-run.js. */
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  readonly lang: Lang;
}

const LABELS = {
  title: T('Run Against Linux', 'Linux에서 실행'),
  open: T("Open Linux's run as .tcpflow", 'Linux의 실행을 .tcpflow로 열기'),
  openTitle: T('The segments both sides really sent, as a .tcpflow document', '양쪽이 실제로 보낸 세그먼트를 .tcpflow 문서로'),
  waiting: T('Waiting for the run…', '실행을 기다리는 중…'),
  line: T('Line', '행'),
  flow: T('The flow says', '흐름'),
  kernel: T('What Linux did', 'Linux가 한 일'),
};

export function kernelRunHtml(o: KernelRunHtmlOptions): string {
  const t = Object.fromEntries(Object.entries(LABELS).map(([k, v]) => [k, escapeHtml(v[o.lang])])) as Record<keyof typeof LABELS, string>;
  const csp = webviewCsp(o.cspSource, o.nonce);
  const styles = o.styleUris.map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">\n`).join('');
  return `${htmlHead({ lang: o.lang, csp, title: LABELS.title[o.lang], extra: styles })}
<body>
<div id="toolbar" role="toolbar">
  <span id="verdict" role="status">${t.waiting}</span>
  <span class="sep"></span>
  <button id="open-run" title="${t.openTitle}" hidden>${t.open}</button>
</div>
<div id="banner" hidden role="alert"></div>
<div id="content">
  <p id="heading"></p>
  <ul id="notes"></ul>
  <table id="lines" hidden>
    <thead><tr><th>${t.line}</th><th></th><th>${t.flow}</th><th>${t.kernel}</th></tr></thead>
    <tbody></tbody>
  </table>
  <p id="final"></p>
  <p id="summary"></p>
  <div id="canvas"></div>
</div>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.mermaidUri)}"></script>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
