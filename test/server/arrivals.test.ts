/** The language server on labelled segments, arrivals and uncaptured segments, over JSON-RPC. */
import assert from 'node:assert/strict';
import type { CompletionItem, DocumentSymbol, Hover, Location, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient.js';
import { applyEdits } from '../helpers/flow.js';

const pos = (line: number, character: number) => ({ line, character });
const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const FLOW = [
  'peer A state ESTABLISHED',
  'peer B state ESTABLISHED',
  'A -> B: PSH ACK seq=1000 ack=5000 len=100 @d1',
  '? A -> B: FIN ACK seq=1100 ack=5000 @f',
  'B -> A: ACK seq=5000 ack=1000',
  'arrives d1',
  'B -> A: ACK seq=5000 ack=1100',
  'arrives d1',
  'arrives ',
].join('\n');

describe('language server: arrivals', function () {
  this.timeout(20_000);
  let c: TestClient;
  const uri = 'file:///arrivals.tcpflow';
  before(async () => {
    c = new TestClient();
    await c.initialize();
    await c.open(uri, FLOW);
  });
  after(async () => c.stop());

  it('hovers the send line with each arrival and both endpoints there', async () => {
    const s = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(2, 2) }));
    assert.match(s, /\*\*Arrives at line 6\*\*/);
    assert.match(s, /\*\*Arrives at line 8\*\* — a duplicate: it arrived before/);
    assert.match(s, /\| B \| ESTABLISHED \| ESTABLISHED \|/);
    const f = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(3, 4) }));
    assert.match(f, /not in the capture/);
    assert.match(f, /\| A \| ESTABLISHED \| FIN_WAIT_1 \|/);
    assert.match(f, /still in flight at the end/);
  });

  it('hovers an arrives line with the send line and both endpoints when sent and when it arrived', async () => {
    const s = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(5, 2) }));
    assert.match(s, /\*\*d1: A → B\*\* `PSH\+ACK` seq=1000 ack=5000 len=100 — sent on line 3/);
    assert.match(s, /\*\*When it was sent\*\* \(3\)/);
    assert.match(s, /\*\*When it arrived\*\* \(6\)/);
    assert.match(s, /B: `SND\.UNA=5000 SND\.NXT=5000 RCV\.NXT=1100`/, 'B has d1 now');
    assert.match(s, /\| A \| FIN_WAIT_1 \| FIN_WAIT_1 \|/, 'A sent its FIN (still in flight) before d1 arrived');
    const dup = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(7, 2) }));
    assert.match(dup, /sent on line 3; a duplicate/);
    assert.match(dup, /Owes \(B\): ACK/, 'an old segment is answered with a duplicate ACK');
  });

  it('completes the labels sent before the line after arrives, those in flight first', async () => {
    const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(8, 8) });
    const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(
      sorted.map((i) => i.label),
      ['f', 'd1'],
    );
    assert.match(sorted[1]!.detail ?? '', /line 3 \(a duplicate/);
  });

  it('goes from an arrives line to the label, finds its references, and renames it everywhere', async () => {
    const def = await c.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: pos(5, 9) });
    assert.deepEqual(def?.range, { start: pos(2, 43), end: pos(2, 45) });
    const refs = await c.request<Location[]>('textDocument/references', { textDocument: { uri }, position: pos(2, 44), context: { includeDeclaration: true } });
    assert.deepEqual(
      refs.map((r) => r.range.start.line),
      [2, 5, 7],
    );
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: pos(7, 9), newName: 'data1' });
    const renamed = applyEdits(FLOW, edit.changes![uri]!);
    assert.match(renamed, /len=100 @data1\n/);
    assert.equal(renamed.match(/arrives data1/g)?.length, 2);
  });

  it('leaves the outline alone and keeps ?, & and @label when formatting', async () => {
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['A', 'B'],
    );
    const fmt = 'peer A state ESTABLISHED\npeer B state ESTABLISHED\n?   A ->B:ACK  seq=1000 ack=5000 len=10   @d1 # c\narrives d1';
    const u2 = 'file:///fmt-arrivals.tcpflow';
    await c.open(u2, fmt);
    const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: u2 }, options: { tabSize: 2, insertSpaces: true } });
    assert.equal(applyEdits(fmt, edits).split('\n')[2], '? A -> B: ACK seq=1000 ack=5000 len=10 @d1  # c');
  });
});
