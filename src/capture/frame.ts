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
}

/** What a reader gives back besides frames: problems that did not stop it. */
export interface ReadReport {
  warnings: string[];
}
