/**
 * `npm run fuzz:kernel -- [--flows 10000] [--seed 1] [--jobs 6] [--fixtures N] [--shapes classic|options|mixed] [--runs DIR] [--only SEED,…]`: differential
 * testing of the checker against this machine's Linux. Each generated flow (generate.ts) is
 * played with the kernel on one side; the kernel's own run, as a `.tcpflow` document, is then
 * judged by the checker under `stack linux` (src/kernel/differential.ts): no error or warning on
 * a segment the kernel sent, no answer the kernel "still owes", the kernel's final state. Runs go
 * in parallel, each job in its own network namespace (reused from run to run, ports changing),
 * with short timeouts. Prints the figures and each kind of disagreement with its first example;
 * `--fixtures N` writes the first N runs (and every disagreeing one) to test/kernel/fixtures, so
 * `npm test` judges them without root. Exit 1 on any disagreement not documented as a kernel
 * deviation, 2 when the machine cannot run it.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Helper, KernelUnavailable, runFlow, summary } from '../../src/kernel/index.js';
import { kernelFlow } from '../../src/kernel/kernelFlow.js';
import { judgeKernelRun, type Disagreement } from '../../src/kernel/differential.js';
import { generate, type Shapes } from './generate.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

export interface KernelFixture {
  readonly seed: number;
  readonly shape: string;
  /** The generator's shapes (absent: 'classic', the runs recorded before the option flows). */
  readonly shapes?: Shapes;
  readonly flow: string;
  readonly kernelPlays: string;
  readonly kernelRelease: string;
  /** The kernel's run as the import writes it. */
  readonly kernelRun: string;
  readonly kernelFinal: string;
  /** How the author's (generated) flow fared line by line: agreeing and disagreeing lines. */
  readonly flowLines: { readonly agree: number; readonly disagree: number };
  readonly disagreements: readonly Disagreement[];
}

async function main(): Promise<void> {
  const flows = arg('flows', 10_000);
  const seed = arg('seed', 1);
  const jobs = Math.max(1, arg('jobs', 6));
  const keep = arg('fixtures', 0);
  // --only S1,S2: replay these seeds (as the run that found them numbered them) and nothing else.
  const oi = process.argv.indexOf('--only');
  const only = oi >= 0 ? (process.argv[oi + 1] ?? '').split(',').map(Number) : undefined;
  const ri = process.argv.indexOf('--runs');
  const runsDir = ri >= 0 ? process.argv[ri + 1] : undefined;
  if (runsDir) mkdirSync(runsDir, { recursive: true });
  const si = process.argv.indexOf('--shapes');
  const shapes = (si >= 0 ? process.argv[si + 1] : 'mixed') as Shapes;
  if (!['classic', 'options', 'mixed'].includes(shapes)) {
    console.error(`fuzz:kernel: --shapes must be classic, options or mixed, not ${shapes}`);
    process.exit(2);
  }
  const fixtureDir = join(__dirname, 'fixtures');
  const helpers: Helper[] = [];
  try {
    for (let j = 0; j < jobs; j++) helpers.push(await Helper.start());
  } catch (e) {
    if (e instanceof KernelUnavailable) {
      console.error(`fuzz:kernel DID NOT RUN: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const kinds = new Map<string, { count: number; example: string }>();
  let done = 0;
  let disagreeing = 0;
  let flowAgrees = 0;
  let next = 0;
  const t0 = performance.now();
  if (keep > 0) mkdirSync(fixtureDir, { recursive: true });
  const worker = async (helper: Helper, j: number): Promise<void> => {
    for (let i = next++; i < (only ? only.length : flows); i = next++) {
      const s = only ? only[i]! : seed * 1_000_000 + i;
      const g = generate(s, shapes);
      // Ports of this run only: a namespace reused from run to run may still hold earlier connections.
      const ports = { kernel: 10_000 + ((i * 7 + j) % 20_000), tcpflow: 30_001 + (i % 30_000) };
      let r;
      try {
        r = await runFlow(g.text, { kernelPlays: g.kernelPlays, helper, ports, answerMs: 350, settleMs: 120, maxWaitMs: 1000, seed: s });
      } catch (e) {
        const k = kinds.get('run failed') ?? { count: 0, example: `${g.text}${(e as Error).message}` };
        k.count++;
        kinds.set('run failed', k);
        disagreeing++;
        done++;
        continue;
      }
      const doc = kernelFlow(r, `generated flow ${s}`) ?? '';
      const found = doc ? judgeKernelRun(doc, g.kernelPlays, r.final.kernel) : [];
      const sum = summary(r);
      if (sum.disagree === 0 && sum.extra === 0) flowAgrees++;
      if (found.length) disagreeing++;
      for (const d of found) {
        const k = kinds.get(d.kind) ?? { count: 0, example: `seed ${s} (${g.shape}), kernel plays ${g.kernelPlays}: ${d.detail}\n${doc}` };
        k.count++;
        kinds.set(d.kind, k);
      }
      // --runs DIR: every disagreeing run's kernel document, to read and replay with `tcpflow-cli check`.
      if (runsDir && found.length)
        writeFileSync(join(runsDir, `${s}.tcpflow`), `${doc}\n# ${g.shape}\n${found.map((d) => `# ${d.kind}: ${d.detail}`).join('\n')}\n`);
      // The first N runs, and the first few of each kind of disagreement.
      if (keep > 0 && (i < keep || (found.length && found.some((d) => (kinds.get(d.kind)?.count ?? 0) <= 3)))) {
        const fx: KernelFixture = {
          seed: s,
          shape: g.shape,
          ...(shapes === 'classic' ? {} : { shapes }),
          flow: g.text,
          kernelPlays: g.kernelPlays,
          kernelRelease: r.kernelRelease,
          kernelRun: doc,
          kernelFinal: r.final.kernel,
          flowLines: { agree: sum.agree, disagree: sum.disagree },
          disagreements: found,
        };
        writeFileSync(join(fixtureDir, `${s}.json`), `${JSON.stringify(fx, null, 2)}\n`);
      }
      done++;
      if (done % 500 === 0) console.log(`  ${done} flows, ${disagreeing} with disagreements (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  };
  await Promise.all(helpers.map((h, j) => worker(h, j)));
  for (const h of helpers) {
    await h.command('quit').catch(() => undefined);
    h.kill();
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`fuzz:kernel: ${done} flows against Linux in ${secs.toFixed(0)} s (${jobs} namespaces), seed ${seed}, shapes ${shapes}`);
  console.log(`  the generated flow agreed with the kernel on every line: ${flowAgrees}`);
  console.log(`  flows where the checker disagrees with the kernel's own run: ${disagreeing}`);
  for (const [kind, k] of Array.from(kinds.entries()).sort((a, b) => b[1].count - a[1].count))
    console.log(`\n  ${k.count}× ${kind}\n${k.example.replace(/^/gm, '      ')}`);
  process.exit(disagreeing === 0 ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
