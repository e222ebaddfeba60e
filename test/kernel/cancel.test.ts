/**
 * Cancel (the CLI's Ctrl-C, the VS Code command's Cancel button): the run stops at once, and by
 * the time runFlow settles the helper process is gone and with it the private network
 * namespace (no process is left in it). Needs a namespace: skipped, and said so, without one.
 */

import assert from 'node:assert/strict';
import { readdirSync, readlinkSync } from 'node:fs';
import { Helper, KernelUnavailable, namespacePrefix, runFlow, RunCancelled } from '../../src/kernel/index.js';

function unavailable(): string | undefined {
  try {
    namespacePrefix();
    return undefined;
  } catch (e) {
    if (e instanceof KernelUnavailable) return e.message;
    throw e;
  }
}

const reason = unavailable();
if (reason) console.log(`  kernel cancel tests SKIPPED: ${reason}`);

/** The network namespace of a process, or undefined once it is gone. */
function netns(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/ns/net`);
  } catch {
    return undefined;
  }
}

/** Every process still in this network namespace. */
function inNamespace(ns: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => netns(pid) === ns);
}

const FLOW = `client Client
server Server

Client -> Server: SYN seq=x
Server -> Client: SYN ACK seq=y ack=x+1
Client -> Server: ACK seq=x+1 ack=y+1
wait 60s
Client -> Server: FIN ACK seq=x+1 ack=y+1
Server -> Client: ACK seq=y+1 ack=x+2
`;

describe('kernel run: Cancel stops the helper and ends its namespace', function () {
  this.timeout(30_000);
  before(function () {
    if (reason) this.skip();
  });

  it("cancelled when the kernel's SYN+ACK comes: the run reports cancelled, the helper and the namespace are gone", async () => {
    const controller = new AbortController();
    let helper: Helper | undefined;
    let ns: string | undefined;
    const r = await runFlow(FLOW, {
      kernelPlays: 'Server',
      maxWaitMs: 60_000,
      signal: controller.signal,
      onHelper: (h) => {
        helper = h;
        ns = netns(h.pid!);
        // The kernel's first packet: the run is under way, inside the namespace.
        h.on((e) => {
          if (e.ev === 'pkt') controller.abort();
        });
      },
    });
    assert.ok(helper?.pid && ns, 'the helper started in a namespace');
    assert.notEqual(ns, netns(process.pid), 'the helper ran in a namespace of its own');
    assert.equal(r.cancelled, true);
    // The 60 s wait was never waited: the lines after it were not played.
    assert.equal(
      r.lines.some((l) => l.source.startsWith('wait')),
      false,
      r.lines.map((l) => l.source).join('\n'),
    );
    assert.equal(netns(helper.pid), undefined, 'the helper process is gone');
    assert.deepEqual(inNamespace(ns), [], 'no process is left in the namespace');
  });

  it('cancelled before the helper is ready: RunCancelled, and no run', async () => {
    const controller = new AbortController();
    const pending = runFlow(FLOW, { kernelPlays: 'Server', signal: controller.signal });
    controller.abort();
    await assert.rejects(pending, RunCancelled);
  });
});
