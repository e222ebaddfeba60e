/**
 * The kernel's own run as a document (src/kernel/kernelFlow.ts), from packets made by hand (no
 * namespace needed): what the differential fuzz judges. tcpflow's in-window RST after which it
 * goes on is a third party's (RFC 5961's blind reset), and a FIN the kernel's application asked
 * for that never left is its `close` at the end.
 */
import assert from 'node:assert/strict';
import { judgeKernelRun } from '../../src/kernel/differential.js';
import { kernelFlow } from '../../src/kernel/kernelFlow.js';
import { buildPacket, hexOf } from '../../src/kernel/packets.js';
import type { RecordedPacket, RunResult } from '../../src/kernel/runner.js';

const T_PORT = 40000;
const K_PORT = 8080;
let time = 0;
/** tcpflow's packet (10.77.0.2 → 10.77.0.1). */
const fromTcpflow = (seq: number, ack: number, flags: number): RecordedPacket => ({
  from: 'tcpflow',
  hex: hexOf(buildPacket({ srcPort: T_PORT, dstPort: K_PORT, seq, ack, flags, win: 65535, payload: new Uint8Array(0) }, 1)),
  timeUs: (time += 1000),
});
/** The kernel's packet: buildPacket's addresses swapped (the checksums stay right). */
const fromKernel = (seq: number, ack: number, flags: number): RecordedPacket => {
  const b = buildPacket({ srcPort: K_PORT, dstPort: T_PORT, seq, ack, flags, win: 64240, payload: new Uint8Array(0) }, 1);
  const src = b.slice(12, 16);
  b.copyWithin(12, 16, 20);
  b.set(src, 16);
  return { from: 'kernel', hex: hexOf(b), timeUs: (time += 1000) };
};
const SYN = 0x02;
const ACK = 0x10;
const RST = 0x04;
const run = (packets: RecordedPacket[], extra: Partial<RunResult> = {}): RunResult =>
  ({ kernelRelease: 'test', kernel: 'S', tcpflow: 'C', packets, ports: { kernel: K_PORT, tcpflow: T_PORT }, ...extra }) as RunResult;
const handshake = (): RecordedPacket[] => [fromTcpflow(1000, 0, SYN), fromKernel(5000, 1001, SYN | ACK), fromTcpflow(1001, 5001, ACK)];

describe("kernel run: the kernel's own run as a document", () => {
  it("tcpflow's in-window RST after which it goes on is written as a third party's, and the kernel's challenge ACK is owed and agreed", () => {
    const doc = kernelFlow(run([...handshake(), fromTcpflow(1100, 0, RST), fromKernel(5001, 1001, ACK), fromTcpflow(1001, 5001, ACK)]), 'a test')!;
    assert.match(doc, /^Attacker as C -> S: RST seq=x\+100$/m, doc);
    assert.deepEqual(judgeKernelRun(doc, 'S', 'ESTABLISHED'), []);
  });

  it('a RST tcpflow ends with stays its own', () => {
    const doc = kernelFlow(run([...handshake(), fromTcpflow(1001, 0, RST)]), 'a test')!;
    assert.match(doc, /^C -> S: RST seq=x\+1$/m, doc);
    assert.deepEqual(judgeKernelRun(doc, 'S', 'CLOSED'), []);
  });

  it("a FIN the kernel's application asked for that never left is its close at the end", () => {
    const doc = kernelFlow(run(handshake(), { finQueued: true }), 'a test')!;
    assert.match(doc, /\nS close\b[^\n]*\n$/, doc);
  });
});
