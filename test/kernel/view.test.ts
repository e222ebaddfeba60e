/**
 * What the "Run Against Linux" panel is given (src/kernel/view.ts): each line's verdict as the
 * text report says it, the author's diagram with the kernel's disagreement marked beside its
 * line, every drawn element on its document line (a Markdown block's lines moved by its
 * offset). The kernel is a stand-in (test/kernel/standIn.ts), so this needs no namespace.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { runFlow, type RunResult } from '../../src/kernel/index.js';
import { kernelRunView } from '../../src/kernel/view.js';
import { fromKernelRunPanel } from '../../src/shared/kernelRunProtocol.js';
import { kernelRunHtml } from '../../src/shared/kernelRunHtml.js';
import { StandInHelper } from './standIn.js';

const run = (file: string): Promise<RunResult> =>
  runFlow(readFileSync(file, 'utf8'), { kernelPlays: 'Server', helper: new StandInHelper(), settleMs: 20, answerMs: 300 });

/** Mermaid lines that Mermaid draws as a message or a note, in order. */
const drawnLines = (mermaid: string): string[] => mermaid.split('\n').filter((l) => /^\s*(P\d+\s*-|Note )/.test(l));

describe("kernel run: the panel's view of a run", () => {
  it('a SYN+ACK that acknowledges x: the line is marked, explained with what the kernel sent, and drawn beside the arrow', async () => {
    const v = kernelRunView(await run('test/kernel/flows/synack-acks-x.tcpflow'), 'synack-acks-x.tcpflow', { hasKernelFlow: true });
    const line = v.lines.find((l) => l.source === 'Server -> Client: SYN ACK seq=y ack=x')!;
    assert.equal(line.line, 5);
    assert.equal(line.mark, 'disagrees');
    assert.equal(line.text, 'differs: ack x → the kernel x+1');
    assert.equal(line.kernelSent, 'Server -> Client: SYN ACK seq=y ack=x+1');
    // The stand-in resent its SYN+ACK: sent more, under the line it followed.
    assert.deepEqual(line.extras, ['Server -> Client: SYN ACK seq=y ack=x+1']);
    assert.equal(v.lines.find((l) => l.source === 'Client -> Server: SYN seq=x')!.text, 'sent by tcpflow');
    assert.equal(v.agrees, false);
    assert.equal(v.summary, '1 line agree, 1 disagree, 1 segment sent more');
    // The author's arrow as written, in the error colour, with Linux's answer in a note beside it.
    assert.match(v.diagram.mermaid, /P2->>P1: SYN\+ACK seq=y ack=x ✗ x\+1\n\s*Note right of P2: ✗ Linux#58; ack=x\+1\n/);
    assert.ok(
      v.diagram.elements.some((e) => e.kind === 'message' && e.line === 5 && e.error),
      JSON.stringify(v.diagram.elements),
    );
    assert.ok(v.diagram.elements.some((e) => e.kind === 'note' && e.line === 5 && e.error));
    // One element per drawn message or note, in drawing order: a click names the right line.
    const drawn = drawnLines(v.diagram.mermaid);
    assert.equal(v.diagram.elements.length, drawn.length);
    v.diagram.elements.forEach((e, i) => assert.equal(e.kind === 'note', /^\s*Note /.test(drawn[i]!), `${i}: ${drawn[i]}`));
    assert.match(
      v.diagram.marks.find((m) => m.line === 5)!.message,
      /^differs: ack x → the kernel x\+1\nthe kernel sent: Server -> Client: SYN ACK seq=y ack=x\+1/,
    );
  });

  it("a flow that agrees: ✓ on the kernel's lines, no mark drawn; a Markdown block's lines are the note's", async () => {
    const v = kernelRunView(await run('examples/three-way-handshake.tcpflow'), 'note.md', { hasKernelFlow: true, lineOffset: 10 });
    const kernel = v.lines.filter((l) => l.who === 'kernel');
    assert.deepEqual(
      kernel.map((l) => `${l.line} ${l.mark} ${l.text}`),
      ['16 agrees agrees', '19 agrees agrees'],
    );
    assert.doesNotMatch(v.diagram.mermaid, /✗/);
    assert.ok(v.diagram.elements.every((e) => e.line >= 10));
  });

  it("the panel may only ask to reveal a line, open the kernel's run, or say it drew", () => {
    assert.deepEqual(fromKernelRunPanel({ type: 'reveal', line: 4 }), { type: 'reveal', line: 4 });
    assert.equal(fromKernelRunPanel({ type: 'reveal', line: -1 }), undefined);
    assert.equal(fromKernelRunPanel({ type: 'reveal', line: '4' }), undefined);
    assert.deepEqual(fromKernelRunPanel({ type: 'openKernelFlow', uri: 'file:///etc/passwd' }), { type: 'openKernelFlow' });
    assert.equal(fromKernelRunPanel({ type: 'command', command: 'workbench.action.terminal.new' }), undefined);
    assert.equal(fromKernelRunPanel(null), undefined);
  });

  it("the panel's page: scripts only with the nonce, no network, the package's own Mermaid first, and a script that carries none", () => {
    const html = kernelRunHtml({
      cspSource: 'vscode-resource:',
      nonce: 'abc123',
      mermaidUri: 'res/dist/mermaid.js',
      scriptUri: 'res/dist/kernel-run.js',
      styleUris: ['res/media/preview.css'],
      lang: 'en',
    });
    assert.match(html, /content="default-src 'none'; [^"]*script-src 'nonce-abc123'"/);
    assert.doesNotMatch(html, /https?:\/\//);
    const scripts = [...html.matchAll(/<script nonce="abc123" src="([^"]+)"><\/script>/g)].map((m) => m[1]);
    assert.deepEqual(scripts, ['res/dist/mermaid.js', 'res/dist/kernel-run.js']);
    assert.match(kernelRunHtml({ cspSource: 'x', nonce: 'n', mermaidUri: 'm', scriptUri: 's', styleUris: [], lang: 'ko' }), /Linux의 실행을 \.tcpflow로 열기/);
    assert.ok(existsSync('dist/kernel-run.js'), 'run `npm run build` first');
    assert.equal(readFileSync('dist/kernel-run.js', 'utf8').includes('Syntax error in text'), false, 'dist/kernel-run.js bundles Mermaid');
    assert.ok(readFileSync('.vscodeignore', 'utf8').split('\n').includes('!dist/kernel-run.js'), "the VSIX takes the panel's script");
  });
});
