/**
 * Names from the user's file, over JSON-RPC on the real stdio server: participants named like
 * what every JavaScript object inherits (`constructor`, `toString`…) work in every feature, and
 * rename refuses a new name that is not a name, is a keyword of the language, or is taken.
 */
import assert from 'node:assert/strict';
import type { CompletionItem, Hover, InlayHint, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../helpers/flow.js';
import { TestClient } from '../helpers/lspClient.js';

const pos = (line: number, character: number) => ({ line, character });
const hoverText = (h: Hover | null): string => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
const HANDSHAKE = [
  'client Client',
  'server Server',
  'Client -> Server: SYN seq=x',
  'Server -> Client: SYN ACK seq=y ack=x+1',
  'Client -> Server: ACK seq=x+1 ack=y+1',
  'Client is CLOSED',
  '',
].join('\n');

describe('language server: names from the file (JSON-RPC over stdio)', function () {
  this.timeout(20_000);
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    await c.initialize();
  });
  after(async () => c.stop());

  for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
    it(`serves every feature for a participant named ${name}`, async () => {
      const uri = `file:///${name}.tcpflow`;
      const text = [
        `client ${name}`,
        'server S',
        `${name} -> S: SYN seq=x`,
        `S -> ${name}: SYN ACK seq=y ack=x+1`,
        `${name} -> S: ACK seq=x+1 ack=y+1`,
        `${name} is ESTABLISHED`,
        `${name} -> S: `,
        '',
      ].join('\n');
      const d = await c.open(uri, text);
      assert.ok(d.every((x) => x.source === 'tcpflow'));
      // Completion after the name, after a claim (a step that owes nothing): what it may send in ESTABLISHED, with the numbers a real TCP uses.
      const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(6, name.length + 7) });
      const sorted = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
      assert.equal(
        sorted[0]!.label,
        'ACK',
        sorted
          .slice(0, 3)
          .map((i) => `${i.label} ${i.detail}`)
          .join(' '),
      );
      assert.match(sorted[0]!.detail ?? '', new RegExp(`^${name} ESTABLISHED`));
      assert.ok(items.some((i) => i.label === 'seq=x+1') && items.some((i) => i.label === 'ack=y+1'));
      // Completion of a new line offers the name.
      const start = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(7, 0) });
      assert.ok(start.some((i) => i.label === name));
      const h = hoverText(await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos(4, 2) }));
      assert.match(h, new RegExp(`\\| ${name} \\| ESTABLISHED \\| ESTABLISHED \\|`));
      assert.match(h, /\| S \| SYN_RECEIVED \| ESTABLISHED \|/);
      const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: pos(0, 0), end: pos(7, 0) } });
      assert.ok(hints.some((x) => String(x.label).includes(`${name}: SYN_SENT → ESTABLISHED`)));
      const def = await c.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: pos(3, 8) });
      assert.deepEqual(def?.range, { start: pos(0, 7), end: pos(0, 7 + name.length) });
      const edit = await c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: pos(2, 1), newName: 'Host' });
      assert.ok(edit.changes![uri]!.length >= 4);
    });
  }

  it('completes after a name that is no participant, even one every object has', async () => {
    const uri = 'file:///undeclared.tcpflow';
    await c.open(uri, HANDSHAKE);
    for (const name of ['constructor', 'toString', 'valueOf']) {
      await c.change(uri, `${name} -> Server: `, { start: pos(6, 0), end: pos(6, 100) });
      const items = await c.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: pos(6, name.length + 12) });
      assert.ok(
        items.some((i) => i.label === 'SYN'),
        name,
      );
    }
  });

  describe('rename', () => {
    const uri = 'file:///rename.tcpflow';
    before(async () => c.open(uri, HANDSHAKE));
    const renameTo = (newName: string) => c.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: pos(2, 2), newName });

    it('refuses a keyword: `title` would turn the claim `Client is CLOSED` into the title', async () => {
      await assert.rejects(renameTo('title'), (e: Error) => {
        assert.match(e.message, /'title' is a keyword of the language/);
        return true;
      });
    });

    for (const keyword of ['note', 'wait', 'stack', 'client', 'server', 'peer', 'connection', 'arrives', 'is', 'close', 'listen', 'as', 'state', 'raw']) {
      it(`refuses the keyword '${keyword}'`, async () => {
        await assert.rejects(renameTo(keyword), /is a keyword of the language/);
      });
    }

    it('refuses what is not a name, and a name another participant has', async () => {
      for (const bad of ['not a name', '1st', '', 'a-b', 'x+1']) await assert.rejects(renameTo(bad), /is not a name/, bad);
      await assert.rejects(renameTo('Server'), /'Server' is already a name in this flow/);
    });

    it('renames to a name that is fine, keywords that are not whole words included', async () => {
      for (const good of ['Title', 'notes', 'clientA']) {
        const edit = await renameTo(good);
        assert.match(applyEdits(HANDSHAKE, edit.changes![uri]!), new RegExp(`^${good} is CLOSED$`, 'm'));
      }
    });

    it('refuses a keyword for a label, a connection and a symbol too', async () => {
      const u = 'file:///rename-others.tcpflow';
      await c.open(u, ['client C', 'server S', 'connection c1', 'C -> S: SYN seq=x @d1', 'arrives d1', ''].join('\n'));
      for (const [line, character] of [
        [3, 19],
        [2, 12],
        [3, 16],
      ] as const) {
        await assert.rejects(
          c.request('textDocument/rename', { textDocument: { uri: u }, position: pos(line, character), newName: 'is' }),
          /is a keyword of the language/,
        );
      }
    });
  });
});
