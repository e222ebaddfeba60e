/** LineCursor walks a text's lines in place exactly where splitLines cuts them (`\r\n`, `\r`, `\n`). */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countLines, LineCursor, splitLines } from '../../src/core/common/source.js';

function linesOf(text: string): string[] {
  const c = new LineCursor(text);
  const out: string[] = [];
  while (c.next()) out.push(text.slice(c.start, c.end));
  return out;
}

describe('LineCursor', () => {
  it('cuts lines as splitLines does, empty lines and a final terminator included', () => {
    for (const text of ['', 'a', 'a\n', '\n', '\r\n', '\r', '\n\r', 'a\r\nb\rc\nd', 'a\r\r\nb', '\r\n\r\n', 'x\ny\n\n', 'é\r😀']) {
      assert.deepEqual(linesOf(text), splitLines(text), JSON.stringify(text));
      assert.equal(countLines(text), splitLines(text).length, JSON.stringify(text));
    }
  });

  it('on any text of letters and line ends', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '\u2028', 'é') }), (text) => {
        assert.deepEqual(linesOf(text), splitLines(text));
        assert.equal(countLines(text), splitLines(text).length);
      }),
      { numRuns: 2000 },
    );
  });
});
