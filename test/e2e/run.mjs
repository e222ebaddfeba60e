// @ts-check
// `npm run test:e2e`: the packaged extension in a real VS Code (code-server 4.100.3) driven by
// Playwright in Debian's Chromium, on this offline machine. Each scenario asserts what is on
// screen and waits for it to appear, never for time to pass; a screenshot per scenario goes to
// test/e2e/screenshots/. code-server and the browser are always shut down, also on failure.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ensureCodeServer, ensureDebianPackages, freePort, installExtension, startCodeServer } from '../../scripts/code-server.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const E2E = import.meta.dirname;
const SHOTS = join(E2E, 'screenshots');
// The README's screenshot: made here so that it always shows the extension as it is.
const README_SHOT = join(ROOT, 'docs', 'images', 'flow-and-preview.png');
// The README's picture of Run Against Linux: a flow with a deliberate mistake and what Linux sent instead.
const README_KERNEL_SHOT = join(ROOT, 'docs', 'images', 'run-against-linux.png');
const started = Date.now();

// ---- set-up (idempotent, cached between runs on one machine) ----
// fonts-nanum: Korean glyphs, so the Korean scenario's screenshot shows text rather than boxes.
ensureDebianPackages(['chromium', 'libkrb5-dev', 'ripgrep', 'fonts-nanum']);
ensureCodeServer();
if (!existsSync(join(E2E, 'node_modules', 'playwright-core'))) {
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: E2E, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (!process.env.TCPFLOW_E2E_SKIP_PACKAGE) {
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const { chromium } = await import('playwright-core');
mkdirSync(SHOTS, { recursive: true });

// ---- helpers ----
const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const mod = 'Control';
let page;
let workspace;
/** The installed extensions of the running code-server (the kernel helper's path lies in it). */
let extensionsDir;

async function command(title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** In the open quick-fix menu, moves down to the fix with the keyboard, as a user does, and applies it. */
async function chooseQuickFix(title) {
  await page.locator('.action-widget .monaco-list-row', { hasText: title }).first().waitFor();
  for (let i = 0; i < 6; i++) {
    const focused = await page.locator('.action-widget .monaco-list-row.focused').first().textContent().catch(() => '');
    if (focused?.includes(title)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
}

/** "TCP Flow: Present", not "TCP Flow: Export Presentation…": the exact row is clicked. */
async function presentCommand() {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>TCP Flow: Present');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /TCP Flow: Present(?!ation)/ }).first().click();
}

async function openFile(name) {
  await page.getByRole('treeitem', { name, exact: true }).first().click();
  await page.locator(`.tab.active[data-resource-name="${name}"]`).filter({ visible: true }).first().waitFor();
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').waitFor();
}

const editor = () => page.locator('.editor-group-container.active .monaco-editor').first();

/** The editor draws spaces as no-break spaces: a pattern for text as it is on screen. */
const onScreen = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\u00a0]')}$`);

/** The token (innermost span) of the active editor that shows exactly this text. */
function token(text) {
  return editor().locator('.view-line span[class^="mtk"]', { hasText: onScreen(text) }).first();
}

async function clickText(text) {
  const span = token(text);
  await span.waitFor();
  await span.click();
  return span;
}

/** Shows the hover at the cursor (Ctrl+K Ctrl+I), as a keyboard user does. */
async function hoverAtCursor() {
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.press(`${mod}+i`);
}

/** The webview frame that shows our preview (VS Code nests it in two iframes). */
async function previewFrame(selector = 'svg text.messageText') {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
    for (const f of page.frames()) {
      try {
        if (await f.locator(selector).count()) return f;
      } catch {
        // frames come and go while the webview loads
      }
    }
    // The webview's frames load after the command: wait for the next frame to navigate (or 1 s).
    await page.waitForEvent('framenavigated', { timeout: 1000 }).catch(() => undefined);
  }
}

async function waitFor(predicate, what, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    // A webview's frame replaced while the predicate looked into it (a preview redrawn): look again.
    const v = await Promise.resolve().then(predicate).catch((e) => {
      if (/Frame was detached|Execution context was destroyed/.test(String(e instanceof Error ? e.message : e))) return false;
      throw e;
    });
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(100); // polling the editor's DOM: there is no event to wait on from outside
  }
}

/** Whether every participant's name in the preview lies inside the preview's pane. */
function namesInsidePane(frame) {
  return frame.evaluate(() => {
    const names = [...document.querySelectorAll('#canvas svg text.actor')].map((t) => t.getBoundingClientRect());
    const pane = /** @type {HTMLElement} */ (document.getElementById('viewport')).getBoundingClientRect();
    return names.length > 0 && names.every((r) => r.left >= pane.left && r.right <= pane.right);
  });
}

/** Sets the workspace's settings by writing .vscode/settings.json, as a user's editor would. */
function workspaceSettings(settings) {
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
}

// ---- scenarios ----
const scenarios = [];
const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : undefined;
const scenario = (name, fn, locale = 'en') => (!only || only.test(name)) && scenarios.push({ name, fn, locale });

scenario('a .tcpflow file is highlighted: flags, states, arrows and comments in different colours', async () => {
  await openFile('handshake.tcpflow');
  const color = async (text) => {
    const t = token(text);
    await t.waitFor();
    return t.evaluate((e) => getComputedStyle(e).color);
  };
  const colors = { flag: await color('SYN'), state: await color('ESTABLISHED'), arrow: await color('->'), comment: await color('# a comment') };
  const distinct = new Set(Object.values(colors));
  if (distinct.size !== 4) throw new Error(`colours not distinct: ${JSON.stringify(colors)}`);
});

scenario('a broken flow: squiggles, Problems count, hover message, quick fix removes the error', async () => {
  await openFile('broken.tcpflow');
  await editor().locator('.squiggly-error').first().waitFor();
  await waitFor(async () => (await editor().locator('.squiggly-error').count()) === 2, 'two error squiggles');
  const problems = page.locator('#status\\.problems, .statusbar-item[id="status.problems"]').first();
  await waitFor(async () => /\b2\b/.test((await problems.textContent()) ?? ''), 'Problems: 2 errors');
  await command('View: Toggle Problems');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'TF402' }).first().waitFor();
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'TF500' }).first().waitFor();
  await command('View: Toggle Problems');
  await clickText('5');
  await hoverAtCursor();
  await page.locator('.monaco-hover', { hasText: 'acknowledges more than Server has received' }).first().waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${mod}+.`);
  await chooseQuickFix('Change to ack=x+1');
  await waitFor(async () => (await editor().locator('.squiggly-error').count()) === 1, 'one error left after the quick fix');
});

scenario('hover on a segment shows both endpoints\' states; completion offers flags', async () => {
  await openFile('handshake.tcpflow');
  // Once the server has answered (its inlay hints are on screen), hover the first SYN.
  await waitFor(async () => (await editor().textContent()).includes('SYN_SENT'), 'the language server\'s inlay hints');
  await clickText('SYN');
  await hoverAtCursor();
  const hover = page.locator('.monaco-hover', { hasText: 'SYN_RECEIVED' }).first();
  await hover.waitFor();
  const text = await hover.textContent();
  if (!/Client/.test(text) || !/SYN_SENT/.test(text)) throw new Error(`hover lacks the states: ${text}`);
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Client -> Server: ');
  await page.keyboard.press(`${mod}+Space`);
  const rows = page.locator('.suggest-widget .monaco-list-row');
  await rows.first().waitFor();
  const offered = await rows.allTextContents();
  if (!offered.some((r) => /^(SYN|ACK|FIN|PSH ACK|FIN ACK|RST)\b/.test(r.replace(/\u00a0/g, ' ')))) throw new Error(`no flags offered: ${offered.join(' | ')}`);
  await page.keyboard.press('Escape');
  await command('File: Revert File');
});

scenario('inlay hints show the state transitions', async () => {
  await openFile('handshake.tcpflow');
  // Inlay hints are drawn as CSS content beside the text: read what is on screen.
  const shown = () => editor().evaluate((root) => root.textContent.replace(/\u00a0/g, ' '));
  await waitFor(async () => (await shown()).includes('Client: CLOSED → SYN_SENT'), 'inlay hint "Client: CLOSED → SYN_SENT"');
});

scenario('the preview: one arrow per segment with states, live typing, error marks, click to line', async () => {
  await openFile('handshake.tcpflow');
  await command('TCP Flow: Open Preview to the Side');
  const frame = await previewFrame();
  await waitFor(async () => (await frame.locator('svg text.messageText').count()) === 3, 'three arrows');
  const notes = await frame.locator('svg text.noteText').allTextContents();
  if (!notes.includes('SYN_RECEIVED') || !notes.includes('ESTABLISHED')) throw new Error(`states missing: ${notes}`);
  // Type a new segment: a fourth arrow appears.
  await page.keyboard.press(`${mod}+g`);
  await page.locator('.quick-input-widget input').fill(':8');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Server -> Client: ACK seq=y+1 ack=x+1 "hi"');
  await waitFor(async () => (await frame.locator('svg text.messageText').count()) === 4, 'a fourth arrow after typing');
  // An error marks the arrow.
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('+9 "hi"');
  await frame.locator('svg text.messageText.tcpflow-error').first().waitFor();
  // Click the first arrow: the editor's cursor goes to its line (6).
  await frame.locator('svg text.messageText', { hasText: 'SYN seq=x' }).first().click();
  // The status bar shows the editor's position once the editor has the focus again (polled: the
  // item is absent while the webview has it).
  await waitFor(async () => /Ln 6,/.test((await page.locator('.statusbar-item[id="status.editor.selection"]').textContent({ timeout: 1000 }).catch(() => '')) ?? ''), 'cursor on line 6');
  await page.screenshot({ path: join(SHOTS, 'preview-live.png') });
  await command('File: Revert File');
});

scenario('a wrong SYN+ACK: an error squiggle and a quick fix; the preview draws ack=x as written, marked, with x+1 beside it', async () => {
  await openFile('wrong-synack.tcpflow');
  await waitFor(async () => (await editor().locator('.squiggly-error').count()) === 1, 'one error squiggle (the SYN+ACK line)');
  await command('TCP Flow: Open Preview to the Side');
  const frame = await previewFrame();
  await frame.locator('svg text.messageText.tcpflow-error', { hasText: 'SYN+ACK seq=y ack=x ✗ x+1' }).first().waitFor();
  if (await frame.locator('svg text.messageText', { hasText: /ack=x\+1$/ }).count()) throw new Error('the preview draws a corrected ack');
  await page.screenshot({ path: join(SHOTS, 'faithful-diagram.png') });
  // The quick fix writes the number a real TCP sends; the mark goes away.
  await openFile('wrong-synack.tcpflow');
  await page.keyboard.press(`${mod}+g`);
  await page.locator('.quick-input-widget input').fill(':5');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press(`${mod}+.`);
  await page.locator('.action-widget .monaco-list-row', { hasText: 'Change to ack=x+1' }).first().waitFor();
  for (let i = 0; i < 6; i++) {
    const focused = await page.locator('.action-widget .monaco-list-row.focused').first().textContent().catch(() => '');
    if (focused?.includes('Change to ack=x+1')) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await waitFor(async () => (await editor().locator('.squiggly-error').count()) === 0, 'no error left after the quick fix');
  await frame.locator('svg text.messageText', { hasText: 'SYN+ACK seq=y ack=x+1' }).first().waitFor();
  await waitFor(async () => (await frame.locator('svg text.messageText', { hasText: '✗' }).count()) === 0, 'no mark left in the preview');
  await command('File: Revert File');
});

scenario('a flow with a diagnostic and its preview beside it (the README\'s screenshot)', async () => {
  await command('View: Close All Editors');
  await openFile('first-request.tcpflow');
  await editor().locator('.squiggly-error').first().waitFor();
  await command('TCP Flow: Open Preview to the Side');
  const frame = await previewFrame('svg text.messageText.tcpflow-error');
  await waitFor(() => namesInsidePane(frame), 'the whole diagram in the pane');
  await command('View: Toggle Problems');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'ack=x+7 acknowledges more than Server has received: data takes one sequence number per octet' }).first().waitFor();
  mkdirSync(dirname(README_SHOT), { recursive: true });
  await page.screenshot({ path: README_SHOT });
  await command('View: Toggle Problems');
  await command('View: Close All Editors');
});

scenario('the preview fits its pane: a wide imported flow shows its rightmost participant at the default zoom', async () => {
  await command('View: Close All Editors');
  await openFile('wide.tcpflow');
  await command('TCP Flow: Open Preview to the Side');
  const frame = await previewFrame();
  await waitFor(async () => (await frame.locator('svg text.messageText').count()) === 3, 'three arrows');
  await waitFor(() => namesInsidePane(frame), 'both participants\' names inside the preview pane');
  const zoom = await frame.locator('#zoom-level').textContent();
  if (!/^\d+%$/.test(zoom) || Number(zoom.slice(0, -1)) >= 100) throw new Error(`expected a fitted zoom below 100%, got ${zoom}`);
  if (!(await frame.locator('#zoom-fit.active').count())) throw new Error('"fit width" is not the zoom mode');
  await page.screenshot({ path: join(SHOTS, 'preview-fits.png') });
  await command('View: Close All Editors');
});

scenario('switching to a dark theme re-renders the diagram in dark colours', async () => {
  await openFile('handshake.tcpflow');
  await command('TCP Flow: Open Preview to the Side');
  const frame = await previewFrame();
  const plain = 'svg text.messageText:not(.tcpflow-current):not(.tcpflow-error)';
  const before = await frame.locator(plain).first().evaluate((e) => getComputedStyle(e).fill);
  await page.keyboard.press(`${mod}+k`);
  await page.keyboard.press(`${mod}+t`);
  await page.locator('.quick-input-widget input').fill('Dark Modern');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dark Modern' }).first().waitFor();
  await page.keyboard.press('Enter');
  await waitFor(async () => {
    const f = await previewFrame();
    const now = await f.locator(plain).first().evaluate((e) => getComputedStyle(e).fill);
    return now !== before && /rgb\((1\d\d|2\d\d),/.test(now);
  }, 'light text on the dark theme');
  await page.screenshot({ path: join(SHOTS, 'preview-dark.png') });
});

scenario('a Markdown note: diagnostics in the editor, the diagram in the Markdown preview', async () => {
  await openFile('note.md');
  await editor().locator('.squiggly-error').first().waitFor();
  await command('Markdown: Open Preview to the Side');
  const frame = await previewFrame('.tcpflow-md-diagram svg text.messageText');
  const arrows = await frame.locator('.tcpflow-md-diagram svg text.messageText').count();
  if (arrows !== 3) throw new Error(`expected 3 arrows in the Markdown preview, got ${arrows}`);
});

scenario('the Markdown preview follows a change of tcpflow.stack', async () => {
  await command('View: Close All Editors');
  await openFile('stack-note.md');
  await command('Markdown: Open Preview to the Side');
  const frame = await previewFrame('.tcpflow-md-diagram svg text.messageText');
  if (await frame.locator('.tcpflow-md-errors').count()) throw new Error('RFC 9293 (the default) lets the RST end TIME_WAIT: no error expected');
  workspaceSettings({ 'tcpflow.stack': 'freebsd' });
  // The preview redraws (VS Code may replace its frame): look for the error in whichever frame shows it.
  await waitFor(async () => (await previewFrame('.tcpflow-md-errors li')).locator('.tcpflow-md-errors li', { hasText: 'TF500 A is TIME_WAIT here, not CLOSED' }).count(), 'the FreeBSD verdict in the Markdown preview');
  await waitFor(async () => (await previewFrame('.tcpflow-md-errors li')).locator('.tcpflow-md-diagram svg text.messageText').count(), 'the diagram drawn above the verdict (dist/mermaid.js loaded again)');
  await page.screenshot({ path: join(SHOTS, 'markdown-preview-stack.png') });
  workspaceSettings({ 'tcpflow.stack': 'rfc9293' });
  await waitFor(async () => {
    const f = await previewFrame('.tcpflow-md-diagram svg text.messageText');
    return (await f.locator('.tcpflow-md-errors').count()) === 0;
  }, 'the error gone after switching back to rfc9293');
  await command('View: Close All Editors');
});

scenario('exporting SVG writes a valid SVG file', async () => {
  await openFile('handshake.tcpflow');
  await command('TCP Flow: Open Preview to the Side');
  await previewFrame();
  await command('TCP Flow: Export as SVG');
  // The save dialog proposes handshake.svg beside the flow: accept it.
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await waitFor(async () => (await input.inputValue()).endsWith('handshake.svg'), 'the proposed file name');
  await page.keyboard.press('Enter');
  const target = join(workspace, 'handshake.svg');
  await waitFor(() => existsSync(target), `${target} written`);
  const svg = readFileSync(target, 'utf8');
  if (!svg.startsWith('<?xml') || !/<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg) || (svg.match(/class="messageText"/g) ?? []).length !== 3) throw new Error('the exported SVG is not the diagram');
  const valid = await page.evaluate((s) => !new DOMParser().parseFromString(s, 'image/svg+xml').querySelector('parsererror'), svg);
  if (!valid) throw new Error('the exported SVG does not parse');
});

scenario('a flow full of hostile text is drawn and runs nothing', async () => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await openFile('hostile.tcpflow');
  await command('TCP Flow: Open Preview to the Side');
  const frame = await previewFrame();
  await waitFor(async () => (await frame.locator('svg text.messageText').count()) === 3, 'three arrows');
  await frame.locator('svg text.noteText', { hasText: 'hover' }).first().hover();
  const injected = await frame.locator('#canvas script, #canvas img, #canvas [onerror], #canvas [onload], #canvas [onmouseover]').count();
  const pwned = await page.evaluate(() => /** @type {{ __pwned?: unknown }} */ (/** @type {unknown} */ (window)).__pwned);
  if (dialogs || injected || pwned) throw new Error(`hostile text ran: dialogs ${dialogs}, elements ${injected}, pwned ${pwned}`);
});


scenario('a ```tcpflow block converts into a ```mermaid block', async () => {
  await openFile('note.md');
  await clickText('client');
  await command('TCP Flow: Convert tcpflow Block to Mermaid');
  await waitFor(async () => (await editor().textContent()).replace(/\u00a0/g, ' ').includes('```mermaid'), 'a ```mermaid fence in the note');
  const text = (await editor().textContent()).replace(/\u00a0/g, ' ');
  if (text.includes('```tcpflow') || !text.includes('sequenceDiagram')) throw new Error('the block was not converted');
  await command('File: Revert File');
});

