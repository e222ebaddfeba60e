/**
 * Which interface of a capture is read. A pcapng file (or `tcpdump -i any` text) may hold the
 * same connection seen on several interfaces; merging them would double every segment, so one
 * interface is read: the one asked for, else the first that carried TCP.
 */

import { CaptureError } from './bytes.js';
import type { CaptureInterface, ReadReport } from './frame.js';

/** An interface's index, or its name (pcapng if_name, the interface column of tcpdump text). */
export type InterfaceChoice = number | string;

/** An interface of the capture, with how many TCP segments it carried. */
export interface InterfaceSummary extends CaptureInterface {
  readonly tcpSegments: number;
  /** The one whose connections are read and listed. */
  readonly read: boolean;
}

/** `interface 1 (eth0)`. */
export function interfaceText(i: CaptureInterface): string {
  return `interface ${i.index}${i.name ? ` (${i.name})` : ''}`;
}

export class InterfacePicker {
  private reading: number | undefined;
  private readonly tcpOn = new Map<number, number>();

  constructor(
    private readonly choice: InterfaceChoice | undefined,
    private readonly report: ReadReport,
  ) {}

  /** Counts a TCP segment seen on interface `i`; true when that is the interface read. */
  take(i: number): boolean {
    this.tcpOn.set(i, (this.tcpOn.get(i) ?? 0) + 1);
    if (this.reading === undefined && (this.choice === undefined || this.wanted(i))) this.reading = i;
    return i === this.reading;
  }

  /** Every interface with its count; an unknown choice is an error, segments left out a warning. */
  finish(): InterfaceSummary[] {
    const described: readonly CaptureInterface[] = this.report.interfaces ?? [{ index: 0, linkType: -1 }];
    const choice = this.choice;
    if (choice !== undefined && !described.some((i) => this.wanted(i.index))) {
      throw new CaptureError(
        `no interface ${typeof choice === 'number' ? `number ${choice}` : `named '${choice}'`}: the capture has ${described.map(interfaceText).join(', ')}`,
      );
    }
    const interfaces = described.map((i) => ({ ...i, tcpSegments: this.tcpOn.get(i.index) ?? 0, read: i.index === this.reading }));
    const others = interfaces.filter((i) => !i.read && i.tcpSegments > 0);
    const read = interfaces.find((i) => i.read);
    if (choice === undefined && read && others.length > 0) {
      this.report.warnings.push(
        `the capture holds TCP segments from ${others.length + 1} interfaces: read ${interfaceText(read)}; left out ${others.map((i) => `${i.tcpSegments} from ${interfaceText(i)}`).join(', ')} (--interface chooses one, --list shows them)`,
      );
    }
    return interfaces;
  }

  private wanted(i: number): boolean {
    return typeof this.choice === 'number' ? i === this.choice : this.report.interfaces?.[i]?.name === this.choice;
  }
}
