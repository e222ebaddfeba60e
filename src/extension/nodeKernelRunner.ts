/**
 * "Run Against Linux" on the desktop (Node extension host): the flow played against this
 * machine's Linux TCP by src/kernel, the helper in a private network namespace; Cancel aborts
 * the run, which ends the helper and its namespace before it settles. Every failure becomes one
 * line to show (never a stack trace).
 */

import { KernelUnavailable, RunUnsupported, namespacePrefixAsync, runFlow } from '../kernel/index.js';
import { kernelFlow } from '../kernel/kernelFlow.js';
import { kernelRunView } from '../kernel/view.js';
import type { KernelRunner, KernelRunOutcome, KernelRunRequest } from './kernelRunAccess.js';

async function unavailable(): Promise<string | undefined> {
  try {
    await namespacePrefixAsync();
    return undefined;
  } catch (e) {
    if (e instanceof KernelUnavailable) return e.message;
    throw e;
  }
}

async function run(q: KernelRunRequest, signal: AbortSignal): Promise<KernelRunOutcome> {
  try {
    const r = await runFlow(q.text, { kernelPlays: q.kernelPlays, signal });
    if (r.cancelled || signal.aborted) return { kind: 'cancelled' };
    const doc = kernelFlow(r, q.file);
    return {
      kind: 'done',
      view: kernelRunView(r, q.file, { lineOffset: q.lineOffset, hasKernelFlow: doc !== undefined, showStates: q.showStates }),
      kernelFlow: doc,
    };
  } catch (e) {
    if (signal.aborted) return { kind: 'cancelled' };
    if (e instanceof KernelUnavailable || e instanceof RunUnsupported) return { kind: 'problem', message: e.message };
    return { kind: 'problem', message: `the run failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export const nodeKernelRunner: KernelRunner = { unavailable, run };
