/** The preview's diagram for a flow, made exactly as the language server makes it. */

import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse } from '../../src/server/analysis.js';
import { diagramFor } from '../../src/server/diagram.js';
import { withPresentation } from '../../src/server/presentation.js';
import { DEFAULT_SETTINGS } from '../../src/server/settings.js';
import type { Diagram } from '../../src/shared/previewProtocol.js';

export function diagramOf(text: string, showStates = true, cursorLine?: number, lang: 'en' | 'ko' = 'en'): Diagram {
  const doc = TextDocument.create('file:///flow.tcpflow', 'tcpflow', 1, text);
  return diagramFor(analyse(doc, DEFAULT_SETTINGS), showStates, cursorLine, lang)!;
}

/** The diagram with present mode's steps, as the server answers when the preview presents. */
export function presentedDiagramOf(text: string): Diagram {
  const doc = TextDocument.create('file:///flow.tcpflow', 'tcpflow', 1, text);
  const a = analyse(doc, DEFAULT_SETTINGS);
  return withPresentation(diagramFor(a, true, undefined, 'en')!, a);
}
