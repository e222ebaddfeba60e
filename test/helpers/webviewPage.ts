/** The preview's HTML as the extension serves it, with a stand-in for acquireVsCodeApi and VS Code's light colours. */

import { previewHtml } from '../../src/shared/previewHtml.js';

export const LIGHT = '--vscode-editor-background:#ffffff;--vscode-editor-foreground:#1f1f1f;--vscode-errorForeground:#e51400;--vscode-textLink-foreground:#006ab1;--vscode-editorWidget-background:#f3f3f3;--vscode-panel-border:#cccccc';
export const DARK = '--vscode-editor-background:#1e1e1e;--vscode-editor-foreground:#d4d4d4;--vscode-errorForeground:#f48771;--vscode-textLink-foreground:#3794ff;--vscode-editorWidget-background:#252526;--vscode-panel-border:#454545';

export function webviewPage(origin: string, lang: 'en' | 'ko' = 'en'): string {
  const html = previewHtml({ cspSource: origin, nonce: 'n0nce', scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/preview.css`, lang });
  const stub = `<script nonce="n0nce">window.__posted=[];window.acquireVsCodeApi=()=>({postMessage:(m)=>window.__posted.push(m),getState:()=>window.__state,setState:(s)=>{window.__state=s}});</script>`;
  return html.replace(`<html lang="${lang}">`, `<html lang="${lang}" style="${LIGHT}">`).replace('<body>', '<body class="vscode-light">').replace('<script nonce', `${stub}\n<script nonce`);
}

