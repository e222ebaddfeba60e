/**
 * A count of the core's work, for tests: comparisons of sequence numbers, steps of the reassembly
 * queue, candidates a "did you mean" weighs, lines the Markdown block finder reads, statements
 * simulated. A test reads it before and after a check of N and of 2N statements and asks for
 * about twice the work: growth is shown by counting, never by reading the clock. Counting is one
 * addition where the work happens; nothing else reads it.
 */

export const work = { steps: 0 };

/** Adds `n` steps of work. */
export function tally(n = 1): void {
  work.steps += n;
}
