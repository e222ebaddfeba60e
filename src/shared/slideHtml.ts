/**
 * The HTML slide file: one self-contained page — one inline script (the package's Mermaid,
 * dist/mermaid.js, then the slide script, dist/slides.js), the flow as inert JSON, and a Content
 * Security Policy that allows that one script (by its SHA-256 hash) and no request at all. Every
 * piece of user text is escaped.
 */

import { htmlHead } from './htmlPage.js';
import { SLIDE_DATA_ID, type SlideData } from './slideData.js';

/** JSON that cannot end its <script> element or open a comment: every `<`, `>` and `&` escaped. */
const inertJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** The script as it goes inline: nothing in it may close the element or start a nested script. */
export function inlineScript(js: string): string {
  return js.replace(/<(\/?script|!--)/gi, '\\x3C$1');
}

/** The slide file's one inline script: Mermaid first (it sets itself up for the slide script), then ours. */
export function slideScript(mermaidJs: string, slidesJs: string): string {
  return inlineScript(`${mermaidJs}\n${slidesJs}`);
}

export interface SlideHtmlOptions {
  readonly data: SlideData;
  /** The output of `slideScript`. */
  readonly script: string;
  /** Base64 SHA-256 of `script`, for the CSP. */
  readonly scriptHash: string;
}

export function slideHtml(o: SlideHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${o.scriptHash}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `${htmlHead({ lang: o.data.lang, csp, title: o.data.title, extra: '<meta name="referrer" content="no-referrer">\n' })}
<body>
<div id="banner" hidden role="alert"></div>
<div id="viewport"><div id="canvas"></div></div>
<script type="application/json" id="${SLIDE_DATA_ID}">${inertJson(o.data)}</script>
<script>${o.script}</script>
</body>
</html>
`;
}

/** `render --format svg`: the name of the binding the CLI gives the page (src/cli/slides.ts). */
export const SVG_EXPORT_BINDING = 'tcpflowSvgStep';

/** What the page sends through that binding, as JSON: each step in order, then `done` (or an error). */
export type SvgExportMessage = { readonly step: number; readonly svg: string } | { readonly done: number } | { readonly error: string };
