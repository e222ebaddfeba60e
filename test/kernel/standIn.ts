/**
 * A stand-in for the kernel helper (src/kernel/helper.py) in tests that need no namespace: a
 * kernel playing Server that answers tcpflow's SYN with a SYN+ACK acknowledging x+1 and, when
 * tcpflow's next packet comes, had already resent that SYN+ACK (told before the packet's `sent`,
 * as the real helper tells what the kernel sent before a write).
 */

import type { HelperLike } from '../../src/kernel/index.js';
import type { HelperEvent } from '../../src/kernel/namespace.js';
import { buildPacket, bytesOf, decodePacket, hexOf } from '../../src/kernel/packets.js';

/** A packet from the kernel (10.77.0.1) to tcpflow: buildPacket's addresses swapped (the checksums stay right). */
function fromKernel(p: { seq: number; ack: number; flags: number }): string {
  const b = buildPacket({ srcPort: 8080, dstPort: 40000, win: 64240, payload: new Uint8Array(0), ...p }, 1);
  const src = b.slice(12, 16);
  b.copyWithin(12, 16, 20);
  b.set(src, 16);
  return hexOf(b);
}

/** A kernel as Server that answers a SYN and, on the next packet, had already resent its SYN+ACK. */
export class StandInHelper implements HelperLike {
  private readonly listeners = new Set<(e: HelperEvent) => void>();
  readonly exited = Promise.resolve(0);
  readonly injected: string[] = [];
  /** The order the helper did things in: what the run must record. */
  readonly happened: string[] = [];
  private synAck: string | undefined;

  on(f: (e: HelperEvent) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  next(test: (e: HelperEvent) => boolean, ms: number): Promise<HelperEvent | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(undefined), ms);
      const off = this.on((e) => test(e) && finish(e));
      const finish = (e: HelperEvent | undefined): void => {
        off();
        clearTimeout(timer);
        resolve(e);
      };
    });
  }

  private emit(e: HelperEvent): void {
    for (const f of [...this.listeners]) f(e);
  }

  async command(op: string, args: Record<string, unknown> = {}): Promise<string | undefined> {
    await Promise.resolve(); // events come after the command was sent, as from a process
    if (op === 'inject') {
      const hex = String(args['hex']);
      const p = decodePacket(bytesOf(hex), 0)!;
      if (this.synAck && (p.flags & 0x02) === 0) {
        // The kernel's retransmission, sent before tcpflow's ACK reached it: told first.
        this.emit({ ev: 'pkt', hex: this.synAck });
        this.happened.push('kernel SYN ACK (resent)');
      }
      this.injected.push(hex);
      this.emit({ ev: 'sent' });
      this.happened.push(`tcpflow ${(p.flags & 0x02) !== 0 ? 'SYN' : 'ACK'}`);
      if ((p.flags & 0x02) !== 0) {
        this.synAck = fromKernel({ seq: 5000, ack: (p.seq! + 1) >>> 0, flags: 0x12 });
        this.emit({ ev: 'pkt', hex: this.synAck });
        this.happened.push('kernel SYN ACK');
      }
    }
    if (op === 'state') this.emit({ ev: 'state', state: this.injected.length >= 2 ? 'ESTABLISHED' : 'SYN_RECEIVED' });
    this.emit({ ev: 'done' });
    return undefined;
  }

  kill(): void {}
}
