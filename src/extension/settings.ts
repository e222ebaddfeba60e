/**
 * What the extension itself reads from VS Code: how flows are checked (the `tcpflow` section,
 * turned into the core's CheckSettings by the same function the language server uses), how they
 * are drawn (`tcpflow.preview.*`, the core's DrawSettings) and the display language.
 */

import * as vscode from 'vscode';
import { readCheckSettings, readDrawSettings, type CheckSettings, type DrawSettings, type Lang } from '../core/index.js';
import { langOf } from '../shared/lang.js';

export function editorCheckSettings(): CheckSettings {
  const c = vscode.workspace.getConfiguration('tcpflow');
  return readCheckSettings({ stack: c.get('stack'), msl: c.get('msl') });
}

/** How flows are drawn: `tcpflow.preview.showStates` and `tcpflow.preview.showOptions`. */
export function editorDrawSettings(): DrawSettings {
  const c = vscode.workspace.getConfiguration('tcpflow');
  return readDrawSettings({ showStates: c.get('preview.showStates'), showOptions: c.get('preview.showOptions') });
}

export function editorLang(): Lang {
  return langOf(vscode.env.language);
}
