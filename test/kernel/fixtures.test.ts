/**
 * The differential fuzz's recorded runs (test/kernel/fixtures, written by `npm run fuzz:kernel
 * -- --fixtures N` on a machine with namespaces): generated flows with what this machine's Linux
 * really sent. Without root, each is judged again: the kernel's own run, checked under
 * `stack linux`, must give exactly the disagreements recorded with it — none, unless it is a
 * documented kernel deviation (docs/conformance.md) — so a checker change that starts rejecting
 * what Linux does fails here.
 */

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { judgeKernelRun } from '../../src/kernel/differential.js';
import type { KernelFixture } from './fuzz.js';
import { generate } from './generate.js';

const DIR = join(__dirname, 'fixtures');
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('kernel run: recorded answers of Linux to generated flows (test/kernel/fixtures)', () => {
  it('has recorded runs, each the flow its seed generates', () => {
    assert.ok(names.length >= 20, `only ${names.length} recorded runs`);
    for (const n of names) {
      const fx = JSON.parse(readFileSync(join(DIR, n), 'utf8')) as KernelFixture;
      assert.equal(generate(fx.seed, fx.shapes ?? 'classic').text, fx.flow, n);
    }
  });
  const documented = readFileSync('docs/conformance.md', 'utf8');
  for (const n of names) {
    const fx = JSON.parse(readFileSync(join(DIR, n), 'utf8')) as KernelFixture;
    const what =
      fx.disagreements.length === 0
        ? 'the checker accepts what Linux sent'
        : `the checker still disagrees as documented (${fx.disagreements.map((d) => d.kind).join(', ')})`;
    it(`${n.replace(/\.json$/, '')} (${fx.shape}, the kernel as ${fx.kernelPlays}): ${what}`, () => {
      const found = judgeKernelRun(fx.kernelRun, fx.kernelPlays, fx.kernelFinal);
      assert.deepEqual(found, fx.disagreements, fx.kernelRun);
      // A disagreement is a checker bug to fix or a documented deviation: either way, in the list.
      for (const d of found) assert.ok(documented.includes(String(fx.seed)), `seed ${fx.seed} (${d.kind}) is not in docs/conformance.md's list`);
    });
  }
});
