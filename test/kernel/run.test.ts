/**
 * `tcpflow-cli run` against this machine's Linux: the examples' flows played with the kernel on
 * either side must agree line by line; flows with a deliberate mistake must show what Linux sent
 * instead. Real kernel runs need a private network namespace with a TUN device (root, or
 * unprivileged user namespaces with /dev/net/tun open to the user): without one these tests say
 * so and are skipped, and the recorded fixtures (fixtures.test.ts) are judged instead.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { KernelUnavailable, namespacePrefix, runFlow, summary, type RunResult } from '../../src/kernel/index.js';
import { kernelFlow } from '../../src/kernel/kernelFlow.js';
import { markedDiagram } from '../../src/kernel/diagram.js';
import { check } from '../../src/core/index.js';

/** Why kernel runs cannot happen here, or undefined when they can. */
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
if (reason) console.log(`  kernel runs SKIPPED (the recorded fixtures are still judged): ${reason}`);

/** The done-when flows, each with the kernel on either side: every line agrees. */
const AGREE: readonly [string, string][] = [
  ['examples/three-way-handshake.tcpflow', 'Client'],
  ['examples/three-way-handshake.tcpflow', 'Server'],
  ['examples/four-way-close.tcpflow', 'Client'],
  ['examples/four-way-close.tcpflow', 'Server'],
  ['examples/refused.tcpflow', 'Client'],
  ['examples/refused.tcpflow', 'Server'],
  ['examples/lost-syn.tcpflow', 'Client'],
  ['examples/lost-syn.tcpflow', 'Server'],
  ['examples/simultaneous-close.tcpflow', 'A'],
  ['examples/simultaneous-close.tcpflow', 'B'],
  ['examples/half-close.tcpflow', 'Client'],
  ['examples/half-close.tcpflow', 'Server'],
  ['examples/abort.tcpflow', 'Server'],
  ['test/kernel/flows/abort-linux.tcpflow', 'Client'],
  ['test/kernel/flows/abort-linux.tcpflow', 'Server'],
];

const MISTAKES: readonly [string, string][] = [
  ['test/kernel/flows/synack-acks-x.tcpflow', 'Server'],
  ['test/kernel/flows/data-without-ack.tcpflow', 'Client'],
  ['test/kernel/flows/data-without-ack.tcpflow', 'Server'],
  ['test/kernel/flows/wrong-fin-seq.tcpflow', 'Client'],
  ['examples/abort.tcpflow', 'Client'],
];

const kernelLines = (r: RunResult): string[] => r.lines.filter((l) => l.who === 'kernel').map((l) => `${l.line + 1} ${l.verdict}: ${l.source.trim()}`);