async function importCaptureScenario() {
  const capture = join(workspace, 'open-close.pcap');
  cpSync(join(ROOT, 'test/fixtures/captures/linux/open-close.pcap'), capture);
  await openFile('handshake.tcpflow'); // the window has loaded its extensions
  await command('View: Close All Editors'); // no other preview on screen
  await command('TCP Flow: Import Capture');
  // code-server's own open dialog: a path box in the quick input. It fills in the workspace
  // folder itself once it is ready; only then does typing a path stay.
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await waitFor(async () => (await input.inputValue()).endsWith('/workspace/'), 'the open dialog showing the workspace folder');
  await input.fill(capture);
  await waitFor(async () => (await input.inputValue()) === capture, 'the capture path in the dialog');
  await page.keyboard.press('Enter');
  await waitFor(async () => (await (await previewFrame()).locator('svg text.messageText').count()) === 8, 'eight arrows, one per captured segment');
  await waitFor(async () => namesInsidePane(await previewFrame()), 'the imported flow\'s participants inside the preview pane');
  const first = page.locator('.editor-group-container').first().locator('.monaco-editor .view-lines');
  await waitFor(async () => ((await first.textContent()) ?? '').replace(/\u00a0/g, ' ').includes('Imported by tcpflow-cli from open-close.pcap'), 'the imported flow in an editor');
  if (await page.locator('.squiggly-error').count()) throw new Error('the imported flow shows errors');
  await page.screenshot({ path: join(SHOTS, 'import-capture.png') });
}
scenario('"Import Capture…" opens the imported flow beside its preview', importCaptureScenario);

