/**
 * The messages between the extension, the language server and the preview webview. Types
 * only: every part imports them, none depends on another's runtime.
 */

import type { Presentation } from '../core/index.js';

export interface DiagramElement {
  readonly kind: 'message' | 'note';
  readonly line: number; // document line (0-based)
  readonly error?: boolean;
}

export interface DiagramMark {
  readonly line: number; // document line
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly message: string;
  /** A syntax error (the code table's category): the preview names the first one above the last good diagram. */
  readonly syntax?: true;
}

/** The `tcpflow/diagram` request's answer: the Mermaid text and how to map it back to lines. */
export interface Diagram {
  readonly mermaid: string;
  readonly elements: readonly DiagramElement[];
  readonly marks: readonly DiagramMark[];
  /** Syntax errors: the preview shows them above the last good diagram. */
  readonly syntaxErrors: number;
  /** Set when only part of a long flow is drawn: says which. */
  readonly truncated?: string;
  /** Set when the document is over the size limit: nothing is drawn, and this says why (as TF900 does). */
  readonly tooLarge?: string;
  readonly segments: number;
  /** Present mode's steps (document lines), sent only when `present` was asked for. */
  readonly presentation?: Presentation;
}

export interface DiagramParams {
  readonly uri: string;
  readonly showStates: boolean;
  /** `tcpflow.preview.showOptions`: TCP options in the labels (absent: off). */
  readonly showOptions?: boolean;
  readonly cursorLine?: number;
  /** The preview presents the flow: add the steps. */
  readonly present?: boolean;
}

export const DIAGRAM_REQUEST = 'tcpflow/diagram';

/** Sent by the server once it checks with new settings (`tcpflow.stack`, …): the preview redraws. */
export const SETTINGS_APPLIED_NOTIFICATION = 'tcpflow/settingsApplied';

export type ToWebview =
  | { readonly type: 'update'; readonly uri: string; readonly version: number; readonly diagram: Diagram; readonly locked: boolean }
  | { readonly type: 'highlight'; readonly line: number }
  | { readonly type: 'export'; readonly format: 'svg' | 'png'; readonly background: 'theme' | 'white' }
  | { readonly type: 'message'; readonly text: string }
  | { readonly type: 'present'; readonly on: boolean };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'reveal'; readonly line: number }
  | { readonly type: 'rendered'; readonly version: number; readonly ms: number; readonly arrows: number }
  | { readonly type: 'exported'; readonly format: 'svg' | 'png'; readonly data: string }
  | { readonly type: 'renderError'; readonly message: string }
  | { readonly type: 'presenting'; readonly on: boolean }
  | { readonly type: 'presentStep'; readonly line: number }
  | { readonly type: 'command'; readonly command: 'exportSvg' | 'exportPng' | 'copySource' | 'toggleLock' };
