/** What the extension accepts from the preview webview (which is not trusted), and the CSP nonce. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromWebview, nonceText, restoredUri, WEBVIEW_COMMANDS } from '../../src/shared/webviewGuards.js';

describe('messages from the preview webview', () => {
  it("commands: only the toolbar's allow-list passes", () => {
    for (const command of WEBVIEW_COMMANDS) assert.deepEqual(fromWebview({ type: 'command', command }), { type: 'command', command });
    for (const command of ['restartServer', 'importCapture', '../workbench.action.terminal.new', 'exportSvg; rm', '', 42, undefined]) {
      assert.equal(fromWebview({ type: 'command', command }), undefined, String(command));
    }
    assert.deepEqual([...WEBVIEW_COMMANDS].sort(), ['copySource', 'exportPng', 'exportSvg', 'toggleLock']);
  });

  it('reveal: only a whole, non-negative line number', () => {
    assert.deepEqual(fromWebview({ type: 'reveal', line: 7 }), { type: 'reveal', line: 7 });
    for (const line of ['7', '7; alert(1)', -1, 1.5, NaN, Infinity, null, undefined, {}, [3]])
      assert.equal(fromWebview({ type: 'reveal', line }), undefined, String(line));
  });

  it("every kind of message the webview's scripts post passes, well formed (present mode too)", () => {
    const samples: Record<string, unknown> = {
      ready: { type: 'ready' },
      reveal: { type: 'reveal', line: 3 },
      rendered: { type: 'rendered', version: 2, ms: 12, arrows: 3 },
      exported: { type: 'exported', format: 'svg', data: '<svg/>' },
      renderError: { type: 'renderError', message: 'x' },
      presenting: { type: 'presenting', on: true },
      presentStep: { type: 'presentStep', line: 5 },
      command: { type: 'command', command: 'exportSvg' },
    };
    const posted = new Set<string>();
    for (const m of readFileSync('src/webview/main.ts', 'utf8').matchAll(/post\(\{ type: '(\w+)'/g)) posted.add(m[1]!);
    for (const type of posted) {
      assert.ok(samples[type], `a sample for '${type}'`);
      assert.deepEqual(fromWebview(samples[type]), samples[type], type);
    }
    assert.equal(fromWebview({ type: 'presenting', on: 'yes' }), undefined);
    assert.equal(fromWebview({ type: 'presentStep', line: -2 }), undefined);
  });

  it('anything else is ignored', () => {
    for (const m of [null, undefined, 'ready', 42, [], {}, { type: 'eval', code: 'x' }, { type: 'exported', format: 'exe', data: '' }, { type: 'rendered' }])
      assert.equal(fromWebview(m), undefined, JSON.stringify(m));
    assert.deepEqual(fromWebview({ type: 'ready', extra: 1 }), { type: 'ready' });
  });
});

describe('a restored preview', () => {
  it('takes the stored URI only when it names a .tcpflow document of a known scheme', () => {
    for (const uri of ['file:///home/me/flow.tcpflow', 'untitled:Untitled-1.tcpflow', 'vscode-remote://ssh-remote+box/home/me/a.TCPFLOW'])
      assert.equal(restoredUri({ uri }), uri);
    for (const state of [
      undefined,
      null,
      'file:///a.tcpflow',
      { uri: 42 },
      { uri: 'file:///etc/passwd' },
      { uri: 'command:workbench.action.terminal.new?x.tcpflow' },
      { uri: 'https://evil.example/a.tcpflow' },
      { uri: 'javascript:alert(1)//.tcpflow' },
      { uri: '/relative/a.tcpflow' },
      { uri: `file:///${'a'.repeat(5000)}.tcpflow` },
    ]) {
      assert.equal(restoredUri(state), undefined, JSON.stringify(state)?.slice(0, 80));
    }
  });
});

describe('the CSP nonce', () => {
  it('is the hex of 16 or more bytes, and the extension takes them from Web Crypto (Node and the web worker alike)', () => {
    assert.equal(nonceText(new Uint8Array(16).fill(255)), 'f'.repeat(32));
    assert.throws(() => nonceText(new Uint8Array(8)));
    const src = readFileSync('src/extension/preview.ts', 'utf8');
    assert.match(src, /nonceText\(globalThis\.crypto\.getRandomValues\(new Uint8Array\(16\)\)\)/);
    assert.doesNotMatch(src, /Math\.random/);
  });
});
