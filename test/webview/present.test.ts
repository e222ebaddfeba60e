/**
 * Present mode in a real headless Chromium: the preview's HTML and script, diagrams posted with
 * their steps as the extension posts them in present mode, keys pressed as a presenter does.
 * Assertions are on what is visible (arrows, notes, the state cards, the counter), the
 * screen-reader line and the messages posted to the extension (the editor line to follow).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { FromWebview } from '../../src/shared/previewProtocol.js';
import { presentedDiagramOf } from '../helpers/diagram.js';
import { DARK, draw, posted, previewHarness } from '../helpers/webviewPage.js';
import { generateFlow } from '../../bench/flows.js';

const ROOT = resolve(__dirname, '../..');
const SHOTS = resolve(__dirname, 'screenshots');
const HANDSHAKE = readFileSync('examples/three-way-handshake.tcpflow', 'utf8');
type Win = { __posted: FromWebview[] };
/** What the audience sees: arrow labels and note texts that are not hidden. */
const visible = (p: Page, selector: string): Promise<string[]> =>
  p.$$eval(selector, (els) =>
    els
      .filter((e) => getComputedStyle(e).visibility !== 'hidden')
      .map((e) =>
        [...e.childNodes]
          .filter((n) => n.nodeName !== 'title')
          .map((n) => n.textContent)
          .join(''),
      ),
  );
