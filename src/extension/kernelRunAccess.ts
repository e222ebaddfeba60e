/**
 * How "Run Against Linux" reaches the kernel: the desktop extension (extension.ts) installs the
 * Node runner (nodeKernelRunner.ts, which starts the helper in a private network namespace);
 * the web extension has none, and the command says why it is not available there. Nothing here
 * uses Node, so the web build can import it.
 */

import type { KernelRunView } from '../shared/kernelRunProtocol.js';

export interface KernelRunRequest {
  /** The flow's text (a whole .tcpflow document, or a Markdown note's ```tcpflow block). */
  readonly text: string;
  /** The participant the kernel plays. */
  readonly kernelPlays: string;
  /** The file's name, for the report. */
  readonly file: string;
  /** Where the flow starts in its document (0 for a .tcpflow file). */
  readonly lineOffset: number;
  readonly showStates: boolean;
}

export type KernelRunOutcome =
  /** The run finished: the panel's view and the kernel's own run as a `.tcpflow` document. */
  | { readonly kind: 'done'; readonly view: KernelRunView; readonly kernelFlow: string | undefined }
  /** Cancelled: the helper process and its namespace are gone. */
  | { readonly kind: 'cancelled' }
  /** The run could not happen (no namespace, a flow it cannot play): the reason, in one line. */
  | { readonly kind: 'problem'; readonly message: string };

export interface KernelRunner {
  /** Why no run can happen on this machine (no Linux, no namespace, no python3), or undefined. */
  unavailable(): Promise<string | undefined>;
  run(request: KernelRunRequest, signal: AbortSignal): Promise<KernelRunOutcome>;
}

let runner: KernelRunner | undefined;

/** The desktop extension's runner (the web extension installs none). */
export function useKernelRunner(r: KernelRunner): void {
  runner = r;
}

export function kernelRunner(): KernelRunner | undefined {
  return runner;
}
