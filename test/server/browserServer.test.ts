/**
 * The web extension's language server: dist/browser/server.js in a real Web Worker (headless
 * Chromium), spoken to over JSON-RPC as the web extension's client does — diagnostics while
 * typing, a quick fix, a hover, completion and the preview's diagram, all without Node.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { CodeAction, CompletionItem, Hover } from 'vscode-languageserver-protocol';
import type { Diagram } from '../../src/shared/previewProtocol.js';
import { WorkerClient } from '../helpers/workerClient.js';

const URI = 'file:///web/broken.tcpflow';
const BROKEN = ['client Client', 'server Server', 'Client -> Server: SYN seq=x', 'Server -> Client: SYN ACK seq=y ack=x+5'].join('\n');

describe('language server in a web worker (Chromium)', function () {
  this.timeout(60_000);
  let c: WorkerClient;
  before(async () => {
    assert.ok(existsSync('dist/browser/server.js'), 'run `npm run build` first');
    c = new WorkerClient();
  });
  after(async () => c?.stop());

  it('bundles no Node built-in', () => {
    const code = readFileSync('dist/browser/server.js', 'utf8') + readFileSync('dist/browser/extension.js', 'utf8');
    assert.doesNotMatch(code, /require\("(node:|fs|path|child_process|net|os|crypto)"\)/);
  });

  it('answers initialize, checks while typing, offers the quick fix, hovers, completes and draws', async () => {
    const init = await c.start();
    assert.ok(init.capabilities['codeActionProvider'] && init.capabilities['hoverProvider'] && init.capabilities['completionProvider']);
    const diags = await c.open(URI, BROKEN);
    const tf402 = diags.find((d) => d.code === 'TF402');
    assert.ok(tf402, JSON.stringify(diags));
    assert.match(tf402.message, /ack=x\+5 acknowledges more than Server has received/);

    const actions = (await c.request('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: tf402.range,
      context: { diagnostics: [tf402] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Change to ack=x+1');
    assert.ok(fix?.edit?.changes?.[URI], JSON.stringify(actions.map((a) => a.title)));
    const edit = fix.edit.changes[URI]![0]!;
    const after = await c.change(URI, edit.newText, edit.range);
    assert.equal(after.diagnostics.filter((d) => d.severity === 1).length, 0, 'the fix removes the error');

    const hover = (await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 2, character: 19 } })) as Hover;
    assert.match(JSON.stringify(hover.contents), /SYN_SENT/);
    const items = (await c.request('textDocument/completion', { textDocument: { uri: URI }, position: { line: 3, character: 18 } })) as CompletionItem[];
    assert.ok(items.length > 0);
    const diagram = (await c.request('tcpflow/diagram', { uri: URI, showStates: true, present: true })) as Diagram;
    assert.match(diagram.mermaid, /^sequenceDiagram/);
    assert.equal(diagram.presentation?.steps.length, 2);
  });
});
