/** docs/diagnostics.md documents every code, and each broken example produces it while the fixed one does not. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CODES, check, diagnosticsWithinLimits, findTcpflowBlocks } from '../../src/core/index.js';

const doc = readFileSync('docs/diagnostics.md', 'utf8');
const sections = doc.split(/^## /m).slice(1);

describe('docs/diagnostics.md', () => {
  it('has a section for every code, and no section for a code that does not exist', () => {
    const documented = sections.map((s) => s.split('\n')[0]!.trim());
    assert.deepEqual([...documented].sort(), Object.keys(CODES).sort());
  });

  for (const section of sections) {
    const code = section.split('\n')[0]!.trim();
    it(`${code}: the broken example produces it, the fixed one does not`, () => {
      const [broken, fixed] = findTcpflowBlocks(section);
      assert.ok(broken && fixed, `${code} needs a broken and a fixed example`);
      // The editor's limits (TF900, TF901) are shown with small ones: `<!-- limits: chars=N diagnostics=M -->`.
      const limits = /<!-- limits: chars=(\d+) diagnostics=(\d+) -->/.exec(section);
      const codesOf = (t: string): string[] =>
        (limits ? diagnosticsWithinLimits(t, (x) => check(x).diagnostics, { maxChars: Number(limits[1]), maxDiagnostics: Number(limits[2]) }) : check(t).diagnostics).map((d) => d.code);
      assert.ok(codesOf(broken.content).includes(code), `broken example gives ${codesOf(broken.content).join(', ')}`);
      assert.ok(!codesOf(fixed.content).includes(code), `fixed example still gives ${code}`);
      assert.equal(CODES[code as keyof typeof CODES].severity, /\((error|warning|information|hint)\)/.exec(section)![1]);
      const rfc: string | undefined = (CODES[code as keyof typeof CODES] as { rfc?: string }).rfc;
      if (rfc) for (const ref of rfc.replace(/^RFC \d+ /, '').split(/, /)) assert.ok(section.includes(ref.replace(/ \(.*\)$/, '')), `${code}'s section cites ${ref}`);
    });
  }
});
