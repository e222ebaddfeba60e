/**
 * The markdown-it plugin on real Markdown (the study note with a whole handshake chapter), and
 * its output drawn by dist/markdown-preview.js in Chromium, as VS Code's Markdown preview does:
 * with the package's one Mermaid, dist/mermaid.js, as a script of its own, both loaded async.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import type { Browser } from 'playwright-core';
import { DEFAULT_CHECK_SETTINGS, type CheckSettings, type Lang } from '../../src/core/index.js';
import { tcpflowPlugin } from '../../src/extension/markdownIt.js';
import { launch, serve } from '../helpers/browser.js';

function render(md: string, showStates = true, settings: CheckSettings = DEFAULT_CHECK_SETTINGS, lang: Lang = 'en', showOptions = false): string {
  const it = new MarkdownIt();
  tcpflowPlugin(it, { showStates: () => showStates, showOptions: () => showOptions, lang: () => lang, settings: () => settings });
  return it.render(md);
}

describe('Markdown: ```tcpflow blocks', function () {
  this.timeout(60_000);

  it('turns each block of the study note into our own container with the checked diagram', () => {
    const html = render(readFileSync('examples/study-note.md', 'utf8'));
    assert.equal((html.match(/<div class="tcpflow-md"/g) ?? []).length, 2);
    assert.doesNotMatch(html, /class="mermaid"/, 'not the class VS Code renders itself');
    assert.match(html, /P1-&gt;&gt;P2: SYN seq=x/);
    assert.match(html, /Note right of P2: LAST_ACK/);
    assert.match(html, /<h2>Closing<\/h2>/);
    assert.doesNotMatch(html, /tcpflow-md-errors/);
  });

  it("lists errors with the Markdown file's line numbers and marks the segment", () => {
    const html = render('# x\n\n```tcpflow\nclient C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+4\n```\n');
    assert.match(html, /<ul class="tcpflow-md-errors"><li>line 7: TF402 ack=x\+4 acknowledges more than S has received/);
    assert.match(html, /rect rgba\(220, 38, 38, 0\.18\)/);
  });

  it('checks with the stack and MSL the settings name, read at every render', () => {
    const note = '```tcpflow\npeer A state TIME_WAIT\npeer T raw\nT -> A: RST seq=1\nA is CLOSED\n```\n';
    assert.doesNotMatch(render(note), /tcpflow-md-errors/, 'RFC 9293: the RST ends TIME_WAIT');
    assert.match(render(note, true, { stack: 'freebsd', mslSeconds: 0 }), /<li>line 5: TF500 A is TIME_WAIT here, not CLOSED/);
    const waiting =
      '```tcpflow\nclient C state ESTABLISHED\nserver S state ESTABLISHED\nC -> S: FIN ACK seq=u ack=v\nS -> C: ACK seq=v ack=u+1\nS -> C: FIN ACK seq=v ack=u+1\nC -> S: ACK seq=u+1 ack=v+1\nwait 30s\nC is TIME_WAIT\n```\n';
    assert.doesNotMatch(render(waiting), /TF500/);
    assert.match(render(waiting, true, { stack: 'rfc9293', mslSeconds: 10 }), /line 9: TF500 C is CLOSED here, not TIME_WAIT/, '2×MSL = 20 s is over');
  });

  it('draws the TCP options when tcpflow.preview.showOptions is on', () => {
    const md = ['```tcpflow', 'client C', 'server S', 'C -> S: SYN seq=x sackOK ts=100 ecr=0', '```'].join('\n');
    assert.doesNotMatch(render(md), /SACK-OK/);
    assert.match(render(md, true, DEFAULT_CHECK_SETTINGS, 'en', true), /P1-&gt;&gt;P2: SYN seq=x SACK-OK TS 100\/0/);
  });

  it("speaks Korean: error lines and the diagram's own words", () => {
    const html = render(
      '```tcpflow\nclient C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN seq=y\n& C -> S: SYN ACK seq=x ack=y+1\nwait 2s\n```\n',
      true,
      DEFAULT_CHECK_SETTINGS,
      'ko',
    );
    assert.match(html, /<li>6행: TF\d+ [^<]*[가-힣]/);
    assert.match(html, /par 엇갈려 전송 중/);
    assert.match(html, /Note over P1,P2: 대기 2 s/);
  });

  it('leaves other fences alone and escapes hostile text', () => {
    const html = render('```js\nlet a = 1;\n```\n\n```tcpflow\ntitle </pre><script>alert(1)</script>\nA -> B: SYN\n```\n');
    assert.match(html, /<pre><code class="language-js">let a = 1;/);
    assert.doesNotMatch(html, /<script>/);
  });

  describe('drawn by the Markdown preview script', () => {
    let browser: Browser;
    let server: Server;
    let origin: string;
    const pages = new Map<string, string>();
    before(async () => {
      ({ server, origin } = await serve(resolve(__dirname, '../..'), pages));
      browser = await launch();
    });
    after(async () => {
      await browser?.close();
      server?.close();
    });

    /** The preview scripts as package.json lists them, each `<script async>` as VS Code writes them. */
    const previewScripts = (): string => {
      const listed = (JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { 'markdown.previewScripts': string[] } }).contributes[
        'markdown.previewScripts'
      ];
      assert.deepEqual(listed, ['./dist/mermaid.js', './dist/markdown-preview.js']);
      return listed.map((s) => `<script async src="${s.slice(1)}"></script>`).join('');
    };

    it('draws an SVG for each block, and again after an update', async () => {
      const body = render(readFileSync('examples/study-note.md', 'utf8'));
      pages.set(
        '/note.html',
        `<!DOCTYPE html><html><head><link rel="stylesheet" href="/media/markdown-preview.css"></head><body class="vscode-light">${body}${previewScripts()}</body></html>`,
      );
      const p = await browser.newPage();
      await p.goto(`${origin}/note.html`);
      await p.waitForFunction(() => document.querySelectorAll('.tcpflow-md-diagram svg').length === 2);
      assert.deepEqual(await p.$$eval('.tcpflow-md-diagram svg text.messageText', (t) => t.slice(0, 3).map((x) => x.textContent)), [
        'SYN seq=x',
        'SYN+ACK seq=y ack=x+1',
        'ACK seq=x+1 ack=y+1',
      ]);
      // VS Code replaces the content and fires this event on every edit.
      await p.evaluate((html) => {
        document.body.innerHTML = html;
        window.dispatchEvent(new Event('vscode.markdown.updateContent'));
      }, render('```tcpflow\nA -> B: SYN\n```\n'));
      await p.waitForFunction(() => document.querySelectorAll('.tcpflow-md-diagram svg').length === 1);
      await p.screenshot({ path: resolve(__dirname, '../webview/screenshots/markdown-note.png'), fullPage: true });
      await p.close();
    });

    it('draws blocks the plugin did not see, escaping their text', async () => {
      // Plain markdown-it, as VS Code renders a fence it has no plugin for; VS Code adds data-line to the <code>.
      const body = new MarkdownIt()
        .render(
          '# x\n\n```tcpflow\ntitle </pre><img src=x onerror=window.__pwned=1>\nclient C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+4\n```\n',
        )
        .replace('<code class="', '<code data-line="2" class="code-line ');
      pages.set('/plain.html', `<!DOCTYPE html><html><body class="vscode-light">${body}${previewScripts()}</body></html>`);
      const p = await browser.newPage();
      await p.goto(`${origin}/plain.html`);
      await p.waitForFunction(() => document.querySelectorAll('.tcpflow-md-diagram svg').length === 1);
      assert.deepEqual(await p.$$eval('.tcpflow-md-diagram svg text.messageText', (t) => t.map((x) => x.textContent)), [
        'SYN seq=x',
        'SYN+ACK seq=y ack=x+4 ✗ x+1',
      ]);
      assert.match((await p.textContent('ul.tcpflow-md-errors'))!, /^line 8: TF402 ack=x\+4 acknowledges more than S has received/);
      assert.equal(await p.$$eval('img', (x) => x.length), 0);
      assert.equal(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
      await p.close();
    });

    it('carries no Mermaid of its own: waits for dist/mermaid.js, whichever script runs first', async () => {
      const body = render('```tcpflow\nclient C\nserver S\nC -> S: SYN seq=x\n```\n');
      pages.set('/late.html', `<!DOCTYPE html><html><body class="vscode-light">${body}<script src="/dist/markdown-preview.js"></script></body></html>`);
      const p = await browser.newPage();
      await p.goto(`${origin}/late.html`);
      // Our script has run (the load event waits for it): without Mermaid it has drawn nothing and kept the text.
      assert.equal(await p.$$eval('.tcpflow-md-diagram', (x) => x.length), 0);
      assert.equal(await p.isVisible('pre.tcpflow-md-source'), true);
      assert.equal(await p.$eval('div.tcpflow-md', (b) => b.dataset['error'] ?? ''), '');
      await p.addScriptTag({ url: '/dist/mermaid.js' });
      await p.waitForFunction(() => document.querySelectorAll('.tcpflow-md-diagram svg').length === 1);
      assert.deepEqual(await p.$$eval('.tcpflow-md-diagram svg text.messageText', (t) => t.map((x) => x.textContent)), ['SYN seq=x']);
      await p.close();
    });
  });
});
