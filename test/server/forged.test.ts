/** The language server on forged segments (`Attacker as C -> S`), over JSON-RPC. */
import assert from 'node:assert/strict';
import type { CompletionItem, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient.js';

const pos = (line: number, character: number) => ({ line, character });
const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const FLOW = [
  'client C',
  'server S',
  'C -> S: SYN seq=x',
  'S -> C: SYN ACK seq=y ack=x+1',
  'C -> S: ACK seq=x+1 ack=y+1',
  'Attacker   as C  ->  S: RST seq=x+100',
  'S -> C: ACK seq=y+1 ack=x+1',
  'Attacker as ',
  'Attacker as C -> ',
].join('\n');

describe('language server: forged segments', function () {
  this.timeout(20_000);
  let c: TestClient;
  let diagnostics: Diagnostic[];
  const uri = 'file:///forged.tcpflow';
  before(async () => {
    c = new TestClient();
    await c.initialize();
    diagnostics = await c.open(uri, FLOW);
  });
  after(async () => c.stop());

  it('checks the forged line without an error: S owes and sends the challenge ACK', () => {
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 1 && d.range.start.line < 7).map((d) => d.code),
      [],
    );
  });

  it('hovers the forged line: who forged it, whose addresses, and both endpoints', async () => {
    const s = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(5, 2) }));
    assert.match(s, /\*\*Attacker → S\*\* `RST`/);
    assert.match(s, /forged: Attacker, a third party with no connection of its own, sends it with C's addresses/);
    assert.match(s, /Owes \(S\): ACK/);
    assert.match(s, /\| S \| ESTABLISHED \| ESTABLISHED \|/);
  });

  it("completes the endpoints after 'as', and the receiver after the arrow", async () => {
    const after = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(7, 12) });
    assert.deepEqual(after.map((i) => i.label).sort(), ['C', 'S']);
    const to = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(8, 17) });
    assert.deepEqual(
      to.map((i) => i.label),
      ['S'],
    );
  });

  it("Format Document keeps 'as' and lines the arrow up", async () => {
    const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const line5 = edits.find((e) => e.range.start.line === 5);
    assert.equal(line5?.newText, 'Attacker as C -> S: RST seq=x+100');
  });
});
