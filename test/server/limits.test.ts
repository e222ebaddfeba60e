/**
 * The language server's limits, over JSON-RPC on the real stdio server: a document over the size
 * limit gets one diagnostic (and the preview the same message) instead of minutes of work; at
 * most 1,000 diagnostics per document, the last saying how many were left out; a small document
 * is not held up behind a large one; a bad Content-Length from the client is reported and
 * skipped instead of wedging the server.
 */
import assert from 'node:assert/strict';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EDITOR_LIMITS } from '../../src/core/index.js';
import type { Diagram } from '../../src/shared/previewProtocol.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse } from '../../src/server/analysis.js';
import { DEFAULT_SETTINGS } from '../../src/server/settings.js';
import { TestClient } from '../helpers/lspClient.js';

const HANDSHAKE = 'client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+1\nC -> S: ACK seq=x+1 ack=y+1\n';

describe('language server limits (JSON-RPC over stdio)', function () {
  this.timeout(60_000);
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    await c.initialize();
  });
  after(async () => c.stop());

  it('a document over the size limit: one TF900, and the preview says the same', async () => {
    const uri = 'file:///huge.tcpflow';
    const line = 'C -> S: ACK seq=x+1 ack=y+1 "a long payload that fills the line up"\n';
    const text = HANDSHAKE + line.repeat(Math.ceil(EDITOR_LIMITS.maxChars / line.length) + 10);
    const d = await c.open(uri, text);
    assert.equal(d.length, 1);
    assert.equal(d[0]!.code, 'TF900');
    assert.deepEqual(d[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(d[0]!.message, /tcpflow checks and draws documents of up to 2,000,000 characters/);
    const diagram = await c.request<Diagram | null>('tcpflow/diagram', { uri, showStates: true });
    assert.equal(diagram?.tooLarge, d[0]!.message);
    assert.equal(diagram?.mermaid, '');
    // Edits keep the one diagnostic, answered at once.
    const v = await c.change(uri, 'x', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(
      (await c.diagnostics(uri, v)).diagnostics.map((x) => x.code),
      ['TF900'],
    );
  });

  it('at most 1,000 diagnostics, errors first, the last saying how many were left out', async () => {
    const uri = 'file:///many.tcpflow';
    const text = `${HANDSHAKE}${'C -> S: SYM\n'.repeat(1500)}C is CLOSED\n`;
    const d = await c.open(uri, text);
    assert.equal(d.length, EDITOR_LIMITS.maxDiagnostics);
    const last = d[d.length - 1]!;
    assert.equal(last.code, 'TF901');
    assert.match(
      last.message,
      /^\d+ more diagnostics are not shown \(\d+ errors, \d+ warnings\): tcpflow shows at most 1000 per document, the errors first\.$/,
    );
    assert.ok(
      d.slice(0, -1).every((x) => x.severity === 1),
      'the errors are kept first',
    );
    const ko = new TestClient();
    await ko.initialize('ko');
    const dk = await ko.open(uri, text).finally(() => ko.stop());
    assert.match(dk[dk.length - 1]!.message, /^진단 \d+개를 더 표시하지 않았습니다/);
  });

  it('a small document is checked before a large one opened just before it', async () => {
    const big = 'file:///big-but-allowed.tcpflow';
    const small = 'file:///small.tcpflow';
    const line = 'C -> S: ACK seq=x+1 ack=y+1\n';
    const order: string[] = [];
    const seen = (p: PublishDiagnosticsParams): void => void order.push(p.uri);
    const waits = [c.diagnostics(big, 1).then(seen), c.diagnostics(small, 1).then(seen)];
    await c.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri: big, languageId: 'tcpflow', version: 1, text: HANDSHAKE + line.repeat(40_000) },
    });
    await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'tcpflow', version: 1, text: HANDSHAKE } });
    await Promise.all(waits);
    assert.deepEqual(order, [small, big]);
  });

  it('a bad Content-Length is reported and skipped; the messages after it are answered', async () => {
    for (const bad of [
      'Content-Length: abc\r\n\r\n{}',
      'Content-Length: -5\r\n\r\n{}',
      'Content-Length: 99999999999\r\n\r\n{}',
      'Content-Type: x\r\n\r\n{}',
      'Content-Length: 2\r\n\r\n{"jsonrpc":"2.0","id":99,"method":"shutdown"}',
    ]) {
      const s = new TestClient();
      const stderr = new Promise<void>((resolve) => s.proc.stderr!.on('data', () => /malformed input from the client/.test(s.stderr) && resolve()));
      s.proc.stdin!.write(bad);
      const r = await s.initialize();
      assert.ok(r.capabilities['hoverProvider'], bad);
      const d: Diagnostic[] = await s.open('file:///after.tcpflow', `${HANDSHAKE}C is CLOSED\n`);
      assert.deepEqual(
        d.map((x) => x.code),
        ['TF500'],
        bad,
      );
      await stderr;
      assert.match(s.stderr, /tcpflow: malformed input from the client \(.+\): skipped to the next Content-Length header/);
      await s.stop();
    }
  });

  it('an edit in one ```tcpflow block of a note re-checks only that block', () => {
    const block = (extra: string): string => `\`\`\`tcpflow\n${HANDSHAKE}${extra}\`\`\`\n`;
    const v1 = TextDocument.create('file:///note.md', 'markdown', 1, `# A\n\n${block('')}\nprose\n\n${block('')}`);
    const a1 = analyse(v1, DEFAULT_SETTINGS);
    const v2 = TextDocument.update(v1, [{ range: { start: { line: 18, character: 0 }, end: { line: 18, character: 0 } }, text: 'C is CLOSED\n' }], 2);
    const a2 = analyse(v2, DEFAULT_SETTINGS, a1);
    assert.equal(a2.flows.length, 2);
    assert.equal(a2.flows[0]!.result, a1.flows[0]!.result, 'the first block is not checked again');
    assert.notEqual(a2.flows[1]!.result, a1.flows[1]!.result);
    assert.deepEqual(
      a2.flows[1]!.result.diagnostics.map((d) => d.code),
      ['TF500'],
    );
  });
});