scenario('"Import Capture…" on a capture of millions of packets shows the share read and can be cancelled', async () => {
  // 3,000,000 packets in 300,000 connections (about 220 MB), generated for this run only.
  const capture = join(workspace, 'millions.pcap');
  const generate = `import { openSync, writeSync, closeSync } from 'node:fs';
import gen from './test/helpers/captureGenerator.ts';
const fd = openSync(process.argv[1], 'w');
const w = new gen.PcapWriter((b) => writeSync(fd, b));
gen.shortConnections(w, 300000);
w.end();
closeSync(fd);`;
  const made = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', generate, capture], { cwd: ROOT, stdio: 'inherit' });
  if (made.status !== 0) throw new Error('could not generate the capture');
  try {
    await openFile('handshake.tcpflow');
    await command('View: Close All Editors');
    // An earlier import left an unsaved flow: VS Code asks, and it is not kept.
    const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
    await waitFor(async () => (await dontSave.count()) > 0 || (await page.locator('.tabs-container .tab').count()) === 0, 'the editors closed, or VS Code asking to save one');
    if (await dontSave.count()) await dontSave.click();
    await waitFor(async () => (await page.locator('.tabs-container .tab').count()) === 0, 'no editor open');
    await command('TCP Flow: Import Capture');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await waitFor(async () => (await input.inputValue()).endsWith('/workspace/'), 'the open dialog showing the workspace folder');
    await input.fill(capture);
    await waitFor(async () => (await input.inputValue()) === capture, 'the capture path in the dialog');
    await page.keyboard.press('Enter');
    const toast = page.locator('.notification-toast', { hasText: 'TCP Flow: reading millions.pcap' });
    await toast.waitFor();
    await waitFor(async () => /\d+ % of 2\d\d MB/.test(((await toast.textContent()) ?? '').replace(/\u00a0/g, ' ')), 'the share read in the notification');
    await page.screenshot({ path: join(SHOTS, 'import-capture-progress.png') });
    await toast.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.notification-toast', { hasText: 'TCP Flow: the import of millions.pcap was cancelled' }).waitFor();
    await waitFor(async () => (await toast.count()) === 0, 'the progress notification gone');
    if (await page.locator('.tabs-container .tab').count()) throw new Error('a cancelled import opened a flow');
    if (await page.locator('.notification-toast', { hasText: 'cannot import' }).count()) throw new Error('a cancelled import reported an error');
  } finally {
    rmSync(capture, { force: true });
  }
});

