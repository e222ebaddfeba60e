/**
 * What the extension accepts from the preview webview, which runs the user's diagram and so is
 * not trusted: messages of the shapes FromWebview allows (commands from an allow-list, a reveal
 * with a whole line number), the URI a restored preview stored (a `.tcpflow` document of a
 * known scheme), and the CSP nonce's text from random bytes.
 */

import type { FromWebview } from './previewProtocol.js';

/** The commands the webview's toolbar may run. */
export const WEBVIEW_COMMANDS: ReadonlySet<string> = new Set(['exportSvg', 'exportPng', 'copySource', 'toggleLock']);

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;
const isLine = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100_000_000;

/** The message, if it is one the webview may send; anything else is undefined (and ignored). */
export function fromWebview(m: unknown): FromWebview | undefined {
  if (!isObject(m)) return undefined;
  switch (m['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'reveal':
      return isLine(m['line']) ? { type: 'reveal', line: m['line'] } : undefined;
    case 'rendered':
      return typeof m['version'] === 'number'
        ? { type: 'rendered', version: m['version'], ms: Number(m['ms']) || 0, arrows: Number(m['arrows']) || 0 }
        : undefined;
    case 'exported':
      return (m['format'] === 'svg' || m['format'] === 'png') && typeof m['data'] === 'string'
        ? { type: 'exported', format: m['format'], data: m['data'] }
        : undefined;
    case 'renderError':
      return { type: 'renderError', message: String(m['message']).slice(0, 2000) };
    case 'presenting':
      return typeof m['on'] === 'boolean' ? { type: 'presenting', on: m['on'] } : undefined;
    case 'presentStep':
      return isLine(m['line']) ? { type: 'presentStep', line: m['line'] } : undefined;
    case 'command': {
      const c = m['command'];
      return typeof c === 'string' && WEBVIEW_COMMANDS.has(c)
        ? { type: 'command', command: c as Extract<FromWebview, { type: 'command' }>['command'] }
        : undefined;
    }
    default:
      return undefined;
  }
}

const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-userdata']);

/** The stored URI of a restored preview, if it names a `.tcpflow` document of a known scheme. */
export function restoredUri(state: unknown): string | undefined {
  const uri = isObject(state) ? state['uri'] : undefined;
  if (typeof uri !== 'string' || uri.length > 4096) return undefined;
  const m = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(uri);
  if (!m || !SCHEMES.has(m[1]!.toLowerCase())) return undefined;
  const path = m[2]!.replace(/[?#].*$/, '');
  return /\.tcpflow$/i.test(path) ? uri : undefined;
}

/** A CSP nonce's text: the bytes (from a cryptographic source, at least 16) in hexadecimal (valid base64 characters). */
export function nonceText(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new Error('a nonce needs at least 16 random bytes');
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
