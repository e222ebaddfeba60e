/** Mermaid's look from the VS Code theme: the webview's --vscode-* colours and body class. */

import type { MermaidConfig } from 'mermaid';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

export function mermaidTheme(kind: ThemeKind): Pick<MermaidConfig, 'theme' | 'themeVariables'> {
  const dark = kind === 'dark' || kind === 'high-contrast';
  const fg = cssVar('--vscode-editor-foreground', dark ? '#cccccc' : '#333333');
  const bg = cssVar('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff');
  const border = cssVar('--vscode-contrastBorder', '') || cssVar('--vscode-panel-border', dark ? '#555555' : '#cccccc');
  const note = cssVar('--vscode-editorWidget-background', dark ? '#252526' : '#f3f3f3');
  return {
    theme: 'base',
    themeVariables: {
      darkMode: dark,
      background: bg,
      primaryColor: note,
      primaryTextColor: fg,
      primaryBorderColor: border,
      lineColor: fg,
      textColor: fg,
      actorBkg: note,
      actorBorder: border,
      actorTextColor: fg,
      actorLineColor: border,
      signalColor: fg,
      signalTextColor: fg,
      labelBoxBkgColor: note,
      labelBoxBorderColor: border,
      labelTextColor: fg,
      loopTextColor: fg,
      noteBkgColor: note,
      noteBorderColor: border,
      noteTextColor: fg,
      activationBkgColor: note,
      sequenceNumberColor: bg,
      fontFamily: cssVar('--vscode-font-family', 'sans-serif'),
    },
  };
}