/** The line (1-based) of the selection in the editor showing `name`, read from the screen. */
async function selectedLine(name) {
  return page.locator(`.editor-group-container:has(.tab.active[data-resource-name="${name}"]) .monaco-editor`).first().evaluate((ed) => {
    const sel = ed.querySelector('.view-overlays .selected-text');
    if (!sel) return undefined;
    const top = sel.getBoundingClientRect().top;
    const numbers = [...ed.querySelectorAll('.margin-view-overlays .line-numbers')];
    const hit = numbers.find((n) => Math.abs(n.getBoundingClientRect().top - top) < 3);
    return hit ? Number(hit.textContent) : undefined;
  });
}

scenario('present mode: steps forward and back, states change, the editor line follows; quiz hides and reveals', async () => {
  // A flow of its own: earlier scenarios leave handshake.tcpflow edited.
  await openFile('present.tcpflow');
  await presentCommand();
  const frame = await previewFrame('#present-bar:not([hidden])');
  await waitFor(() => frame.evaluate(() => document.hasFocus()), 'the presentation to have the keyboard');
  const counter = frame.locator('#present-counter');
  const card = (i) => frame.locator('.present-card').nth(i);
  const shows = async (loc, text) => waitFor(async () => ((await loc.textContent()) ?? '').includes(text), `"${text}"`);
  await shows(counter, 'Step 0 of 3');
  await shows(card(0), 'CLOSED');
  // The presentation has the keyboard: → steps forward.
  await page.keyboard.press('ArrowRight');
  await shows(counter, 'Step 1 of 3');
  await shows(card(0), 'SYN_SENT');
  await shows(card(1), 'SYN_RECEIVED');
  await waitFor(async () => (await selectedLine('present.tcpflow')) === 6, 'the editor on line 6 (the SYN)');
  await page.keyboard.press('Space');
  await shows(counter, 'Step 2 of 3');
  await shows(card(0), 'ESTABLISHED');
  await waitFor(async () => (await selectedLine('present.tcpflow')) === 7, 'the editor on line 7');
  await page.keyboard.press('ArrowLeft');
  await shows(counter, 'Step 1 of 3');
  await shows(card(0), 'SYN_SENT');
  await waitFor(async () => (await selectedLine('present.tcpflow')) === 6, 'the editor back on line 6');
  // Quiz: the next step's numbers and states stay hidden until revealed.
  await page.keyboard.press('q');
  await page.keyboard.press('ArrowRight');
  await shows(counter, 'Step 2 of 3');
  await shows(frame.locator('svg text.messageText.present-now'), 'SYN+ACK seq=? ack=?');
  await shows(card(0), '?');
  if (((await card(0).textContent()) ?? '').includes('ESTABLISHED')) throw new Error('the quiz shows the answer');
  await page.screenshot({ path: join(SHOTS, 'present-quiz.png') });
  await page.keyboard.press('r');
  await shows(frame.locator('svg text.messageText.present-now'), 'SYN+ACK seq=y ack=x+1');
  await shows(card(0), 'ESTABLISHED');
  await page.keyboard.press('Escape');
  await frame.locator('#present-bar').waitFor({ state: 'hidden' });
  await frame.locator('#toolbar').waitFor();
});

