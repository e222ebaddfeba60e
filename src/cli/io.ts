/** Where a CLI command writes: standard output and standard error (tests pass their own). */

export interface Io {
  out(s: string): void;
  err(s: string): void;
}
