/**
 * `tcpflow-cli run FLOW --kernel-plays NAME`: the flow played against this machine's Linux TCP
 * (src/kernel): the kernel plays NAME with a real socket in a private network namespace,
 * tcpflow plays the other participant with packets. Prints the comparison (text or JSON), the
 * kernel's own run as a `.tcpflow` document (`--format flow`, or `-o FILE` beside the report), or
 * the author's diagram with the kernel's disagreements marked (`--format mermaid`).
 * Exit codes: 0 every line agrees, 1 the kernel disagrees, 2 usage, or no kernel to run against.
 */

import { writeFileSync } from 'node:fs';
import { KernelUnavailable, RunUnsupported, allAgree, jsonReport, runFlow, textReport } from '../kernel/index.js';
import { kernelFlow } from '../kernel/kernelFlow.js';
import { markedDiagram } from '../kernel/diagram.js';
import type { ProfileName } from '../core/index.js';
import { UsageError } from './args.js';
import { readSingleInput } from './inputs.js';
import type { Io } from './io.js';

export async function runKernel(files: readonly string[], options: Readonly<Record<string, string | true>>, io: Io): Promise<number> {
  if (files.length !== 1) throw new UsageError(`expected exactly one flow, got ${files.length}`);
  const who = options['kernel-plays'];
  if (typeof who !== 'string' || who === '') throw new UsageError("'run' needs --kernel-plays NAME (the participant the kernel plays)");
  const maxWait = options['max-wait'] === undefined ? 5 : Number(options['max-wait']);
  if (!Number.isFinite(maxWait) || maxWait < 0 || maxWait > 600)
    throw new UsageError(`bad value '${String(options['max-wait'])}' for '--max-wait' (seconds, 0 to 600)`);
  const path = files[0]!;
  const input = readSingleInput(path);
  const flow = input.flows[0];
  if (!flow) throw new UsageError(`'${path}' has no \`\`\`tcpflow block`);
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  try {
    const r = await runFlow(flow.text, {
      kernelPlays: who,
      maxWaitMs: maxWait * 1000,
      signal: controller.signal,
      ...(options['stack'] ? { stack: options['stack'] as ProfileName } : {}),
    });
    const format = (options['format'] as string | undefined) ?? 'text';
    const doc = kernelFlow(r, path);
    if (typeof options['output'] === 'string') {
      if (doc === undefined) io.err('tcpflow-cli: the kernel run sent no packet: no .tcpflow written\n');
      else writeFileSync(options['output'], doc);
    }
    if (format === 'json') io.out(`${JSON.stringify({ ...(jsonReport(r, path) as object), kernelFlow: doc ?? null }, null, 2)}\n`);
    else if (format === 'flow') io.out(doc ?? '');
    else if (format === 'mermaid') io.out(`${markedDiagram(r)}\n`);
    else io.out(textReport(r, path));
    return allAgree(r) ? 0 : 1;
  } catch (e) {
    if (e instanceof KernelUnavailable || e instanceof RunUnsupported) throw new UsageError(e.message);
    throw e;
  } finally {
    process.removeListener('SIGINT', stop);
  }
}
