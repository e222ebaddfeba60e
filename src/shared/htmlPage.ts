/**
 * The start of the HTML pages tcpflow makes (the preview webview, the slide file): the doctype,
 * the language, the Content Security Policy, the viewport and the title, every value escaped.
 */

/** The one HTML escaper of every page and block tcpflow writes (text and attribute values alike). */
export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The Content Security Policy of a VS Code webview tcpflow opens (the preview, the kernel run's
 * panel): nothing by default, images, styles and fonts from the extension, and only the page's own
 * script, by its nonce.
 */
export function webviewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

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