describe("kernel run: flows against this machine's Linux (tcpflow-cli run)", function () {
  this.timeout(60_000);
  const results = new Map<string, RunResult>();
  before(async function () {
    if (reason) this.skip();
    // Each run in its own namespace, three at a time: the waits (a lost SYN's 1 s) overlap, and
    // tcpflow still answers within the kernel's 200 ms retransmission timeout on a busy machine.
    const todo = [...AGREE, ...MISTAKES];
    const worker = async (): Promise<void> => {
      for (let job = todo.shift(); job; job = todo.shift()) {
        const [file, who] = job;
        results.set(`${file}:${who}`, await runFlow(readFileSync(file, 'utf8'), { kernelPlays: who, maxWaitMs: 1500 }));
      }
    };
    await Promise.all([worker(), worker(), worker()]);
  });

  for (const [file, who] of AGREE) {
    it(`${file} with the kernel as ${who}: every line agrees`, () => {
      const r = results.get(`${file}:${who}`)!;
      const s = summary(r);
      assert.equal(s.disagree, 0, kernelLines(r).join('\n'));
      assert.equal(s.extra, 0, r.lines.flatMap((l) => l.extras).join('\n'));
      assert.ok(s.agree >= 1, kernelLines(r).join('\n'));
      // The kernel's own run, written as import writes a capture, checks clean under `stack linux`.
      const doc = kernelFlow(r, file)!;
      const errors = check(doc).diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => `${d.range.start.line + 1} ${d.code}`),
        [],
        doc,
      );
    });
  }

  it('a timer longer than --max-wait is said to be cut short, and what depends on it is not judged', () => {
    const r = results.get('examples/four-way-close.tcpflow:Client')!;
    const wait = r.lines.find((l) => l.source.trim() === 'wait 2MSL')!;
    assert.equal(wait.verdict, 'not-judged');
    assert.match(wait.note ?? '', /could not be waited out/);
    assert.equal(r.lines.find((l) => l.source.trim() === 'Client is CLOSED')!.verdict, 'not-judged');
    assert.equal(r.final.kernel, 'TIME_WAIT');
  });

  it('a SYN+ACK that acknowledges x: Linux sends ack=x+1', () => {
    const l = results.get('test/kernel/flows/synack-acks-x.tcpflow:Server')!.lines.find((x) => x.line === 5)!;
    assert.equal(l.verdict, 'differs');
    assert.deepEqual(l.differences, [{ field: 'ack', flow: 'x', kernel: 'x+1' }]);
  });

  it('data without ACK: Linux sends PSH ACK; sent to Linux, it is ignored (no ACK comes back)', () => {
    const client = results.get('test/kernel/flows/data-without-ack.tcpflow:Client')!.lines.find((x) => x.line === 7)!;
    assert.equal(client.verdict, 'differs');
    assert.deepEqual(
      client.differences?.map((d) => `${d.field}: ${d.flow} → ${d.kernel}`),
      ['flags: PSH → PSH ACK'],
    );
    const server = results.get('test/kernel/flows/data-without-ack.tcpflow:Server')!.lines.find((x) => x.line === 8)!;
    assert.equal(server.verdict, 'nothing');
  });

  it('a wrong FIN number: Linux numbers its FIN x+1', () => {
    const l = results.get('test/kernel/flows/wrong-fin-seq.tcpflow:Client')!.lines.find((x) => x.line === 7)!;
    assert.equal(l.verdict, 'differs');
    assert.deepEqual(l.differences, [{ field: 'seq', flow: 'x+5', kernel: 'x+1' }]);
  });

  it("abort: Linux's RST carries ACK (tcp_send_active_reset), where RFC 9293's ABORT writes a bare RST", () => {
    const r = results.get('examples/abort.tcpflow:Client')!;
    const l = r.lines.find((x) => x.line === 5)!;
    assert.deepEqual(
      l.differences?.map((d) => `${d.field}: ${d.flow} → ${d.kernel}`),
      ['flags: RST → RST ACK'],
    );
    assert.match(markedDiagram(r), /✗ Linux#58; flags=RST ACK/);
  });
});

describe('tcpflow-cli run: usage', () => {
  const CLI = 'dist/cli.js';
  before(() => assert.ok(existsSync(CLI), 'run `npm run build` first'));
  const cli = (...args: string[]): { code: number; out: string; err: string } => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  };
  it('without --kernel-plays: a clear message and exit 2', () => {
    const r = cli('run', 'examples/three-way-handshake.tcpflow');
    assert.equal(r.code, 2);
    assert.match(r.err, /needs --kernel-plays NAME/);
  });
  it('a participant the flow does not have: exit 2, naming the ones it has', () => {
    const r = cli('run', 'examples/three-way-handshake.tcpflow', '--kernel-plays', 'Nobody');
    assert.equal(r.code, 2);
    assert.match(r.err, /no participant 'Nobody' \(the flow has Client and Server\)/);
  });
  it('a flow with several connections: exit 2 with the reason', () => {
    const r = cli('run', 'examples/several-connections.tcpflow', '--kernel-plays', 'Web');
    assert.equal(r.code, 2);
    assert.match(r.err, /plays one connection/);
  });
  it('a bad --max-wait: exit 2', () => {
    const r = cli('run', 'examples/three-way-handshake.tcpflow', '--kernel-plays', 'Server', '--max-wait', 'soon');
    assert.equal(r.code, 2);
    assert.match(r.err, /--max-wait/);
  });
  it('the 3-way handshake with the kernel as server: exit 0 and "agree" (or exit 2 saying why there is no kernel to run against)', function () {
    const r = cli('run', 'examples/three-way-handshake.tcpflow', '--kernel-plays', 'Server');
    if (reason) {
      assert.equal(r.code, 2);
      assert.match(r.err, /namespace|Linux|python3/);
      return;
    }
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /2 lines agree, 0 disagree, 0 segments sent more/);
    assert.match(r.out, / 7 ✓ Server -> Client: SYN ACK seq=y ack=x\+1\s+agrees/);
  });
});
