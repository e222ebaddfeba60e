/**
 * The tcpflow-cli executable: wires `run` to the process. Standard output and error are written
 * through their file descriptors (stdio.ts): a closed pipe ends quietly, a full disk is one line
 * and exit 2; anything unexpected is `tcpflow-cli: internal error: …` and exit 2, never a trace.
 */

import { run } from './main.js';
import { processIo } from './stdio.js';
import { line } from './visible.js';

const io = processIo();
const internalError = (e: unknown): void => {
  // run() turns every error into a line; this is the last net.
  process.exitCode = 2;
  try {
    io.err(line(`tcpflow-cli: internal error: ${e instanceof Error ? e.message : String(e)}`));
  } catch {
    // nothing can be written
  }
};
// An error thrown later, outside run() (a callback of the browser `render --format svg` drives): the same one line.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (e: unknown) => {
    internalError(e);
    process.exit(2);
  });
}
try {
  const code = run(process.argv.slice(2), io);
  if (typeof code === 'number') process.exitCode = code;
  else code.then((c) => (process.exitCode = c), internalError);
} catch (e) {
  internalError(e);
}
