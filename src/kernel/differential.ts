/**
 * The kernel judges the checker: the kernel's own run, written as a `.tcpflow` document (every
 * packet, as capture import writes it), is checked under `stack linux`. Everything in it
 * happened, so the checker must not call any of the kernel's segments an error or a warning,
 * must not say the kernel still owes an answer, and must end the kernel's side in the state
 * the kernel ended in. tcpflow's own segments may be errors (the fuzzer makes mistakes on
 * purpose); what the kernel did with them is what is judged.
 */

import { check, explain, messageOf } from '../core/index.js';

/** The comment on the `close` kernelFlow writes for a FIN the kernel still holds back. */
export const FIN_QUEUED = 'the application shut its side down; the FIN waits behind data the window holds back';

export interface Disagreement {
  /** A short kind, to count them: `error TF301 on the kernel's segment`, `final state`. */
  readonly kind: string;
  readonly detail: string;
}

export function judgeKernelRun(doc: string, kernelName: string, kernelFinal: string): Disagreement[] {
  const out: Disagreement[] = [];
  const result = check(doc);
  const lines = doc.split('\n');
  const senderOf = (line: number): string | undefined => /^(?:& )?(?:\? )?(\S+) -[>x] /.exec(lines[line] ?? '')?.[1];
  for (const d of result.diagnostics) {
    const line = d.range.start.line;
    const kernelLine = senderOf(line) === kernelName;
    // The kernel's application shut its side down and the FIN waits behind data a closed window holds
    // back (kernelFlow writes that `close` last): the FIN is owed, and the kernel agrees.
    const finQueued = d.code === 'TF600' && (lines[line] ?? '').startsWith(`${kernelName} close   # ${FIN_QUEUED}`);
    const owedByKernel = d.code === 'TF600' && String(d.args['name'] ?? '').startsWith(kernelName) && !finQueued;
    if (((d.severity === 'error' || d.severity === 'warning') && kernelLine) || owedByKernel) {
      out.push({
        kind: `${d.severity} ${d.code}${owedByKernel ? '' : " on the kernel's segment"}`,
        detail: `line ${line + 1}: ${lines[line]?.trim()} — ${messageOf(d, 'en')}`,
      });
    }
  }
  const ex = explain(result, lines);
  const final = ex.final[kernelName];
  // A TIME_WAIT mini-socket is the connection's TIME_WAIT; LISTEN is the checker's word for a server whose listener outlived the connection.
  if (final !== undefined && final !== kernelFinal && !(final === 'LISTEN' && kernelFinal === 'CLOSED')) {
    out.push({ kind: 'final state', detail: `the kernel ended in ${kernelFinal}, the checker in ${final}` });
  }
  return out;
}
