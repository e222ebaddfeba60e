/** The tcpflow-cli executable: wires `run` to the process. */

import { run } from './main.js';

// Output into a closed pipe (`tcpflow-cli … | head`) is no error of ours: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

const internalError = (e: unknown): void => {
  process.stderr.write(`tcpflow-cli: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
};

try {
  const code = run(process.argv.slice(2), {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
  });
  if (typeof code === 'number') process.exitCode = code;
  else code.then((c) => (process.exitCode = c), internalError);
} catch (e) {
  internalError(e);
}
