/**
 * The language server on the largest documents it checks (just under the 2,000,000-character
 * limit), over JSON-RPC on the real stdio server: no stack overflow (no spread or recursion over a
 * document-sized list), no quadratic path, and one large document never holds up a small one.
 * Waits are for events (an answer, a publishDiagnostics); a quadratic path shows as a wait that
 * never ends within the test's bound (the work it would do is counted in structureWork.test.ts).
 */
import assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, TextEdit } from 'vscode-languageserver-protocol';
import { EDITOR_LIMITS } from '../../src/core/index.js';
import { TestClient } from '../helpers/lspClient.js';

const HANDSHAKE = 'client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+1\nC -> S: ACK seq=x+1 ack=y+1\n';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NAME_CHARS = `${LETTERS}0123456789_`;

/** A distinct three-character label for each i below 52 × 63². */
const label = (i: number): string => {
  const j = Math.floor(i / LETTERS.length);
  return `${LETTERS[i % LETTERS.length]}${NAME_CHARS[Math.floor(j / NAME_CHARS.length)]}${NAME_CHARS[j % NAME_CHARS.length]}`;
};

/** Opens a document without waiting for its diagnostics. */
const openOnly = (c: TestClient, uri: string, text: string, languageId = 'tcpflow'): Promise<void> =>
  c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });

describe('language server: the largest documents (JSON-RPC over stdio)', function () {
  this.timeout(40_000);
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    await c.initialize();
  });
  after(async () => c.stop());

  it('publishes the diagnostics of 160,000 labelled segments still in flight', async () => {
    const uri = 'file:///in-flight.tcpflow';
    const lines = ['peer A state ESTABLISHED', 'peer B state ESTABLISHED'];
    for (let i = 0; i < 160_000; i++) lines.push(`A>B:ACK@${label(i)}`);
    const text = lines.join('\n');
    assert.ok(text.length <= EDITOR_LIMITS.maxChars, 'checked, not refused as too large');
    const d = await c.open(uri, text);
    assert.equal(d.length, EDITOR_LIMITS.maxDiagnostics);
    assert.ok(
      d.some((x) => x.code === 'TF602' && /the segment labelled 'aaa' is still in flight/.test(x.message)),
      'the first in-flight segment is reported',
    );
    assert.equal(d[d.length - 1]!.code, 'TF901');
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('gives the outline and the folds of 200,000 sections', async () => {
    const uri = 'file:///sections.tcpflow';
    await c.open(uri, HANDSHAKE + '== a ==\nC -> S: ACK\n'.repeat(20_000) + '== a ==\n'.repeat(180_000));
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.filter((s) => s.name === 'a').length, 200_000);
    assert.deepEqual(symbols[2]!.range, { start: { line: 5, character: 0 }, end: { line: 6, character: 11 } }, 'a section runs to its last statement');
    const folds = await c.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.equal(folds.length, 20_000, 'each section with a segment folds');
    assert.deepEqual(folds[0], { startLine: 5, endLine: 6, kind: 'region' });
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('formats 160,000 consecutive segment lines, their arrows aligned', async () => {
    const uri = 'file:///format.tcpflow';
    const text = HANDSHAKE + 'C>S:ACK\n'.repeat(160_000);
    await c.open(uri, text);
    const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(edits.length, 160_000);
    for (const e of [edits[0]!, edits[159_999]!]) assert.equal(e.newText, 'C -> S: ACK');
    assert.deepEqual([edits[0]!.range.start.line, edits[159_999]!.range.start.line], [5, 160_004]);
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('gives the outline of 100,000 connection lines', async () => {
    const uri = 'file:///connections.tcpflow';
    const lines = ['client C', 'server S'];
    for (let i = 0; i < 100_000; i++) lines.push(`connection c${i}`);
    await c.open(uri, lines.join('\n'));
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const conns = symbols.filter((s) => s.name.startsWith('connection '));
    assert.equal(conns.length, 100_000);
    assert.equal(conns[99_999]!.name, 'connection c99999');
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it("serves a small document's diagnostics before a large document's outline, folds, hints and diagram", async () => {
    const other = new TestClient();
    await other.initialize();
    try {
      const big = 'file:///big-valid.tcpflow';
      const smallUri = 'file:///small-next-to-big.tcpflow';
      const lines = HANDSHAKE.trimEnd().split('\n');
      for (let seq = 1, len = 0; len < 1_700_000; seq += 10) {
        const l = `C -> S: PSH ACK seq=x+${seq} ack=y+1 len=10`;
        lines.push(l);
        len += l.length + 1;
      }
      const order: string[] = [];
      const note = (what: string) => (): void => void order.push(what);
      const td = { textDocument: { uri: big } };
      // All sent at once, as an editor does when it opens a file: the big document's requests come before the small document.
      const events = [
        other.diagnostics(smallUri, 1).then(note('small diagnostics')),
        other.diagnostics(big, 1).then(note('big diagnostics')),
        openOnly(other, big, lines.join('\n')),
        other.request('textDocument/documentSymbol', td).then(note('big outline')),
        other.request('textDocument/foldingRange', td).then(note('big folds')),
        other
          .request('textDocument/inlayHint', { ...td, range: { start: { line: 0, character: 0 }, end: { line: 50, character: 0 } } })
          .then(note('big hints')),
        other.request('tcpflow/diagram', { uri: big, showStates: true }).then(note('big diagram')),
        openOnly(other, smallUri, `${HANDSHAKE}C is CLOSED\n`),
      ];
      await Promise.all(events);
      // The small document waits at most for one check of the large one (if that began before the
      // small one was read), never for the large one's outline, folds, hints or diagram.
      const small = order.indexOf('small diagnostics');
      assert.ok(
        order.slice(0, small).every((e) => e === 'big diagnostics'),
        order.join(', '),
      );
      assert.ok(order.indexOf('big diagnostics') < order.indexOf('big outline'), `the diagnostics before the features: ${order.join(', ')}`);
    } finally {
      await other.stop();
    }
  });

  it('answers a keystroke in a note of 80,000 empty ```tcpflow blocks', async () => {
    const uri = 'file:///blocks.md';
    const text = `# Many blocks\n\n${'```tcpflow\n```\n'.repeat(80_000)}`;
    assert.deepEqual(await c.open(uri, text, 'markdown'), []);
    // Type a participant into the last block: it alone is checked again.
    const v = await c.change(uri, 'C is CLOSED\n', { start: { line: 2 + 2 * 79_999 + 1, character: 0 }, end: { line: 2 + 2 * 79_999 + 1, character: 0 } });
    const d = (await c.diagnostics(uri, v)).diagnostics;
    assert.ok(d.length > 0 && d.every((x) => x.range.start.line === 2 + 2 * 79_999 + 1), JSON.stringify(d.slice(0, 3)));
    // A line added at the top moves every block: none of them has anything to say, so none is checked again.
    const v2 = await c.change(uri, 'intro\n', { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
    const d2 = (await c.diagnostics(uri, v2)).diagnostics;
    assert.ok(d2.length > 0 && d2.every((x) => x.range.start.line === 2 + 2 * 79_999 + 2), JSON.stringify(d2.slice(0, 3)));
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
});
