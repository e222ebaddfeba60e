/**
 * The slow fuzz (`npm run fuzz`): the properties of test/core/properties.test.ts on many more
 * inputs — random lines, mutated examples, flows of the newest constructs and Markdown notes of
 * them (test/helpers/newestFlows.ts). Every input: the checker does not throw, every diagnostic range is well-formed and
 * inside the document, every quick fix writes text that parses. Every K-th input also goes
 * through Mermaid's own parser (about 20–40 ms each here, so not all of a million).
 *   npm run fuzz -- [--inputs 1000000] [--mermaid-every 100] [--seed 1]
 * Prints a count per kind of failure and the first example of each; exit 1 if any failed.
 */

import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { document, examples, markdownProblems, newestDocument, newestMarkdown, problems, problemsWithoutMermaid } from '../helpers/properties.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

/** Marks a sampled input as a Markdown note (never the start of a generated flow). */
const NOTE = '\u0000note\u0000';

async function main(): Promise<void> {
  const inputs = arg('inputs', 1_000_000);
  const mermaidEvery = Math.max(1, arg('mermaid-every', 100));
  const seed = arg('seed', 1);
  const exampleTexts = readdirSync('examples')
    .filter((f) => f.endsWith('.tcpflow'))
    .map((f) => readFileSync(`examples/${f}`, 'utf8'));
  // Random lines, mutated examples, flows of the newest constructs (labels and `arrives`, `?`, `&`,
  // lost segments and the reassembly queue, SACK, timestamps, Fast Open, `connection`/`reuses`,
  // sections, waits), and Markdown notes of them (tagged: a note is checked block by block).
  const arbitrary = fc.oneof(
    { weight: 3, arbitrary: document },
    { weight: 2, arbitrary: examples(exampleTexts) },
    { weight: 2, arbitrary: newestDocument },
    { weight: 1, arbitrary: newestMarkdown.map((note) => `${NOTE}${note}`) },
  );
  const kinds = new Map<string, { count: number; example: string }>();
  const t0 = performance.now();
  let mermaidRuns = 0;
  let done = 0;
  const batch = 1000;
  for (let b = 0; done < inputs; b++) {
    const texts = fc.sample(arbitrary, { numRuns: Math.min(batch, inputs - done), seed: seed * 1_000_003 + b });
    for (const text of texts) {
      const withMermaid = done % mermaidEvery === 0;
      const note = text.startsWith(NOTE);
      if (withMermaid && !note) mermaidRuns++;
      const p = note ? markdownProblems(text.slice(NOTE.length)) : withMermaid ? await problems(text) : problemsWithoutMermaid(text);
      done++;
      if (!p) continue;
      const kind = p
        .split('\n')[0]!
        .replace(/\{.*\}/, '{…}')
        .replace(/'[^']*'/g, "'…'")
        .slice(0, 100);
      const k = kinds.get(kind) ?? { count: 0, example: `${JSON.stringify(text)}\n${p.slice(0, 1200)}` };
      k.count++;
      kinds.set(kind, k);
    }
    if (b % 50 === 49) console.error(`… ${done.toLocaleString('en')} inputs, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  const failed = [...kinds.values()].reduce((n, k) => n + k.count, 0);
  console.log(
    `${done.toLocaleString('en')} inputs (seed ${seed}), ${mermaidRuns.toLocaleString('en')} of them through Mermaid's parser, in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${failed} failed`,
  );
  for (const [kind, k] of kinds) console.log(`\n${k.count} × ${kind}\n${k.example}`);
  process.exitCode = failed ? 1 : 0;
}

void main();
