/**
 * The server's analysis cache, tested directly: it keeps every open document's diagnostics but
 * the full checks (tree and trace) only of the few documents a feature used last, so 500 open
 * documents hovered once do not hold 500 trees; and a Markdown note's blocks are looked up, not
 * searched, when a keystroke re-analyses the note (counted: reads of the previous version's blocks).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, AnalysisCache, FULL_CHECKS_KEPT, type Analysis } from '../../src/server/analysis.js';
import { hover } from '../../src/server/hover.js';
import { DEFAULT_SETTINGS } from '../../src/server/settings.js';

const HANDSHAKE = 'client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+1\nC -> S: ACK seq=x+1 ack=y+1\n';

/** An array that counts how many of its elements are read (by index, by iteration or by find). */
function counting<T>(items: readonly T[]): { list: readonly T[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(items as T[], {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list, reads: () => reads };
}

describe('server analysis cache', () => {
  it(`holds the full checks of the ${FULL_CHECKS_KEPT} documents used last, and every document's diagnostics`, () => {
    const cache = new AnalysisCache(() => DEFAULT_SETTINGS);
    const docs = Array.from({ length: 500 }, (_, i) => TextDocument.create(`file:///d${i}.tcpflow`, 'tcpflow', 1, `${HANDSHAKE}C is CLOSED\n`));
    for (const doc of docs) {
      const a = cache.use(doc);
      assert.ok(hover(a, { line: 3, character: 1 }, 'en'), 'a hover reads the full check');
      assert.ok(cache.documentsHoldingFullChecks() <= FULL_CHECKS_KEPT);
    }
    assert.equal(cache.documentsHoldingFullChecks(), FULL_CHECKS_KEPT);
    for (const doc of docs)
      assert.deepEqual(
        cache.get(doc).flows[0]!.diagnostics.map((d) => d.code),
        ['TF500'],
        'the diagnostics stay',
      );
    // A document let go makes its full check again when a feature asks, and becomes one of the kept.
    const first = cache.use(docs[0]!);
    assert.deepEqual(
      first.flows[0]!.result.diagnostics.map((d) => d.code),
      ['TF500'],
    );
    assert.equal(cache.documentsHoldingFullChecks(), FULL_CHECKS_KEPT);
    // Diagnostics alone (what a keystroke publishes) never make a full check.
    const fresh = new AnalysisCache(() => DEFAULT_SETTINGS);
    for (const doc of docs.slice(0, 20)) fresh.get(doc);
    assert.equal(fresh.documentsHoldingFullChecks(), 0);
  });

  it('forgets a closed document and holds nothing after a settings change', () => {
    const cache = new AnalysisCache(() => DEFAULT_SETTINGS);
    const doc = TextDocument.create('file:///one.tcpflow', 'tcpflow', 1, HANDSHAKE);
    void cache.use(doc).flows[0]!.result;
    assert.equal(cache.documentsHoldingFullChecks(), 1);
    cache.forget(doc.uri);
    assert.equal(cache.documentsHoldingFullChecks(), 0);
    void cache.use(doc).flows[0]!.result;
    cache.clear();
    assert.equal(cache.documentsHoldingFullChecks(), 0);
  });

  it("re-analyses a note of thousands of blocks reading each of the previous version's blocks a bounded number of times", () => {
    for (const n of [2_000, 8_000]) {
      const v1 = TextDocument.create('file:///blocks.md', 'markdown', 1, `# A\n\n${'```tcpflow\n```\n'.repeat(n)}`);
      const a1 = analyse(v1, DEFAULT_SETTINGS);
      assert.equal(a1.flows.length, n);
      const v2 = TextDocument.update(v1, [{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'x' }], 2);
      const flows = counting(a1.flows);
      const a2 = analyse(v2, DEFAULT_SETTINGS, { ...a1, flows: flows.list } satisfies Analysis);
      assert.ok(flows.reads() <= 2 * n + 10, `${flows.reads()} reads of ${n} blocks`);
      assert.ok(
        a2.flows.every((f, i) => f === a1.flows[i]),
        'no block is checked again',
      );
    }
  });

  it('checks a block again when it moved and has something to say (its messages name the lines), and not when it has nothing', () => {
    const block = (extra: string): string => `\`\`\`tcpflow\n${HANDSHAKE}${extra}\`\`\`\n`;
    const v1 = TextDocument.create('file:///moved.md', 'markdown', 1, `# A\n\n${block('')}\n${block('C is CLOSED\n')}`);
    const a1 = analyse(v1, DEFAULT_SETTINGS);
    const v2 = TextDocument.update(v1, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'moved\n' }], 2);
    const a2 = analyse(v2, DEFAULT_SETTINGS, a1);
    assert.notEqual(a2.flows[0], a1.flows[0]);
    assert.equal(a2.flows[0]!.diagnostics, a1.flows[0]!.diagnostics, 'a block without diagnostics keeps them');
    assert.equal(a2.flows[0]!.lineOffset, a1.flows[0]!.lineOffset + 1);
    assert.notEqual(a2.flows[1]!.diagnostics, a1.flows[1]!.diagnostics, 'a block with diagnostics is checked again');
    assert.deepEqual(
      a2.flows[1]!.diagnostics.map((d) => [d.code, d.range.start.line]),
      a1.flows[1]!.diagnostics.map((d) => [d.code, d.range.start.line]),
    );
  });
});
