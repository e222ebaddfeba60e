/**
 * The messages between the extension and the "Run Against Linux" panel (the result of a flow
 * played against this machine's Linux TCP), and the check of what the panel sends back: the
 * panel draws the user's flow, so it is not trusted, and a message of any other shape is dropped.
 */

import type { Diagram } from './previewProtocol.js';

/** One line of the flow and what the kernel did there. */
export interface KernelRunLine {
  /** The document's line (0-based; a Markdown note's, for a ```tcpflow block). */
  readonly line: number;
  readonly source: string;
  /** Whose line it is: the kernel's side, tcpflow's side, or neither (a wait). */
  readonly who: 'kernel' | 'tcpflow' | 'other';
  /** agrees, differs, nothing (the kernel sent nothing), sent, lost, done, not-judged. */
  readonly verdict: string;
  /** ✓ the kernel agrees, ✗ it disagrees, or nothing to judge. */
  readonly mark: 'agrees' | 'disagrees' | 'none';
  /** The verdict in words: `agrees`, `differs: ack x → the kernel x+1`, … */
  readonly text: string;
  /** The segment the kernel sent instead, as a flow line. */
  readonly kernelSent?: string;
  /** The segments the kernel sent after this line that no line takes. */
  readonly extras: readonly string[];
  readonly note?: string;
}

export interface KernelRunView {
  /** The flow's file name. */
  readonly file: string;
  /** Who played whom: `Linux 6.1.0 played Server; tcpflow played Client (…)`. */
  readonly heading: string;
  readonly notes: readonly string[];
  readonly lines: readonly KernelRunLine[];
  /** `the kernel ended in ESTABLISHED; the flow ends it in ESTABLISHED`. */
  readonly final: string;
  readonly finalDiffers: boolean;
  /** `3 lines agree, 0 disagree, 0 segments sent more`. */
  readonly summary: string;
  /** Every line agrees and the kernel sent nothing more. */
  readonly agrees: boolean;
  readonly cancelled: boolean;
  /** The author's flow drawn with the kernel's disagreements marked beside each line. */
  readonly diagram: Diagram;
  /** The kernel's own run exists as a `.tcpflow` document (the panel's button opens it). */
  readonly hasKernelFlow: boolean;
}

export type ToKernelRunPanel = { readonly type: 'show'; readonly view: KernelRunView };

export type FromKernelRunPanel =
  | { readonly type: 'ready' }
  /** Take the editor to this line of the flow. */
  | { readonly type: 'reveal'; readonly line: number }
  /** Open the kernel's own run as an untitled `.tcpflow` document. */
  | { readonly type: 'openKernelFlow' }
  | { readonly type: 'rendered'; readonly arrows: number; readonly marks: number }
  | { readonly type: 'renderError'; readonly message: string };

const isObject = (m: unknown): m is Record<string, unknown> => typeof m === 'object' && m !== null;
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100_000_000;

/** The message, if it is one the panel may send; anything else is undefined (and ignored). */
export function fromKernelRunPanel(m: unknown): FromKernelRunPanel | undefined {
  if (!isObject(m)) return undefined;
  switch (m['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'openKernelFlow':
      return { type: 'openKernelFlow' };
    case 'reveal':
      return isCount(m['line']) ? { type: 'reveal', line: m['line'] } : undefined;
    case 'rendered':
      return isCount(m['arrows']) && isCount(m['marks']) ? { type: 'rendered', arrows: m['arrows'], marks: m['marks'] } : undefined;
    case 'renderError':
      return { type: 'renderError', message: String(m['message']).slice(0, 2000) };
    default:
      return undefined;
  }
}