scenario('"Export Presentation…" writes a self-contained HTML slide file', async () => {
  await openFile('present.tcpflow');
  await command('TCP Flow: Export Presentation');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await waitFor(async () => (await input.inputValue()).endsWith('present.html'), 'the proposed file name');
  await page.keyboard.press('Enter');
  const target = join(workspace, 'present.html');
  await waitFor(() => existsSync(target) && readFileSync(target, 'utf8').endsWith('</html>\n'), `${target} written`);
  const html = readFileSync(target, 'utf8');
  if (!/content="default-src 'none'; script-src 'sha256-/.test(html) || !html.includes('"steps":[')) throw new Error('not the slide file');
  if (!html.includes('Syntax error in text')) throw new Error('the package\'s Mermaid (dist/mermaid.js) is not inlined');
  // Open it offline in the same browser: it steps through the flow.
  const slides = await page.context().browser().newPage();
  try {
    await slides.route('**/*', (r) => (r.request().url() === 'http://slides.invalid/' ? r.fulfill({ contentType: 'text/html', body: html }) : r.abort()));
    await slides.goto('http://slides.invalid/');
    await slides.locator('#present-counter', { hasText: 'Step 0 of 3' }).waitFor();
    await slides.keyboard.press('ArrowRight');
    await slides.locator('#present-counter', { hasText: 'Step 1 of 3' }).waitFor();
  } finally {
    await slides.close();
  }
});

scenario('the Extensions view shows the extension with its icon (the 128×128 PNG from the package)', async () => {
  await page.keyboard.press(`${mod}+Shift+X`);
  const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'TCP Flow' }).first();
  await row.waitFor();
  const icon = row.locator('img.icon');
  await waitFor(() => icon.evaluate((img) => /** @type {HTMLImageElement} */ (img).complete && /** @type {HTMLImageElement} */ (img).naturalWidth > 0), 'the icon loaded');
  const size = await icon.evaluate((img) => [/** @type {HTMLImageElement} */ (img).naturalWidth, /** @type {HTMLImageElement} */ (img).naturalHeight]);
  if (size[0] !== 128 || size[1] !== 128) throw new Error(`the icon is ${size.join('×')}, not 128×128`);
  await page.keyboard.press(`${mod}+Shift+E`);
});