const arrows = (p: Page): Promise<string[]> => visible(p, 'svg text.messageText');
const notes = (p: Page): Promise<string[]> => visible(p, 'svg text.noteText');
const cards = (p: Page): Promise<string[]> => p.$$eval('.present-card', (cs) => cs.map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
const counter = (p: Page): Promise<string> => p.$eval('#present-counter', (e) => e.textContent ?? '');
const live = (p: Page): Promise<string> => p.$eval('#present-live', (e) => e.textContent ?? '');
const steps = async (p: Page): Promise<number[]> => (await posted(p)).flatMap((m) => (m.type === 'presentStep' ? [m.line] : []));

describe('present mode (Chromium)', function () {
  this.timeout(60_000);
  const preview = previewHarness(ROOT);
  let p: Page;

  before(() => mkdirSync(SHOTS, { recursive: true }));
  async function open(path = '/preview.html'): Promise<void> {
    p = await preview.open(path);
  }
  afterEach(async () => p.close());

  /** Enters present mode with the toolbar button, as the extension then sends the steps. */
  async function presentFlow(text: string): Promise<void> {
    await draw(p, presentedDiagramOf(text));
    await p.click('#present');
    await p.waitForFunction(() => (window as unknown as Win).__posted.some((m) => m.type === 'presenting' && m.on));
    await p.waitForSelector('#present-bar:not([hidden])');
  }

  it('steps through the handshake: arrows appear, states and SND.NXT/RCV.NXT change, the editor line follows', async () => {
    await open();
    await presentFlow(HANDSHAKE);
    assert.equal(await p.isVisible('#toolbar'), false, 'the preview toolbar gives way to the presentation bar');
    assert.deepEqual(await arrows(p), [], 'nothing sent at the start');
    assert.deepEqual(await notes(p), ['CLOSED', 'LISTEN']);
    assert.equal(await counter(p), 'Start · Step 0 of 3');
    assert.deepEqual(await cards(p), ['Client CLOSED SND.NXT — RCV.NXT —', 'Server LISTEN SND.NXT — RCV.NXT —']);

    await p.keyboard.press('ArrowRight');
    assert.deepEqual(await arrows(p), ['SYN seq=x']);
    assert.deepEqual(await notes(p), ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED']);
    assert.equal(await counter(p), 'Step 1 of 3');
    assert.equal(await p.textContent('#present-caption'), 'Client → Server: SYN seq=x');
    assert.deepEqual(await cards(p), ['Client SYN_SENT was CLOSED SND.NXT x+1 RCV.NXT —', 'Server SYN_RECEIVED was LISTEN SND.NXT — RCV.NXT x+1']);
    assert.match(await live(p), /^Step 1 of 3\. Client sends SYN seq=x to Server\. Client: SYN_SENT, was CLOSED; Server: SYN_RECEIVED, was LISTEN\.$/);

    await p.keyboard.press(' ');
    assert.deepEqual(await arrows(p), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1']);
    assert.deepEqual(await cards(p), ['Client ESTABLISHED was SYN_SENT SND.NXT x+1 RCV.NXT y+1', 'Server SYN_RECEIVED SND.NXT y+1 RCV.NXT x+1']);
    assert.equal(await p.$eval('svg text.messageText.present-now', (e) => e.textContent), 'SYN+ACK seq=y ack=x+1', 'the current arrow is marked');

    await p.keyboard.press('End');
    assert.equal((await arrows(p)).length, 3);
    assert.deepEqual(await cards(p), ['Client ESTABLISHED SND.NXT x+1 RCV.NXT y+1', 'Server ESTABLISHED was SYN_RECEIVED SND.NXT y+1 RCV.NXT x+1']);
    await p.keyboard.press('ArrowRight'); // already at the end: stays
    assert.equal(await counter(p), 'Step 3 of 3');

    await p.keyboard.press('ArrowLeft');
    assert.deepEqual(await arrows(p), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1']);
    await p.keyboard.press('Home');
    assert.deepEqual(await arrows(p), []);
    // Lines 6, 7, 8, 7 of the file (0-based 5, 6, 7, 6): the editor follows each step.
    assert.deepEqual(await steps(p), [5, 6, 7, 6]);
    await p.screenshot({ path: `${SHOTS}/present-start.png` });
  });

  it('a labelled segment: one step where it is sent ("in flight"), one where it arrives', async () => {
    await open();
    await presentFlow(
      ['client C', 'server S', 'C -> S: SYN seq=x @d1', 'arrives d1', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: ACK seq=x+1 ack=y+1', ''].join('\n'),
    );
    await p.keyboard.press('ArrowRight');
    assert.match(await live(p), /^Step 1 of 4\. C sends d1 to S; it is in flight\. C: SYN_SENT, was CLOSED; S: LISTEN\.$/);
    await p.keyboard.press('ArrowRight');
    assert.match(await live(p), /^Step 2 of 4\. d1: SYN seq=x \(sent ↑ line 3\) from C arrives at S\. C: SYN_SENT; S: SYN_RECEIVED, was LISTEN\.$/);
  });

  it('quiz: hides the next state and seq/ack until revealed; → reveals first, then moves on', async () => {
    await open();
    await presentFlow(HANDSHAKE);
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('q');
    assert.equal(await p.getAttribute('#present-quiz', 'aria-pressed'), 'true');
    await p.keyboard.press('ArrowRight');
    assert.deepEqual(await arrows(p), ['SYN seq=x', 'SYN+ACK seq=? ack=?'], 'the numbers are hidden');
    assert.deepEqual(await notes(p), ['CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RECEIVED'], 'the next state is hidden in the diagram');
    assert.deepEqual(await cards(p), ['Client ? SND.NXT ? RCV.NXT ?', 'Server ? SND.NXT ? RCV.NXT ?']);
    assert.equal(await p.textContent('#present-caption'), 'Server → Client: SYN+ACK seq=? ack=?');
    assert.match(await live(p), /Server sends SYN\+ACK seq=\? ack=\? to Client\. Quiz: what comes next\?$/);
    assert.doesNotMatch((await p.evaluate(() => document.body.innerText)) ?? '', /ESTABLISHED|seq=y/, 'the answer is nowhere on screen');
    await p.screenshot({ path: `${SHOTS}/present-quiz.png` });

    await p.keyboard.press('r');
    assert.deepEqual(await arrows(p), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1']);
    assert.ok((await notes(p)).includes('ESTABLISHED'));
    assert.deepEqual(await cards(p), ['Client ESTABLISHED was SYN_SENT SND.NXT x+1 RCV.NXT y+1', 'Server SYN_RECEIVED SND.NXT y+1 RCV.NXT x+1']);

    await p.keyboard.press('ArrowRight'); // the next question
    assert.deepEqual(await arrows(p), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1', 'ACK seq=? ack=?']);
    await p.keyboard.press('ArrowRight'); // reveals
    assert.deepEqual(await arrows(p), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1', 'ACK seq=x+1 ack=y+1']);
    assert.equal(await counter(p), 'Step 3 of 3');
    await p.keyboard.press('ArrowLeft'); // back: an answered step
    assert.deepEqual(await arrows(p), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1']);
    await p.keyboard.press('q');
    assert.equal(await p.getAttribute('#present-quiz', 'aria-pressed'), 'false');
  });

  it('errors: hidden from the audience, shown with presenter notes', async () => {
    await open();
    await presentFlow('client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+7');
    await p.keyboard.press('End');
    assert.equal((await arrows(p)).length, 2);
    assert.equal(await p.$$eval('svg .tcpflow-error, svg title', (x) => x.length), 0, 'no error colour or message for the audience');
    assert.equal(await p.isVisible('#present-notes-text'), false);
    await p.keyboard.press('p');
    await p.waitForSelector('#present-notes-text:not([hidden])');
    assert.match((await p.textContent('#present-notes-text'))!, /line 4.*TF402: ack=x\+7 acknowledges more than S has received/);
    assert.equal(await p.$$eval('svg text.messageText.tcpflow-error', (x) => x.length), 1);
    assert.match((await p.$eval('svg text.messageText.tcpflow-error title', (t) => t.textContent))!, /TF402/);
    await p.keyboard.press('ArrowLeft');
    assert.match((await p.textContent('#present-notes-text'))!, /No errors or warnings on this step/);
    await p.screenshot({ path: `${SHOTS}/present-notes.png` });
  });

  it('Esc leaves: the whole diagram again, with its error marks and the toolbar', async () => {
    await open();
    await presentFlow('client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+7');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('q');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('Escape');
    await p.waitForSelector('#present-bar', { state: 'hidden' });
    assert.ok((await posted(p)).some((m) => m.type === 'presenting' && !m.on));
    assert.equal(await p.isVisible('#toolbar'), true);
    assert.deepEqual(await arrows(p), ['SYN seq=x', 'SYN+ACK seq=y ack=x+7 ✗ x+1']);
    assert.equal(await p.$$eval('svg text.messageText.tcpflow-error', (x) => x.length), 1);
  });

  it('keeps its step when the flow is redrawn (typing, a theme change), and follows the theme', async () => {
    await open();
    await presentFlow(HANDSHAKE);
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowRight');
    const count = (await posted(p)).filter((m) => m.type === 'rendered').length;
    const before = await p.$eval('#present-panel', (e) => getComputedStyle(e).backgroundColor);
    await p.evaluate((dark) => {
      document.documentElement.setAttribute('style', dark);
      document.body.className = 'vscode-dark presenting';
    }, DARK);
    await p.waitForFunction((n) => (window as unknown as Win).__posted.filter((m) => m.type === 'rendered').length > n, count);
    assert.equal(await counter(p), 'Step 2 of 3');
    assert.deepEqual(await arrows(p), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1']);
    assert.notEqual(await p.$eval('#present-panel', (e) => getComputedStyle(e).backgroundColor), before);
    // The flow gains a segment while presented: the step stays, the count grows.
    await draw(p, presentedDiagramOf(`${HANDSHAKE}\nClient -> Server: FIN ACK seq=x+1 ack=y+1`));
    assert.equal(await counter(p), 'Step 2 of 4');
    assert.deepEqual(await arrows(p), ['SYN seq=x', 'SYN+ACK seq=y ack=x+1']);
  });

  it('large type from the editor font size, +/− to resize, buttons work too, Korean labels', async () => {
    await open('/preview-ko.html');
    await presentFlow(HANDSHAKE);
    const size = (): Promise<number> => p.$eval('#present-panel', (e) => parseFloat(getComputedStyle(e).fontSize));
    assert.equal(await size(), 26, 'twice the font size');
    await p.evaluate(() => document.documentElement.style.setProperty('--vscode-editor-font-size', '20px'));
    const base = await size();
    assert.equal(base, 40, 'twice the editor font size, which VS Code sets');
    await p.keyboard.press('+');
    assert.ok((await size()) > base);
    await p.click('#present-next');
    assert.equal(await counter(p), '3단계 중 1단계');
    // Q on a Korean layout types ㅂ: the key's place counts.
    await p.evaluate(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ㅂ', code: 'KeyQ' })));
    assert.equal(await p.getAttribute('#present-quiz', 'aria-pressed'), 'true');
    assert.equal(await p.getAttribute('#present-next', 'aria-label'), '다음 단계');
    assert.match(await live(p), /Client가 Server에게 SYN seq=x를 보냅니다/);
    await p.click('#present-exit');
    await p.waitForSelector('#present-bar', { state: 'hidden' });
  });
  it("a step reads the drawing's sizes after setting every class: one layout a step, not one per arrow", async () => {
    await open();
    await presentFlow(generateFlow(60));
    // Count the class changes that a size read follows: each one makes Chromium lay the whole drawing out again.
    await p.evaluate(() => {
      const w = window as unknown as { __layouts: number; __dirty: boolean };
      w.__layouts = 0;
      w.__dirty = false;
      const toggle = DOMTokenList.prototype.toggle;
      DOMTokenList.prototype.toggle = function (this: DOMTokenList, token: string, force?: boolean): boolean {
        w.__dirty = true;
        return toggle.call(this, token, force);
      };
      const getBBox = SVGGraphicsElement.prototype.getBBox;
      SVGGraphicsElement.prototype.getBBox = function (this: SVGGraphicsElement, options?: SVGBoundingBoxOptions): DOMRect {
        if (w.__dirty) w.__layouts++;
        w.__dirty = false;
        return getBBox.call(this, options);
      };
    });
    for (let i = 0; i < 10; i++) await p.keyboard.press('ArrowRight');
    await p.keyboard.press('End');
    assert.equal(await counter(p), 'Step 60 of 60');
    const layouts = await p.evaluate(() => (window as unknown as { __layouts: number }).__layouts);
    assert.ok(layouts > 0 && layouts <= 2 * 11, `${layouts} layouts for 11 steps of a 60-segment flow`);
  });
});
