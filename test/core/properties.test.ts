/**
 * What holds for every input (fast-check): the checker does not throw; Mermaid's own parser
 * accepts the diagram and no text reaches its configuration; every diagnostic range is
 * well-formed and inside the document; every quick fix, applied as an editor applies it, writes
 * text that parses. The slow million-input run of the same properties is `npm run fuzz`.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { check, toMermaid } from '../../src/core/index.js';
import { parseMermaid } from '../helpers/mermaidParse.js';
import { document, examples, markdownProblems, newestDocument, newestMarkdown, problems, problemsWithoutMermaid } from '../helpers/properties.js';

const exampleTexts = readdirSync('examples')
  .filter((f) => f.endsWith('.tcpflow'))
  .map((f) => readFileSync(`examples/${f}`, 'utf8'));

describe('properties of every input', function () {
  this.timeout(180_000);

  it('a title of control characters only: no empty `title` for Mermaid to reject', async () => {
    const m = toMermaid(check('title \u001b\u0003\nclient C\nserver S\nC -> S: SYN seq=x\n')).text;
    assert.doesNotMatch(m, /^\s*title\s*$/m);
    const parsed = await parseMermaid(m);
    assert.ok(parsed.ok, parsed.error);
  });

  it('a line ending in no-break spaces: ranges do not end before they start', () => {
    const r = check('client A\nserver B\nA -> B \u00a0\u00a0');
    assert.ok(r.diagnostics.length > 0);
    for (const d of r.diagnostics) assert.ok(d.range.start.character <= d.range.end.character, JSON.stringify(d.range));
    assert.equal(problemsWithoutMermaid('client A\nserver B\nA -> B \u00a0\u00a0'), undefined);
  });

  it('the TF600 quick fix on a file without a final newline adds a line of its own', () => {
    for (const [text, eol] of [
      ['client C\nserver S\nC -> S: SYN seq=x', '\n'],
      ['client C\r\nserver S\r\nC -> S: SYN seq=x', '\r\n'],
    ] as const) {
      const d = check(text).diagnostics.find((x) => x.code === 'TF600')!;
      const fixed = TextDocument.applyEdits(
        TextDocument.create('file:///f.tcpflow', 'tcpflow', 1, text),
        d.fixes[0]!.edits.map((e) => ({ range: e.range, newText: e.newText })),
      );
      assert.equal(fixed, `${text}${eol}S -> C: SYN ACK ack=x+1`);
      assert.deepEqual(
        check(fixed)
          .diagnostics.filter((x) => x.severity === 'error')
          .map((x) => x.code),
        [],
      );
    }
  });

  it('random and mutated documents: ranges inside the document, fixes that parse (no Mermaid)', () => {
    fc.assert(
      fc.property(fc.oneof(document, examples(exampleTexts)), (text) => {
        const p = problemsWithoutMermaid(text);
        assert.equal(p, undefined, `${JSON.stringify(text)}\n${p}`);
      }),
      { numRuns: 400 },
    );
  });

  it('random and mutated documents: all of the above, and Mermaid parses the diagram', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(document, examples(exampleTexts)), async (text) => {
        const p = await problems(text);
        assert.equal(p, undefined, `${JSON.stringify(text)}\n${p}`);
      }),
      { numRuns: 150 },
    );
  });

  it('flows of the newest constructs (labels, ?, &, SACK, timestamps, connections, sections), mutated: the same properties, Mermaid included', async () => {
    await fc.assert(
      fc.asyncProperty(newestDocument, async (text) => {
        const p = await problems(text);
        assert.equal(p, undefined, `${JSON.stringify(text)}\n${p}`);
      }),
      { numRuns: 40, seed: 5 },
    );
  });

  it('Markdown notes of such flows, mutated, some after a byte order mark: every block keeps the properties, the rewrite replaces each', () => {
    fc.assert(
      fc.property(newestMarkdown, (note) => {
        const p = markdownProblems(note);
        assert.equal(p, undefined, `${JSON.stringify(note)}\n${p}`);
      }),
      { numRuns: 40, seed: 6 },
    );
  });
});
