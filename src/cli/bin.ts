/** The tcpflow-cli executable: wires `run` to the process. */

import { runAsync } from './main.js';

// Output into a closed pipe (`tcpflow-cli … | head`) is no error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

runAsync(process.argv.slice(2), {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
}).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`tcpflow-cli: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