scenario('Korean display language (--locale ko): command titles, diagnostics, hover and the preview in Korean', async () => {
  await openFile('broken.tcpflow');
  await editor().locator('.squiggly-error').first().waitFor();
  // The server's diagnostics in Korean in the Problems panel, with the particle after the name.
  await command('View: Toggle Problems');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'TF500' }).filter({ hasText: 'Client는 여기서 LISTEN이 아니라 SYN_SENT 상태입니다' }).first().waitFor();
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'TF402' }).filter({ hasText: 'ack=x+5는 Server가 받은 것보다' }).first().waitFor();
  const problems = (await page.locator('.markers-panel').textContent()) ?? '';
  if (/\((는|가|를|과|으)\)/.test(problems)) throw new Error(`a two-form particle left in: ${problems}`);
  await page.screenshot({ path: join(SHOTS, 'ko-diagnostics.png') });
  await command('View: Toggle Problems');
  // The hover on the wrong ack: the message, the code's summary, nothing in English.
  await clickText('5');
  await hoverAtCursor();
  const hover = page.locator('.monaco-hover', { hasText: 'TF402' }).filter({ hasText: '받은 것보다 큰 ack' }).first();
  await hover.waitFor();
  const hoverText = ((await hover.textContent()) ?? '').replace(/\u00a0/g, ' ');
  if (/\b(acknowledges|beyond|before|after|Flags|the)\b/.test(hoverText)) throw new Error(`English in the Korean hover: ${hoverText}`);
  await page.screenshot({ path: join(SHOTS, 'ko-hover.png') });
  await page.keyboard.press('Escape');
  // A contributed command's title from package.nls.ko.json, and running it.
  await command('TCP Flow: 측면에서 미리 보기 열기');
  const frame = await previewFrame();
  await waitFor(async () => (await frame.locator('svg text.messageText').count()) === 2, 'the preview drawn');
  // The preview's tab title from the l10n bundle, its toolbar and the error mark's message.
  await page.locator('.tab', { hasText: '미리 보기 broken.tcpflow' }).first().waitFor();
  if ((await frame.locator('#zoom-fit').getAttribute('title')) !== '너비에 맞추기') throw new Error('the preview\'s toolbar is not in Korean');
  const mark = await frame.locator('svg text.messageText.tcpflow-error title').first().textContent();
  if (!/^TF402: ack=x\+5는 Server가 받은 것보다/.test(mark ?? '')) throw new Error(`the error mark's message: ${mark}`);
  await page.screenshot({ path: join(SHOTS, 'ko-preview.png') });
}, 'ko');

// ---- Run Against Linux: the flow played against this machine's kernel (needs a network namespace) ----

/** A scenario that could not run here: reported as SKIPPED with the reason, never as passed. */
class Skipped extends Error {}

/** Why this machine refuses the private network namespace a kernel run needs (the product's own check), or undefined. */
function kernelUnavailable() {
  const probe = `import('./src/kernel/namespace.ts').then(({ default: m }) => {
  try { m.namespacePrefix(); } catch (e) { if (!(e instanceof m.KernelUnavailable)) throw e; console.log(e.message); process.exit(3); }
})`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 3) throw new Error(`could not ask whether this machine allows namespaces: ${r.stderr.trim()}`);
  return r.status === 0 ? undefined : r.stdout.trim();
}

/** The kernel helpers this code-server's installed extension started that are still running. */
function helpersRunning() {
  const mine = join(extensionsDir, '');
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return args.includes(mine) && args.includes('kernel-helper.py');
    } catch {
      return false; // gone meanwhile
    }
  });
}

/** Closes every editor, not keeping an unsaved one (an earlier run's untitled flow). */
async function closeAllEditors() {
  await command('View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" });
  await waitFor(async () => (await dontSave.count()) > 0 || (await page.locator('.tabs-container .tab').count()) === 0, 'the editors closed, or VS Code asking to save one');
  if (await dontSave.count()) await dontSave.click();
  await waitFor(async () => (await page.locator('.tabs-container .tab').count()) === 0, 'no editor open');
}

/** Runs "TCP Flow: Run Against Linux" on the open flow with the kernel playing `who` (picked in the quick pick). */
async function runAgainstLinux(who) {
  await extensionReady();
  await command('TCP Flow: Run Against Linux');
  // The quick pick of the flow's participants: typing the name leaves its row alone.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Client' }).first().waitFor();
  await page.keyboard.type(who);
  await waitFor(async () => (await page.locator('.quick-input-list .monaco-list-row').count()) === 1, `only ${who} offered`);
  await page.keyboard.press('Enter');
}

/** The extension is active (its status bar item shows beside a .tcpflow editor): its commands are in the palette. */
async function extensionReady() {
  await page.locator('.statusbar-item', { hasText: 'TCP Flow' }).first().waitFor();
}

/** Where the machine refuses namespaces: the command shows the helper's reason (no stack trace), and the scenario is skipped, saying so. */
async function kernelOrSkip(file) {
  const reason = kernelUnavailable();
  if (!reason) return;
  await openFile(file);
  await extensionReady();
  await command('TCP Flow: Run Against Linux');
  const toast = page.locator('.notification-toast', { hasText: 'cannot run against Linux here' });
  await toast.waitFor();
  if (/\bat .+:\d+:\d+/.test((await toast.textContent()) ?? '')) throw new Error('a stack trace in the message');
  throw new Skipped(`no private network namespace here: ${reason}`);
}

scenario('Run Against Linux: the 3-way handshake with the kernel as Server agrees on every line; the kernel\'s run opens in one click', async () => {
  await closeAllEditors();
  await kernelOrSkip('kernel-handshake.tcpflow');
  await openFile('kernel-handshake.tcpflow');
  await runAgainstLinux('Server');
  const frame = await previewFrame('#lines tbody tr');
  await frame.locator('svg text.messageText').first().waitFor();
  const verdict = (await frame.locator('#verdict').textContent()) ?? '';
  if (!verdict.includes('Linux agrees with every line of kernel-handshake.tcpflow')) throw new Error(`verdict: ${verdict}`);
  // The kernel's lines (the SYN+ACK, its state) agree; tcpflow's were sent; nothing disagrees.
  const judged = await frame.locator('#lines tbody tr.agrees').allTextContents();
  if (judged.length !== 2 || !judged.every((t) => t.includes('agrees'))) throw new Error(`kernel lines: ${judged.join(' | ')}`);
  if (!judged[0].includes('Server -> Client: SYN ACK seq=y ack=x+1')) throw new Error(`first kernel line: ${judged[0]}`);
  if (await frame.locator('#lines tbody tr.disagrees').count()) throw new Error('a line disagrees');
  if ((await frame.locator('svg text.messageText').count()) !== 3) throw new Error('not the author\'s three arrows');
  if (await frame.locator('svg .tcpflow-error').count()) throw new Error('a mark on a flow Linux agrees with');
  await page.locator('.notification-toast', { hasText: 'Linux agrees with every line of kernel-handshake.tcpflow' }).first().waitFor();
  await page.screenshot({ path: join(SHOTS, 'run-against-linux.png') });
  // One click: the kernel's own run as an untitled .tcpflow document.
  await frame.locator('#open-run').click();
  await page.locator('.tab.active', { hasText: 'Untitled' }).first().waitFor();
  await waitFor(async () => /Server -> Client: SYN ACK seq=\S+ ack=/.test(((await editor().textContent()) ?? '').replace(/\u00a0/g, ' ')), 'the kernel\'s run in an untitled editor');
});

scenario('Run Against Linux: a SYN+ACK that acknowledges x is marked, with what Linux sent (ack=x+1)', async () => {
  await closeAllEditors();
  await kernelOrSkip('kernel-mistake.tcpflow');
  await openFile('kernel-mistake.tcpflow');
  await runAgainstLinux('Server');
  const frame = await previewFrame('#lines tbody tr.disagrees');
  const wrong = (await frame.locator('#lines tbody tr.disagrees').first().textContent()) ?? '';
  if (!wrong.includes('Server -> Client: SYN ACK seq=y ack=x') || !wrong.includes('differs: ack x → the kernel x+1')) throw new Error(`the marked line: ${wrong}`);
  if (!wrong.includes('the kernel sent: Server -> Client: SYN ACK seq=y ack=x+1')) throw new Error(`what Linux sent is not shown: ${wrong}`);
  // The author's arrow as written, in the error colour, and Linux's answer beside it.
  await frame.locator('svg text.messageText.tcpflow-error', { hasText: 'SYN+ACK seq=y ack=x' }).first().waitFor();
  await frame.locator('svg text.noteText', { hasText: '✗ Linux: ack=x+1' }).first().waitFor();
  for (const row of await frame.locator('#lines tbody tr.agrees').allTextContents()) if (!row.includes('agrees')) throw new Error(`row: ${row}`);
  await page.locator('.notification-toast', { hasText: 'Linux disagrees with kernel-mistake.tcpflow' }).first().waitFor();
  // The screenshot shows the marked arrow (the table of lines is above it).
  await frame.locator('svg text.noteText', { hasText: '✗ Linux: ack=x+1' }).first().evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(SHOTS, 'run-against-linux-mistake.png') });
  await page.screenshot({ path: README_KERNEL_SHOT });
  // Run again on the same flow: the quick pick offers the side chosen last first (Server, not Client).
  await openFile('kernel-mistake.tcpflow');
  await command('TCP Flow: Run Against Linux');
  const first = page.locator('.quick-input-list .monaco-list-row').first();
  await waitFor(async () => /Server/.test((await first.textContent()) ?? ''), 'Server, the last choice, offered first');
  await page.keyboard.press('Escape');
});

