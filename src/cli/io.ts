/**
 * Where a CLI command writes: standard output and standard error (tests pass their own), and
 * the two ways writing standard output can end: the reader went away (`| head`: a quiet end) or
 * the write failed (a full disk: one line and exit 2).
 */

export interface Io {
  out(s: string): void;
  err(s: string): void;
  /** Writes what `out` buffered (called once the command is done). */
  flush?(): void;
}

/** Standard output's reader closed the pipe: stop quietly. */
export class OutputClosed extends Error {}

/** Standard output could not be written (the reason in words, e.g. `no space left on device`). */
export class OutputFailed extends Error {}
