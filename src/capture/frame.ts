/** One captured link-layer frame, as the file readers hand it on. */

export interface Frame {
  /** Microseconds since the epoch (fractional for nanosecond captures). */
  readonly timeUs: number;
  /** The link type (LINKTYPE_* numbers of tcpdump.org). */
  readonly linkType: number;
  /** The bytes captured (may be fewer than were on the wire). */
  readonly data: Uint8Array;
  /** Which record of the file, 1-based, for messages. */
  readonly record: number;
  /** Which interface captured it: its index among the file's interfaces (pcap: always 0). */
  readonly iface: number;
}

/** An interface of a capture (a pcapng Interface Description Block, or a name in tcpdump -i any text), in file order. */
export interface CaptureInterface {
  readonly index: number;
  /** LINKTYPE_* number; -1 when unknown (tcpdump text). */
  readonly linkType: number;
  /** if_name and if_description, when the file gives them. */
  readonly name?: string;
  readonly description?: string;
}

/** What a reader gives back besides frames: problems that did not stop it. */
export interface ReadReport {
  warnings: string[];
  /** The interfaces described so far (a pcapng file's; none for pcap and text). */
  interfaces?: CaptureInterface[];
}

/**
 * Where a reader hands each frame: the captured bytes are `data[at, at + caplen)`, valid only
 * during the call (the reader's chunk is reused), so a sink copies what it keeps.
 */
export interface FrameSink {
  frame(data: Uint8Array, at: number, caplen: number, linkType: number, iface: number, timeUs: number, record: number): void;
}
