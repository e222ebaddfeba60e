/**
 * What the extension itself reads from VS Code: how flows are checked (the `tcpflow` section,
 * turned into the core's CheckSettings by the same function the language server uses) and the
 * display language.
 */

import * as vscode from 'vscode';
import { readCheckSettings, type CheckSettings, type Lang } from '../core/index.js';
import { langOf } from '../shared/lang.js';

export function editorCheckSettings(): CheckSettings {
  const c = vscode.workspace.getConfiguration('tcpflow');
  return readCheckSettings({ stack: c.get('stack'), msl: c.get('msl') });
}

export function editorLang(): Lang {
  return langOf(vscode.env.language);
}
