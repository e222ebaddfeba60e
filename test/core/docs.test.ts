/**
 * docs/diagnostics.md is what src/core/outputs/diagnosticDocs.ts generates (`npm run generate`),
 * every code is documented, and each broken example produces its code while the fixed one does not.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { check, CODES, diagnosticsWithinLimits, findTcpflowBlocks, type Code } from '../../src/core/index.js';
import { CATEGORIES } from '../../src/core/common/diagnosticCodes.js';
import { CODE_DOCS, diagnosticsPage } from '../../src/core/outputs/diagnosticDocs.js';

describe('docs/diagnostics.md', () => {
  it('is the page generated from the code table and the codes’ documentation (run `npm run generate`)', () => {
    assert.equal(readFileSync('docs/diagnostics.md', 'utf8'), diagnosticsPage());
  });

  it('has a section for every code, and no section for a code that does not exist', () => {
    const documented = readFileSync('docs/diagnostics.md', 'utf8')
      .split(/^## /m)
      .slice(1)
      .map((s) => s.split('\n')[0]!.trim());
    assert.deepEqual([...documented].sort(), Object.keys(CODES).sort());
    assert.deepEqual(Object.keys(CODE_DOCS).sort(), Object.keys(CODES).sort());
  });

  for (const code of Object.keys(CODES) as Code[]) {
    it(`${code}: the broken example produces it, the fixed one does not`, () => {
      const doc = CODE_DOCS[code];
      const limits = doc.limits;
      const codesOf = (lines: readonly string[]): string[] => {
        const t = lines.join('\n') + '\n';
        return (
          limits
            ? diagnosticsWithinLimits(t, (x) => check(x).diagnostics, { maxChars: limits.chars, maxDiagnostics: limits.diagnostics })
            : check(t).diagnostics
        ).map((d) => d.code);
      };
      assert.ok(codesOf(doc.broken).includes(code), `broken example gives ${codesOf(doc.broken).join(', ')}`);
      assert.ok(!codesOf(doc.fixed).includes(code), `fixed example still gives ${code}`);
      // The page shows the examples as ```tcpflow blocks that read back as the same flows.
      const section = diagnosticsPage()
        .split(/^## /m)
        .find((s) => s.startsWith(`${code}\n`))!;
      const [broken, fixed] = findTcpflowBlocks(section);
      assert.equal(broken?.content, doc.broken.join('\n'));
      assert.equal(fixed?.content, doc.fixed.join('\n'));
      const rfc: string | undefined = (CODES[code] as { rfc?: string }).rfc;
      if (rfc)
        for (const ref of rfc.replace(/^RFC \d+ /, '').split(/, /)) assert.ok(doc.about.includes(ref.replace(/ \(.*\)$/, '')), `${code}'s text cites ${ref}`);
    });
  }

  it('each code is numbered in its category’s hundred (TF1xx syntax, TF2xx sending…)', () => {
    for (const [code, info] of Object.entries(CODES)) {
      const from = CATEGORIES[info.category].from;
      const n = Number(code.slice(2));
      assert.ok(n >= from && n < from + 100, `${code} is not in ${info.category} (TF${from}–TF${from + 99})`);
    }
  });
});
