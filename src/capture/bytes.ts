/**
 * Where capture bytes come from, and the one error the readers throw. The file is read in
 * large chunks, in order (scan.ts), so a huge file is never held in memory: the CLI reads from
 * a file descriptor, the tests from an array.
 */

export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer only at the end of the source. */
  read(offset: number, length: number): Uint8Array;
  /**
   * Optional: fills `into` from `offset` (fewer bytes only at the end) and says how many, so a
   * whole file is read through one reused buffer.
   */
  readInto?(offset: number, into: Uint8Array): number;
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
}

/** A capture that cannot be read: the message says what and where (byte offset). */
export class CaptureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaptureError';
  }
}

/** A record larger than this is corruption, not data (tcpdump's largest snapshot length). */
export const MAX_RECORD = 262_144;

/** Reads integers in one byte order from a small view. */
export class Fields {
  private readonly view: DataView;
  constructor(
    bytes: Uint8Array,
    readonly little: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(at: number): number {
    return this.view.getUint16(at, this.little);
  }
  u32(at: number): number {
    return this.view.getUint32(at, this.little);
  }
}

/**
 * A record header that cannot be right: with nothing read before it the file is not a capture
 * we can read (an error); otherwise what came before is kept and a warning says where it broke.
 */
export function brokenRecord(report: { warnings: string[] }, format: 'pcap' | 'pcapng', record: number, offset: number, what: string): void {
  const message = `corrupt ${format}: ${format === 'pcap' ? 'record' : 'packet'} ${record} at byte ${offset} ${what}`;
  if (record <= 1) throw new CaptureError(message);
  report.warnings.push(`${message}; kept the ${record - 1} record(s) before it, the rest of the file is left out`);
}