scenario('Run Against Linux: a Markdown note\'s ```tcpflow block, its lines named as the note\'s, a click on one takes the editor there', async () => {
  await closeAllEditors();
  await kernelOrSkip('kernel-handshake.tcpflow');
  await openFile('note.md');
  await command('TCP Flow: Run Against Linux');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Client' }).first().waitFor();
  await page.keyboard.type('Server');
  await waitFor(async () => (await page.locator('.quick-input-list .monaco-list-row').count()) === 1, 'only Server offered');
  await page.keyboard.press('Enter');
  const frame = await previewFrame('#lines tbody tr');
  // The block starts on the note's line 4: the SYN+ACK is the note's line 7.
  const synAck = frame.locator('#lines tbody tr.agrees', { hasText: 'Server -> Client: SYN ACK seq=y ack=x+1' });
  await synAck.waitFor();
  if ((await synAck.locator('td.num').textContent()) !== '7') throw new Error(`the SYN+ACK's line: ${await synAck.locator('td.num').textContent()}`);
  await synAck.click();
  await waitFor(async () => /Ln 7,/.test((await page.locator('.statusbar-item[id="status.editor.selection"]').textContent({ timeout: 1000 }).catch(() => '')) ?? ''), 'the note\'s cursor on line 7');
});

scenario('Run Against Linux: Cancel in the progress notification stops the helper process', async () => {
  await closeAllEditors();
  await kernelOrSkip('kernel-cancel.tcpflow');
  await openFile('kernel-cancel.tcpflow');
  await runAgainstLinux('Server');
  const toast = page.locator('.notification-toast', { hasText: 'running kernel-cancel.tcpflow against Linux' });
  await toast.waitFor();
  await waitFor(() => helpersRunning().length === 1, 'the kernel helper running');
  await page.screenshot({ path: join(SHOTS, 'run-against-linux-progress.png') });
  await toast.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('.notification-toast', { hasText: 'the run against Linux was cancelled' }).first().waitFor();
  // The message comes once the run has settled, which is after the helper (and its namespace) ended.
  const left = helpersRunning();
  if (left.length) throw new Error(`kernel helper still running: ${left.join(', ')}`);
});

