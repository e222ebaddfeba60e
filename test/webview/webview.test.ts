/**
 * The preview webview in a real headless Chromium: the same HTML and CSP the extension serves,
 * a stand-in for acquireVsCodeApi, diagrams posted as the extension posts them. Assertions are
 * on the SVG and on the messages the webview posts back. Screenshots go to test/webview/screenshots/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Diagram, FromWebview } from '../../src/shared/previewProtocol.js';
import { DARK, draw, posted, send, previewHarness } from '../helpers/webviewPage.js';
import { diagramOf } from '../helpers/diagram.js';
import { generateFlow } from '../../bench/flows.js';

const ROOT = resolve(__dirname, '../..');
const SHOTS = resolve(__dirname, 'screenshots');

describe('preview webview (Chromium)', function () {
  this.timeout(60_000);
  const preview = previewHarness(ROOT);
  let p: Page;

  before(() => mkdirSync(SHOTS, { recursive: true }));
  beforeEach(async () => {
    p = await preview.open();
  });
  afterEach(async () => p.close());

  it('draws the 3-way handshake: one arrow per segment with labels and the states', async () => {
    const r = await draw(p, diagramOf(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')));
    assert.equal(r.type, 'rendered');
    const messages = await p.$$eval('svg text.messageText', (ts) => ts.map((t) => t.textContent));
    assert.deepEqual(messages, ['SYN seq=x', 'SYN+ACK seq=y ack=x+1', 'ACK seq=x+1 ack=y+1']);
    const notes = await p.$$eval('svg text.noteText', (ts) => ts.map((t) => t.textContent));
    assert.deepEqual(notes, ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'ESTABLISHED']);
    await p.screenshot({ path: `${SHOTS}/handshake-light.png` });
  });

  it("draws with the package's one Mermaid, dist/mermaid.js: a script of its own under the page's nonce", async () => {
    const scripts = await p.$$eval('script[src]', (els) => els.map((e) => [new URL((e as HTMLScriptElement).src).pathname, (e as HTMLScriptElement).nonce]));
    assert.deepEqual(scripts, [
      ['/dist/mermaid.js', 'n0nce'],
      ['/dist/webview.js', 'n0nce'],
    ]);
    const csp = await p.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content') ?? '');
    assert.match(csp, /script-src 'nonce-n0nce'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*unsafe-inline/);
    const r = await draw(p, diagramOf(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')));
    assert.equal(r.type, 'rendered');
    // Built for sequence diagrams only: any other type says so rather than drawing.
    const other = await p.evaluate(async () => {
      const m = (window as unknown as { __tcpflowMermaid: { render(id: string, text: string): Promise<unknown> } }).__tcpflowMermaid;
      return m.render('other', 'flowchart LR\nA-->B').then(
        () => 'drawn',
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
    });
    assert.match(other, /draws sequence diagrams only/);
  });

  it('posts the source line when an arrow or a note is clicked', async () => {
    await draw(p, diagramOf(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')));
    await p.locator('svg text.messageText', { hasText: 'SYN+ACK' }).click();
    await p.locator('svg text.noteText', { hasText: 'SYN_SENT' }).click();
    const reveals = (await posted(p)).filter((m) => m.type === 'reveal');
    assert.deepEqual(reveals, [
      { type: 'reveal', line: 6 },
      { type: 'reveal', line: 5 },
    ]);
  });

  it('marks segments with errors in the error colour, with the message on hover', async () => {
    await draw(p, diagramOf('client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+7'));
    const marked = await p.$$eval('svg text.messageText.tcpflow-error', (ts) =>
      ts.map((t) => [t.firstChild?.textContent, t.querySelector('title')?.textContent, getComputedStyle(t).fill]),
    );
    assert.equal(marked.length, 1);
    assert.equal(marked[0]![0], 'SYN+ACK seq=y ack=x+7 ✗ x+1', 'drawn as written, the expected value beside it');
    assert.match(marked[0]![1]!, /TF402: ack=x\+7 acknowledges more than S has received/);
    assert.equal(marked[0]![2], 'rgb(229, 20, 0)');
    assert.equal(
      await p.$$eval('svg .tcpflow-error', (x) => x.filter((e) => !e.matches('text.messageText, line, path')).length),
      0,
      'state notes are not marked',
    );
    await p.screenshot({ path: `${SHOTS}/error-mark.png` });
  });

  it("highlights the arrow of the cursor's line", async () => {
    await draw(p, diagramOf(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')));
    await send(p, { type: 'highlight', line: 7 });
    await p.waitForSelector('svg text.messageText.tcpflow-current');
    assert.equal(await p.textContent('svg text.messageText.tcpflow-current'), 'ACK seq=x+1 ack=y+1');
  });

  it('keeps the last good diagram under a message when the flow has syntax errors', async () => {
    await draw(p, diagramOf(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')));
    await draw(p, diagramOf('client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYM'));
    assert.equal(await p.isVisible('#banner'), true);
    assert.match((await p.textContent('#banner'))!, /1 syntax error — line 4: TF101/);
    assert.ok((await p.$$('svg text.messageText')).length >= 1, 'still a diagram, never a blank pane');
  });

  it('a document over the size limit: no diagram, the banner says why', async () => {
    await draw(p, diagramOf(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')));
    const tooLarge = 'This document has 2,100,000 characters; tcpflow checks and draws documents of up to 2,000,000 characters, so it is not checked.';
    const r = await draw(p, { mermaid: '', elements: [], marks: [], syntaxErrors: 0, segments: 0, tooLarge });
    assert.equal(r.type, 'rendered');
    assert.equal(await p.textContent('#banner'), tooLarge);
    assert.equal(await p.$('svg'), null);
    assert.equal(
      (await posted(p)).some((m) => m.type === 'renderError'),
      false,
    );
  });

  it('says it in Korean when VS Code speaks Korean', async () => {
    await p.goto(`${preview.origin()}/preview-ko.html`);
    await p.waitForFunction(() => (window as unknown as { __posted: FromWebview[] }).__posted.some((m) => m.type === 'ready'));
    await draw(p, diagramOf(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')));
    await draw(p, diagramOf('client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYM', true, undefined, 'ko'));
    assert.match((await p.textContent('#banner'))!, /^구문 오류 1개 — 4행: TF101: 알 수 없는 플래그 'SYM'입니다/);
    assert.equal(await p.getAttribute('#zoom-fit', 'title'), '너비에 맞추기');
  });

  it('does not re-render when the Mermaid text did not change', async () => {
    const d = diagramOf(readFileSync('examples/three-way-handshake.tcpflow', 'utf8'));
    await draw(p, d);
    const again = await draw(p, d);
    assert.deepEqual(again.type === 'rendered' ? again.ms : -1, 0);
  });

  it('follows the theme: a dark theme re-renders in dark colours', async () => {
    await draw(p, diagramOf(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')));
    const before = await p.$eval('svg text.messageText', (t) => getComputedStyle(t).fill);
    const count = (await posted(p)).filter((m) => m.type === 'rendered').length;
    await p.evaluate((dark) => {
      document.documentElement.setAttribute('style', dark);
      document.body.className = 'vscode-dark';
    }, DARK);
    await p.waitForFunction((n) => (window as unknown as { __posted: FromWebview[] }).__posted.filter((m) => m.type === 'rendered').length > n, count);
    const after = await p.$eval('svg text.messageText', (t) => getComputedStyle(t).fill);
    assert.notEqual(after, before);
    assert.equal(after, 'rgb(212, 212, 212)');
    await p.screenshot({ path: `${SHOTS}/handshake-dark.png` });
  });

  it('runs nothing from a hostile flow and still draws it', async () => {
    const evil = [
      '<script>window.__pwned=1</script>',
      '<img src=x onerror="window.__pwned=2">',
      '%%{init: {"securityLevel":"loose","theme":"forest"}}%%',
      'click P1 call alert(1)',
      '<a href="javascript:window.__pwned=3">x</a>',
    ];
    const flow = [
      `title ${evil[0]}`,
      `client C as "${evil[1]!.replace(/"/g, '\\"')}"`,
      'server S',
      `note over C: ${evil[2]}`,
      `== ${evil[3]} ==`,
      `C -> S: SYN "${evil[4]!.replace(/"/g, '\\"')}"`,
      'S -> C: SYN ACK',
      'C -> S: ACK',
    ].join('\n');
    const r = await draw(p, diagramOf(flow));
    assert.equal(r.type, 'rendered');
    await p.locator('svg text.messageText').first().click();
    assert.equal(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await p.$$eval('#canvas script, #canvas img, #canvas a[href^="javascript"], #canvas [onerror]', (x) => x.length), 0);
    assert.equal((await p.$$('svg text.messageText')).length, 3);
    const text = (await p.textContent('#canvas'))!;
    assert.ok(text.includes('<script>window.__pwned=1</script>') || text.includes('script'), 'the text is shown as text');
    await p.screenshot({ path: `${SHOTS}/hostile.png` });
  });

  it('exports a valid SVG and a PNG', async () => {
    await draw(p, diagramOf(readFileSync('examples/simultaneous-open.tcpflow', 'utf8')));
    await send(p, { type: 'export', format: 'svg', background: 'white' });
    const svgMsg = (await (
      await p.waitForFunction(() => (window as unknown as { __posted: FromWebview[] }).__posted.find((m) => m.type === 'exported' && m.format === 'svg'))
    ).jsonValue()) as { data: string };
    const parsed = await p.evaluate((s) => {
      const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
      return {
        error: doc.querySelector('parsererror')?.textContent ?? null,
        root: doc.documentElement.nodeName,
        arrows: doc.querySelectorAll('text.messageText').length,
      };
    }, svgMsg.data);
    assert.deepEqual(parsed, { error: null, root: 'svg', arrows: 4 });
    await send(p, { type: 'export', format: 'png', background: 'white' });
    const pngMsg = (await (
      await p.waitForFunction(() => (window as unknown as { __posted: FromWebview[] }).__posted.find((m) => m.type === 'exported' && m.format === 'png'))
    ).jsonValue()) as { data: string };
    const png = Buffer.from(pngMsg.data, 'base64');
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.length > 5000);
  });

  describe('fit and zoom', () => {
    // Long names make a diagram wider than a narrow pane at 100%.
    const wide = (): Diagram =>
      diagramOf(
        'client C as "Client at 192.168.100.200:54321 (a laptop)"\nserver S as "Server at 203.0.113.250:443 (the web server)"\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+1\nC -> S: ACK seq=x+1 ack=y+1',
      );
    const zoomLevel = (p: Page): Promise<string> => p.textContent('#zoom-level').then((t) => t ?? '');
    /** Whether the rightmost participant's name lies wholly inside the pane. */
    const rightmostNameVisible = (p: Page): Promise<boolean> =>
      p.evaluate(() => {
        const names = [...document.querySelectorAll('#canvas svg text.actor')].map((t) => t.getBoundingClientRect());
        const right = names.reduce((a, b) => (b.right > a.right ? b : a));
        const pane = document.getElementById('viewport')!.getBoundingClientRect();
        return right.left >= pane.left && right.right <= pane.right;
      });

    it("fits the whole diagram into the pane's width by default: the rightmost name is visible", async () => {
      await p.setViewportSize({ width: 520, height: 700 });
      await draw(p, wide());
      assert.equal(await rightmostNameVisible(p), true);
      assert.ok(Number((await zoomLevel(p)).replace('%', '')) < 100, await zoomLevel(p));
      assert.equal(
        await p.evaluate(() => document.getElementById('viewport')!.scrollWidth <= document.getElementById('viewport')!.clientWidth),
        true,
        'no horizontal scrolling',
      );
      assert.equal(await p.isVisible('#zoom-fit.active'), true, 'fit width is the mode');
      await p.screenshot({ path: `${SHOTS}/fit-width.png` });
      // A narrower pane refits.
      const before = await zoomLevel(p);
      await p.setViewportSize({ width: 400, height: 700 });
      await p.waitForFunction((z) => document.getElementById('zoom-level')!.textContent !== z, before);
      assert.equal(await rightmostNameVisible(p), true);
    });

    it('never enlarges a small diagram beyond 100%', async () => {
      await p.setViewportSize({ width: 1600, height: 700 });
      await draw(p, diagramOf(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')));
      assert.equal(await zoomLevel(p), '100%');
    });

    it("keeps the user's zoom per document, and fit brings fitting back", async () => {
      await p.setViewportSize({ width: 520, height: 700 });
      await draw(p, wide(), 'file:///a.tcpflow');
      const fitted = await zoomLevel(p);
      await p.click('#zoom-in');
      await p.click('#zoom-in');
      const mine = await zoomLevel(p);
      assert.notEqual(mine, fitted);
      assert.equal(await p.isVisible('#zoom-fit.active'), false);
      await draw(p, diagramOf(readFileSync('examples/four-way-close.tcpflow', 'utf8')), 'file:///b.tcpflow');
      assert.equal(await p.isVisible('#zoom-fit.active'), true, 'another document starts fitted');
      await draw(p, wide(), 'file:///a.tcpflow');
      assert.equal(await zoomLevel(p), mine, 'the first document keeps its zoom');
      await p.click('#zoom-fit');
      assert.equal(await zoomLevel(p), fitted);
      assert.equal(await rightmostNameVisible(p), true);
    });

    it("keeps the participants' names in view while a long flow scrolls", async () => {
      await p.setViewportSize({ width: 700, height: 500 });
      await draw(p, diagramOf(generateFlow(60)));
      assert.equal(await p.isVisible('#actors'), false, 'at the top the diagram shows its own boxes');
      await p.evaluate(() => (document.getElementById('viewport')!.scrollTop = 2000));
      await p.waitForSelector('#actors svg', { state: 'visible' });
      const header = await p.evaluate(() => {
        const pane = document.getElementById('viewport')!.getBoundingClientRect();
        const names = [...document.querySelectorAll('#actors svg text.actor')]
          .map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }))
          .sort((a, b) => a.box.left - b.box.left);
        const lifelines = [...document.querySelectorAll('#canvas svg line.actor-line')].map((l) => l.getBoundingClientRect().left);
        return {
          names: names.map((n) => n.text),
          inPane: names.every((n) => n.box.top >= pane.top && n.box.bottom <= pane.bottom),
          centres: names.map((n) => (n.box.left + n.box.right) / 2),
          lifelines,
        };
      });
      assert.deepEqual(header.names, ['C', 'S']);
      assert.equal(header.inPane, true);
      for (const c of header.centres)
        assert.ok(
          header.lifelines.some((l) => Math.abs(l - c) < 3),
          `a name centred on its lifeline (${c} vs ${header.lifelines.join(', ')})`,
        );
      await p.screenshot({ path: `${SHOTS}/sticky-participants.png` });
    });
  });

  it('draws a 1,000-segment flow', async () => {
    const d = diagramOf(generateFlow(1000));
    assert.ok(!d.truncated);
    const r = await draw(p, d);
    assert.equal(r.type, 'rendered');
    assert.equal(await p.$$eval('svg text.messageText', (t) => t.length), 1000);
  });

  it('draws the part of a longer flow around the cursor, and says so', async () => {
    const d = diagramOf(generateFlow(3000), true, 2000);
    assert.match(d.truncated ?? '', /drawing the 1000 segments around the cursor/);
    await draw(p, d);
    assert.match((await p.textContent('#notice'))!, /around the cursor/);
    assert.equal(await p.$$eval('svg text.messageText', (t) => t.length), 1000);
  });
});
