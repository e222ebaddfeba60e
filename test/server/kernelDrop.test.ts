/** The language server on what a kernel does on purpose (`dropped "reason"`, `S resets`), over JSON-RPC. */
import assert from 'node:assert/strict';
import type { CompletionItem, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient.js';

const pos = (line: number, character: number) => ({ line, character });
const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const FLOW = [
  'stack linux',
  'client C',
  'server S',
  'C -> S: SYN seq=x',
  'S -> C: SYN ACK seq=y ack=x+1',
  'C  ->  S: ACK seq=x+1 ack=y+1   dropped   "accept *queue* full"',
  'C -> S: PSH ACK seq=x+1 ack=y+1 len=5 @d1',
  'arrives d1 dropped "TCP_DEFER_ACCEPT"',
  'S resets "accept queue full"',
  'S -> C: RST seq=y+1',
  'C -> S: ACK seq=x+1 ack=y+1 ',
  'arrives d1 ',
].join('\n');

describe('language server: dropped by the kernel, and the kernel’s reset', function () {
  this.timeout(20_000);
  let c: TestClient;
  let diagnostics: Diagnostic[];
  const uri = 'file:///kernelDrop.tcpflow';
  const hover = async (line: number, ch: number): Promise<string> =>
    hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(line, ch) }));
  before(async () => {
    c = new TestClient();
    await c.initialize();
    diagnostics = await c.open(uri, FLOW);
  });
  after(async () => c.stop());

  it('checks the flow with no error: the server stays SYN_RECEIVED until its kernel resets the connection', () => {
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 1 && d.range.start.line < 10).map((d) => d.code),
      [],
    );
  });

  it('hovers a dropped segment: whose kernel dropped it, the reason as plain text, and no state change', async () => {
    const s = await hover(5, 1);
    assert.match(s, /\*\*C → S\*\* `ACK` seq=x\+1 ack=y\+1 — dropped by S's kernel/);
    assert.match(s, /reason: accept \\\*queue\\\* full/);
    assert.match(s, /S's TCP never saw it, so its state does not change and it owes nothing/);
    assert.match(s, /\| S \| SYN_RECEIVED \| SYN_RECEIVED \|/);
  });

  it('hovers an arrival its kernel drops', async () => {
    const s = await hover(7, 2);
    assert.match(s, /dropped by S's kernel \(reason: TCP\\_DEFER\\_ACCEPT\)/);
  });

  it('hovers the kernel’s reset: not the application, a RST, then CLOSED', async () => {
    const s = await hover(8, 3);
    assert.match(s, /S: SYN_RECEIVED → CLOSED/);
    assert.match(s, /S's kernel resets the connection, not its application/);
    assert.match(s, /reason: accept queue full/);
  });

  it("offers 'dropped' after a segment's fields and after 'arrives <label>'", async () => {
    const seg = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(10, 28) });
    const dropped = seg.find((i) => i.label === 'dropped');
    assert.ok(dropped, seg.map((i) => i.label).join(' '));
    assert.equal(dropped.insertText, 'dropped "${1:accept queue full}"');
    const arr = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(11, 11) });
    assert.deepEqual(
      arr.map((i) => i.label),
      ['dropped'],
    );
  });

  it("offers 'resets' among an endpoint's calls", async () => {
    const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(8, 2) });
    assert.ok(items.some((i) => i.label === 'resets'));
  });

  it("Format Document keeps 'dropped' and its reason", async () => {
    const edits = await c.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const line5 = edits.find((e) => e.range.start.line === 5);
    assert.equal(line5?.newText, 'C -> S: ACK seq=x+1 ack=y+1 dropped "accept *queue* full"');
  });
});