// ---- the web extension: a build with only the \`browser\` entry, so VS Code must run it in the web worker extension host ----
scenario('web extension (browser entry only): diagnostics from the web-worker server, a quick fix, the preview, present mode, hover, completion', async () => {
  await openFile('broken.tcpflow');
  await waitFor(async () => (await editor().locator('.squiggly-error').count()) === 2, 'two error squiggles from the web-worker server');
  await clickText('5');
  await page.keyboard.press(`${mod}+.`);
  await chooseQuickFix('Change to ack=x+1');
  await waitFor(async () => (await editor().locator('.squiggly-error').count()) === 1, 'one error left after the quick fix');
  await command('TCP Flow: Open Preview to the Side');
  await waitFor(async () => (await (await previewFrame()).locator('svg text.messageText').count()) === 2, 'the preview drawn');
  await presentCommand();
  const frame = await previewFrame('#present-bar:not([hidden])');
  await waitFor(() => frame.evaluate(() => document.hasFocus()), 'the presentation to have the keyboard');
  // Its steps arrive after the bar shows: a key pressed before them has nothing to step through.
  await frame.locator('#present-counter', { hasText: 'Step 0 of 2' }).waitFor();
  await page.keyboard.press('ArrowRight');
  await frame.locator('#present-counter', { hasText: 'Step 1 of 2' }).waitFor();
  await page.keyboard.press('Escape');
  // Hover and completion from the web-worker server.
  await openFile('broken.tcpflow');
  await clickText('SYN');
  await hoverAtCursor();
  await page.locator('.monaco-hover', { hasText: 'SYN_SENT' }).first().waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press(`${mod}+End`);
  await page.keyboard.press('Enter');
  await page.keyboard.type('Client -> Server: ');
  await page.keyboard.press(`${mod}+Space`);
  await page.locator('.suggest-widget .monaco-list-row').first().waitFor();
  await page.keyboard.press('Escape');
  await command('File: Revert File');
  // Where it runs: VS Code lists it under the web worker extension host.
  await command('Developer: Show Running Extensions');
  await page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'TCP Flow' }).filter({ hasText: 'web worker' }).first().waitFor();
  await page.screenshot({ path: join(SHOTS, 'web-running-extensions.png') });
  await command('File: Revert File');
}, 'web');

scenario('web extension (browser entry only): "Import Capture…" reads the capture through vscode.workspace.fs', importCaptureScenario, 'web');

scenario('web extension (browser entry only): "Run Against Linux" says why it is not available', async () => {
  await openFile('handshake.tcpflow');
  await extensionReady();
  await command('TCP Flow: Run Against Linux');
  await page.locator('.notification-toast', { hasText: 'Run Against Linux is not available in the web extension' }).first().waitFor();
  if (await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Server' }).count()) throw new Error('the web extension asked which side the kernel plays');
  await page.screenshot({ path: join(SHOTS, 'web-run-against-linux.png') });
}, 'web');

/** Removes \`main\` from the installed extension's manifest: only the \`browser\` entry is left. */
function browserOnly(extensionsDir) {
  const dir = readdirSync(extensionsDir).find((d) => d.startsWith('tcpflow.tcpflow-'));
  if (!dir) throw new Error(`no tcpflow extension in ${extensionsDir}`);
  const manifest = join(extensionsDir, dir, 'package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  delete pkg.main;
  if (!pkg.browser) throw new Error('the package has no browser entry');
  writeFileSync(manifest, JSON.stringify(pkg, null, 2));
}

// ---- run ----
let passed = 0;
const failed = [];
const skipped = [];
const byLocale = new Map();
for (const s of scenarios) byLocale.set(s.locale, [...(byLocale.get(s.locale) ?? []), s]);
for (const [locale, list] of byLocale) {
  const base = mkdtempSync(join(tmpdir(), `tcpflow-e2e-${locale}-`));
  workspace = join(base, 'workspace');
  cpSync(join(E2E, 'workspace'), workspace, { recursive: true });
  const dirs = { userData: join(base, 'user-data'), extensions: join(base, 'extensions') };
  extensionsDir = dirs.extensions;
  let server;
  let browser;
  try {
    const lang = locale === 'web' ? 'en' : locale;
    installExtension(join(ROOT, 'tcpflow.vsix'), dirs, lang === 'en' ? undefined : lang);
    if (locale === 'web') browserOnly(dirs.extensions);
    server = await startCodeServer({ port: await freePort(), dirs, folder: workspace, locale: lang === 'en' ? undefined : lang });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROME_ARGS });
    page = await browser.newPage({ viewport: { width: 1500, height: 900 }, locale: lang });
    page.setDefaultTimeout(30_000);
    // E2E_DEBUG=1: the workbench's console (extension host errors, the web worker's logs) on stdout.
    if (process.env.E2E_DEBUG) page.on('console', (m) => console.log(`      [console] ${m.text().slice(0, 400)}`));
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor();
    for (const s of list) {
      const slug = s.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60).toLowerCase();
      try {
        await s.fn();
        passed++;
        console.log(`  ✔ ${s.name}`);
      } catch (e) {
        if (e instanceof Skipped) {
          skipped.push(s.name);
          console.log(`  ↷ SKIPPED ${s.name}\n      ${e.message}`);
          continue;
        }
        failed.push(s.name);
        console.log(`  ✘ ${s.name}\n      ${String(e instanceof Error ? e.message : e).split('\n').slice(0, 4).join('\n      ')}`);
      } finally {
        await page.screenshot({ path: join(SHOTS, `${locale}-${slug}.png`) }).catch(() => undefined);
        await page.keyboard.press('Escape').catch(() => undefined);
      }
    }
  } catch (e) {
    for (const s of list) failed.push(s.name);
    console.log(`  ✘ could not start VS Code for ${locale}: ${e instanceof Error ? e.message : e}`);
  } finally {
    await browser?.close().catch(() => undefined);
    if (server && server.child.exitCode === null) {
      const exited = new Promise((ok) => server.child.once('exit', ok));
      server.child.kill();
      await exited;
    }
    // code-server's children may still be writing into its user data: retry, and never fail the run for it.
    try {
      rmSync(base, { recursive: true, force: true, maxRetries: 5 });
    } catch (e) {
      console.log(`  (could not remove ${base}: ${e instanceof Error ? e.message : e})`);
    }
  }
}
// Skipped scenarios are counted after the time, so the summary's first part (read by readme-figures) counts only those that ran.
console.log(`\ne2e: ${passed} passed, ${failed.length} failed (${((Date.now() - started) / 1000).toFixed(0)} s)${skipped.length ? `, ${skipped.length} SKIPPED: ${skipped.join('; ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
