/**
 * The start of the HTML pages tcpflow makes (the preview webview, the slide file): the doctype,
 * the language, the Content Security Policy, the viewport and the title, every value escaped.
 */

/** The one HTML escaper of every page and block tcpflow writes (text and attribute values alike). */
export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `<!DOCTYPE html>` through `</head>`; `extra`: further head elements (already HTML), before the title. */
export function htmlHead(o: { readonly lang: string; readonly csp: string; readonly title: string; readonly extra?: string }): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(o.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${o.extra ?? ''}<title>${escapeHtml(o.title)}</title>
</head>`;
}
