/**
 * Hostile and malformed requests over JSON-RPC on the real stdio server: positions and ranges
 * past the end, negative or absurd numbers, missing or mistyped parameters, edits past the end of
 * a document. Each is answered (empty, or with an error response) and the server keeps serving.
 */
import assert from 'node:assert/strict';
import type { CompletionItem, Hover } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lspClient.js';

const HANDSHAKE = 'client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+1\nC -> S: ACK seq=x+1 ack=y+1\n';
const BIG = 1e15;

describe('language server: hostile requests (JSON-RPC over stdio)', function () {
  this.timeout(20_000);
  let c: TestClient;
  const uri = 'file:///hostile.tcpflow';
  const note = 'file:///hostile.md';
  before(async () => {
    c = new TestClient();
    await c.initialize();
    await c.open(uri, HANDSHAKE);
    await c.open(note, `# A\n\n\`\`\`tcpflow\n${HANDSHAKE}\`\`\`\n`, 'markdown');
  });
  after(async () => c.stop());

  /** Sends a request and returns its answer, or the error it was answered with. */
  const answer = (method: string, params: unknown): Promise<unknown> => c.request(method, params).catch((e: unknown) => e);

  const positions: unknown[] = [
    { line: -1, character: 0 },
    { line: BIG, character: BIG },
    { line: 2, character: BIG },
    { line: 0.5, character: 1 },
    { line: '2', character: '3' },
    null,
    undefined,
    { line: null },
    'x',
  ];

  it('answers every feature at positions past the end, negative, fractional or not numbers at all', async () => {
    for (const doc of [uri, note]) {
      for (const position of positions) {
        const td = { textDocument: { uri: doc }, position };
        for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/prepareRename']) {
          const r = await answer(method, td);
          assert.ok(!(r instanceof Error), `${method} ${JSON.stringify(position)}: ${String(r)}`);
        }
        assert.deepEqual(await answer('textDocument/references', { ...td, context: { includeDeclaration: true } }), []);
        assert.equal(await answer('textDocument/rename', { ...td, newName: 'Host' }), null);
      }
    }
  });

  it('answers inlay hints for ranges past the end, inverted or malformed', async () => {
    for (const range of [
      { start: { line: 0, character: 0 }, end: { line: BIG, character: BIG } },
      { start: { line: 4, character: 0 }, end: { line: 0, character: 0 } },
      { start: { line: -5, character: -1 } },
      null,
      'all',
    ]) {
      const r = await answer('textDocument/inlayHint', { textDocument: { uri }, range });
      assert.ok(Array.isArray(r), `${JSON.stringify(range)}: ${String(r)}`);
    }
  });

  it('answers requests without a document, for a document never opened, or with parameters of the wrong type', async () => {
    for (const params of [
      {},
      { textDocument: {} },
      { textDocument: { uri: 42 } },
      { textDocument: { uri: 'file:///never-opened.tcpflow' } },
      { textDocument: null },
    ]) {
      for (const method of [
        'textDocument/documentSymbol',
        'textDocument/foldingRange',
        'textDocument/formatting',
        'textDocument/hover',
        'textDocument/completion',
      ]) {
        const r = await answer(method, { ...params, position: { line: 0, character: 0 } });
        assert.ok(r === null || Array.isArray(r), `${method} ${JSON.stringify(params)}: ${String(r)}`);
      }
    }
    assert.equal(await answer('tcpflow/diagram', { showStates: true }), null);
    const d = (await answer('tcpflow/diagram', { uri, showStates: 'yes', cursorLine: BIG })) as { mermaid?: string };
    assert.match(d.mermaid ?? '', /sequenceDiagram/);
    const rename = await answer('textDocument/rename', { textDocument: { uri }, position: { line: 2, character: 0 }, newName: 42 });
    assert.ok(rename instanceof Error && /newName is not a string/.test(rename.message), String(rename));
    for (const context of [
      undefined,
      { diagnostics: 'x' },
      { diagnostics: [null, { source: 'tcpflow', data: { fixes: 'no' } }, { source: 'tcpflow', data: { fixes: [null, { title: 1 }] } }] },
    ]) {
      assert.deepEqual(
        await answer('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context,
        }),
        [],
      );
    }
  });

  it('takes edits past the end of the document and keeps checking', async () => {
    const u = 'file:///edits.tcpflow';
    await c.open(u, HANDSHAKE);
    const v = await c.change(u, 'C is CLOSED\n', { start: { line: 1000, character: 1000 }, end: { line: BIG, character: BIG } });
    assert.deepEqual(
      (await c.diagnostics(u, v)).diagnostics.filter((x) => x.severity === 1).map((x) => x.code),
      ['TF500'],
    );
    // An edit for a document that is not open, and a didOpen without text, are ignored.
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///not-open.tcpflow', version: 2 }, contentChanges: [{ text: 'x' }] });
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///no-text.tcpflow', languageId: 'tcpflow', version: 1 } });
  });

  it('keeps serving after all of it', async () => {
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } });
    assert.ok(h && JSON.stringify(h.contents).includes('SYN_RECEIVED'));
    const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 0 } });
    assert.ok(items.some((i) => i.label === 'client'));
    assert.equal(c.proc.exitCode, null, 'the server is alive');
    assert.doesNotMatch(c.stderr, /Uncaught|FATAL/);
  });
});
