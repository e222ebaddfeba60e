/**
 * The order a kernel run records its packets in: tcpflow's packet is written down when the
 * helper confirms it has handed it to the kernel (its `sent` event, after every packet the
 * kernel had sent before), never when tcpflow asks for it. A stand-in helper plays the kernel's
 * side, so this runs everywhere, without a namespace: it resends its SYN+ACK just before
 * tcpflow's ACK is written, as a kernel whose retransmission timer fired on a loaded machine.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runFlow } from '../../src/kernel/index.js';
import { bytesOf, decodePacket } from '../../src/kernel/packets.js';
import { kernelFlow } from '../../src/kernel/kernelFlow.js';
import { StandInHelper } from './standIn.js';

describe('kernel run: the order packets are recorded in', () => {
  it("records tcpflow's packet when the helper confirms it was sent, after the kernel's packets sent before it", async () => {
    const helper = new StandInHelper();
    const r = await runFlow(readFileSync('examples/three-way-handshake.tcpflow', 'utf8'), { kernelPlays: 'Server', helper, settleMs: 20, answerMs: 300 });
    assert.deepEqual(helper.happened, ['tcpflow SYN', 'kernel SYN ACK', 'kernel SYN ACK (resent)', 'tcpflow ACK']);
    const recorded = r.packets.map((p) => {
      const d = decodePacket(bytesOf(p.hex), 0)!;
      return `${p.from} ${(d.flags & 0x12) === 0x12 ? 'SYN ACK' : (d.flags & 0x02) !== 0 ? 'SYN' : 'ACK'}`;
    });
    // Asked-for order would put tcpflow's ACK before the resend, an unexplained resend after it.
    assert.deepEqual(recorded, ['tcpflow SYN', 'kernel SYN ACK', 'kernel SYN ACK', 'tcpflow ACK']);
    // The kernel's own run shows the resend before the ACK that made it unnecessary.
    const doc = kernelFlow(r, 'three-way-handshake.tcpflow')!;
    const segments = doc.split('\n').filter((l) => l.includes(' -> '));
    assert.equal(segments.length, 4, doc);
    assert.match(segments[3]!, /^Client -> Server: ACK\b/, doc);
  });
});
