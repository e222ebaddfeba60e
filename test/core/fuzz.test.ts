/**
 * Property tests: random and mutated documents never make the checker throw, always give
 * valid Mermaid (real Mermaid's parser is the judge, and no text reaches its configuration),
 * and the cost grows linearly with the document (work counted, never timed).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { check, toMermaid } from '../../src/core/index.js';
import { parseMermaid } from '../helpers/mermaidParse.js';
import { growth, growthMessage } from '../helpers/work.js';
import { document, examples } from '../helpers/properties.js';

// The random documents and the mutated examples are the property tests' own generators (test/helpers/properties.ts).
const exampleTexts = readdirSync('examples')
  .filter((f) => f.endsWith('.tcpflow'))
  .map((f) => readFileSync(`examples/${f}`, 'utf8'));
const mutated = examples(exampleTexts);

async function assertValid(text: string): Promise<void> {
  const result = check(text);
  // Drawn as by default, and with every TCP option in the labels (tcpflow.preview.showOptions).
  for (const showOptions of [false, true]) {
    const m = toMermaid(result, { showOptions }).text;
    const parsed = await parseMermaid(m);
    assert.ok(parsed.ok, `${parsed.error}\n--- input\n${text}\n--- mermaid\n${m}`);
    assert.deepEqual(parsed.config, {});
  }
}

describe('fuzz', function () {
  this.timeout(120_000);

  it('random documents: no exception, valid Mermaid', async () => {
    await fc.assert(fc.asyncProperty(document, assertValid), { numRuns: 300, seed: 20261123 });
  });

  it('mutated examples: no exception, valid Mermaid', async () => {
    await fc.assert(fc.asyncProperty(mutated, assertValid), { numRuns: 300, seed: 7 });
  });

  it('pathological inputs finish: one huge line, many notes, deep symbol chains', () => {
    check('A -> B: SYN ' + 'seq=x+1 '.repeat(20000));
    check('"'.repeat(100000));
    check(Array.from({ length: 5000 }, (_, i) => `A -> B: ACK seq=x${i}+${i} ack=y${i}`).join('\n'));
  });

  it('cost grows linearly: twice the examples, twice the work (counted, not timed)', () => {
    const block = exampleTexts.join('\n');
    const g = growth(
      (copies) => Array.from({ length: copies }, () => block).join('\n'),
      50,
      (text) => toMermaid(check(text)),
    );
    assert.ok(g.ratio < 2.6, growthMessage(g));
  });
});
