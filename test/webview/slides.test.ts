/**
 * The HTML slide file and the per-step SVGs, made by the built CLI as a user makes them, then
 * opened in a real headless Chromium with the network cut off: every request other than the page
 * itself is refused and counted, CSP violations are collected, and the flow is stepped through.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch } from '../helpers/browser.js';
import { generateFlow } from '../../bench/flows.js';

const CLI = 'dist/cli.js';
const SHOTS = resolve(__dirname, 'screenshots');
const tmp = mkdtempSync(join(tmpdir(), 'tcpflow-slides-'));
const cli = (...args: string[]): { code: number; out: string; err: string } => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const file = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const HOSTILE = [
  'title </script><script>window.__pwned=1</script>',
  'client C as "<img src=x onerror=window.__pwned=2>"',
  'server S',
  'note over C: %%{init: {"securityLevel":"loose"}}%% </script><!--',
  'C -> S: SYN seq=x "</script><script>window.__pwned=3</script>"',
  'S -> C: SYN ACK seq=y ack=x+1',
  'C -> S: ACK seq=x+1 ack=y+1',
].join('\n');

describe('HTML slide file and per-step SVGs (Chromium, offline)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let context: BrowserContext;
  let p: Page;
  let requests: string[];
  let violations: string[];

  before(async () => {
    assert.ok(existsSync(CLI), 'run `npm run build` first');
    mkdirSync(SHOTS, { recursive: true });
    browser = await launch();
  });
  after(async () => browser?.close());
  afterEach(async () => context?.close());

  /** Opens the file as a browser would, offline: only the page itself is served, everything else refused. */
  async function open(path: string): Promise<void> {
    const html = readFileSync(path, 'utf8');
    context = await browser.newContext({ offline: true, viewport: { width: 1100, height: 850 } });
    requests = [];
    violations = [];
    p = await context.newPage();
    p.on('console', (m) => {
      if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
    });
    p.on('dialog', (d) => void d.dismiss());
    await context.route('**/*', (route) => {
      if (route.request().url() === 'http://slides.invalid/talk.html')
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
      requests.push(route.request().url());
      return route.abort();
    });
    await p.goto('http://slides.invalid/talk.html');
    await p.waitForSelector('#present-bar:not([hidden])');
  }
  const counter = (): Promise<string> => p.$eval('#present-counter', (e) => e.textContent ?? '');
  const arrows = (): Promise<string[]> =>
    p.$$eval('svg text.messageText', (els) => els.filter((e) => getComputedStyle(e).visibility !== 'hidden').map((e) => e.textContent ?? ''));

  it('one self-contained file: a strict CSP, the script inline, no request; steps through the flow', async () => {
    const out = join(tmp, 'talk.html');
    const r = cli('render', '--format', 'html', 'examples/three-way-handshake.tcpflow', '-o', out);
    assert.equal(r.code, 0, r.err);
    const html = readFileSync(out, 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]{44}'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-eval|https?:|script-src[^;]*unsafe-inline/);
    // The markup (the inline script's text aside, whose libraries name their web pages in strings and comments).
    const markup = html.replace(/<script>[\s\S]*<\/script>/, '<script></script>');
    assert.equal((html.match(/<script/g) ?? []).length, 2, 'the data and the one script, nothing else');
    assert.ok(html.includes('Syntax error in text'), "the package's Mermaid (dist/mermaid.js) inlined");
    assert.doesNotMatch(markup, /<script[^>]+src=|<link|<iframe|<img|https?:/i, 'nothing loaded from elsewhere');

    await open(out);
    assert.equal(await p.title(), 'TCP 3-way handshake');
    assert.equal(await counter(), 'Start · Step 0 of 3');
    assert.deepEqual(await arrows(), []);
    await p.keyboard.press('ArrowRight');
    assert.deepEqual(await arrows(), ['SYN seq=x']);
    assert.match((await p.textContent('.present-card'))!, /SYN_SENT/);
    await p.keyboard.press(' ');
    await p.keyboard.press('ArrowRight');
    assert.equal(await counter(), 'Step 3 of 3');
    assert.equal((await arrows()).length, 3);
    await p.keyboard.press('ArrowLeft');
    assert.deepEqual(await arrows(), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1']);
    await p.keyboard.press('q');
    await p.keyboard.press('ArrowRight');
    assert.deepEqual(await arrows(), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1', 'ACK seq=? ack=?']);
    await p.keyboard.press('r');
    assert.deepEqual(await arrows(), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1', 'ACK seq=x+1 ack=y+1']);
    await p.screenshot({ path: `${SHOTS}/slides-en.png` });
    assert.deepEqual(requests, [], 'no request left the page');
    assert.deepEqual(violations, []);
  });

  it('in Korean (--lang ko), and in the dark when the system is dark', async () => {
    const out = join(tmp, 'talk-ko.html');
    assert.equal(cli('render', '--format', 'html', '--lang', 'ko', 'examples/four-way-close.tcpflow', '-o', out).code, 0);
    await open(out);
    await p.keyboard.press('ArrowRight');
    assert.match(await counter(), /단계 중 1단계/);
    assert.equal(await p.getAttribute('#present-quiz', 'title'), '퀴즈: 공개할 때까지 다음 상태와 seq/ack를 숨깁니다 (Q)');
    assert.equal(await p.getAttribute('html', 'lang'), 'ko');
    const light = await p.$eval('body', (b) => getComputedStyle(b).backgroundColor);
    await p.emulateMedia({ colorScheme: 'dark' });
    await p.waitForFunction(() => document.body.classList.contains('vscode-dark'));
    assert.notEqual(await p.$eval('body', (b) => getComputedStyle(b).backgroundColor), light);
    assert.match(await counter(), /단계 중 1단계/, 'still on the same step after redrawing');
    await p.screenshot({ path: `${SHOTS}/slides-ko-dark.png` });
    assert.deepEqual(requests, []);
  });

  it('text from the flow never runs, even when it tries to close the script element', async () => {
    const out = join(tmp, 'hostile.html');
    assert.equal(cli('render', '--format', 'html', file('hostile.tcpflow', HOSTILE), '-o', out).code, 0);
    await open(out);
    await p.keyboard.press('End');
    assert.equal((await arrows()).length, 3);
    assert.equal(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await p.$$eval('img, #canvas script, [onerror]', (x) => x.length), 0);
    assert.equal(await p.title(), '</script><script>window.__pwned=1</script>', 'the title shown as text');
    assert.deepEqual(violations, [], 'nothing even tried to run');
  });

  it("a Markdown note: its first ```tcpflow block, presenter notes naming the note's lines", async () => {
    const note = file('note.md', '# Note\n\nSome text.\n\n```tcpflow\nclient C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+7\n```\n');
    const out = join(tmp, 'note.html');
    assert.equal(cli('render', '--format', 'html', note, '-o', out).code, 0);
    await open(out);
    await p.keyboard.press('End');
    assert.equal(await p.$$eval('svg .tcpflow-error', (x) => x.length), 0, 'no error marks for the audience');
    await p.keyboard.press('p');
    assert.match((await p.textContent('#present-notes-text'))!, /^line 9TF402: ack=x\+7/);
  });

  it('--format svg writes each step as its own SVG: step-000.svg (the start) to the last step', () => {
    const dir = join(tmp, 'steps');
    const r = cli('render', '--format', 'svg', 'examples/three-way-handshake.tcpflow', '-o', dir);
    assert.equal(r.code, 0, r.err);
    const names = readdirSync(dir).sort();
    assert.deepEqual(names, ['step-000.svg', 'step-001.svg', 'step-002.svg', 'step-003.svg']);
    names.forEach((n, i) => {
      const svg = readFileSync(join(dir, n), 'utf8');
      assert.match(svg, /^<\?xml[^>]*>\n<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.equal((svg.match(/class="messageText/g) ?? []).length, i, `${n}: ${i} arrows`);
      assert.doesNotMatch(svg, /present-future|<script/);
    });
  });

  it('--format svg on a 300-segment flow: 301 SVGs from one drawing, each step with its own arrows', () => {
    const dir = join(tmp, 'steps-300');
    const r = cli('render', '--format', 'svg', file('long.tcpflow', generateFlow(300)), '-o', dir);
    assert.equal(r.code, 0, r.err);
    const names = readdirSync(dir).sort();
    assert.equal(names.length, 301);
    assert.deepEqual([names[0], names[300]], ['step-000.svg', 'step-300.svg']);
    for (const i of [1, 150, 300]) {
      const svg = readFileSync(join(dir, names[i]!), 'utf8');
      assert.equal((svg.match(/class="messageText/g) ?? []).length, i, `${names[i]}: ${i} arrows`);
    }
    assert.match(r.err, /^wrote 301 SVG files to .* \(step-000\.svg is the start, step-300\.svg the last step\)\n$/);
  });

  it('--format svg with a browser that draws nothing: an error line and exit code 2', () => {
    const r = spawnSync(process.execPath, [CLI, 'render', '--format', 'svg', 'examples/three-way-handshake.tcpflow', '-o', join(tmp, 'none')], {
      encoding: 'utf8',
      env: { ...process.env, TCPFLOW_BROWSER: '/bin/true' },
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^tcpflow-cli: \/bin\/true stopped before it drew every step/);
  });

  it('bad arguments: an error line and exit code 2', () => {
    const noDir = cli('render', '--format', 'svg', 'examples/three-way-handshake.tcpflow');
    assert.equal(noDir.code, 2);
    assert.match(noDir.err, /--format svg needs -o DIR/);
    const notDir = cli('render', '--format', 'svg', 'examples/three-way-handshake.tcpflow', '-o', 'examples/three-way-handshake.tcpflow');
    assert.equal(notDir.code, 2);
    assert.match(notDir.err, /is not a directory/);
    const noBrowser = spawnSync(process.execPath, [CLI, 'render', '--format', 'svg', 'examples/three-way-handshake.tcpflow', '-o', join(tmp, 'x')], {
      encoding: 'utf8',
      env: { ...process.env, PATH: '/nonexistent' },
    });
    assert.equal(noBrowser.status, 2);
    assert.match(noBrowser.stderr, /needs Chromium or Chrome/);
    assert.equal(cli('render', '--format', 'html', '--lang', 'fr', 'examples/three-way-handshake.tcpflow').code, 2);
  });
});
