/**
 * The desktop extension's runner behind "TCP Flow: Run Against Linux"
 * (src/extension/nodeKernelRunner.ts; it uses no `vscode`): every failure is one line to show,
 * never a stack trace; off Linux the reason names the platform; a run gives the panel's view and
 * the kernel's own run; Cancel gives "cancelled". Real runs need a namespace (skipped, and said
 * so, without one).
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { nodeKernelRunner } from '../../src/extension/nodeKernelRunner.js';
import { platformProblem } from '../../src/kernel/index.js';

const handshake = readFileSync('examples/three-way-handshake.tcpflow', 'utf8');
const request = (text: string, kernelPlays = 'Server') => ({ text, kernelPlays, file: 'flow.tcpflow', lineOffset: 0, showStates: true });

describe('Run Against Linux: the desktop runner', function () {
  this.timeout(30_000);
  let reason: string | undefined;
  before(async () => {
    reason = await nodeKernelRunner.unavailable();
    if (reason) console.log(`  real runs of the desktop runner SKIPPED: ${reason}`);
  });

  it('off Linux the reason names the platform; on Linux there is none', () => {
    assert.equal(platformProblem('darwin'), 'running a flow against the kernel needs Linux (network namespaces and a TUN device); this is darwin');
    assert.match(platformProblem('win32')!, /needs Linux .* this is win32$/);
    assert.equal(platformProblem('linux'), undefined);
  });

  it('a flow a run cannot play: one line saying why, no stack trace', async () => {
    const out = await nodeKernelRunner.run(request(readFileSync('examples/several-connections.tcpflow', 'utf8'), 'Web'), new AbortController().signal);
    assert.equal(out.kind, 'problem');
    assert.match(out.kind === 'problem' ? out.message : '', /^a kernel run plays one connection; this flow has `connection` lines/);
    assert.doesNotMatch(out.kind === 'problem' ? out.message : '', /\n|\bat .+:\d+:\d+/);
    const nobody = await nodeKernelRunner.run(request(handshake, 'Nobody'), new AbortController().signal);
    assert.deepEqual(nobody, { kind: 'problem', message: "--kernel-plays: no participant 'Nobody' (the flow has Client and Server)" });
  });

  it("the 3-way handshake with the kernel as Server: the view agrees, the kernel's run is a .tcpflow document", async function () {
    if (reason) this.skip();
    const out = await nodeKernelRunner.run(request(handshake), new AbortController().signal);
    assert.equal(out.kind, 'done', JSON.stringify(out));
    if (out.kind !== 'done') return;
    assert.equal(out.view.agrees, true, out.view.lines.map((l) => `${l.line + 1} ${l.text}`).join('\n'));
    assert.equal(out.view.summary, '2 lines agree, 0 disagree, 0 segments sent more');
    assert.match(out.kernelFlow ?? '', /^Server -> Client: SYN ACK seq=\S+ ack=/m);
  });

  it('cancelled before it starts: "cancelled", nothing else', async function () {
    if (reason) this.skip();
    const c = new AbortController();
    c.abort();
    assert.deepEqual(await nodeKernelRunner.run(request(handshake), c.signal), { kind: 'cancelled' });
  });
});
