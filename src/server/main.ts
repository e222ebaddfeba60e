/**
 * The language server's Node entry (dist/server.js, the `tcpflow-language-server` command): LSP
 * over stdio (`--stdio`, other editors) or node IPC (`--node-ipc`, the VS Code client).
 */

import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { FramingGuard } from './framing.js';
import { startServer } from './server.js';
import { Traffic } from './traffic.js';
import { VERSION } from '../shared/version.js';

/** Over stdio, bad message framing from the client is reported and skipped (framing.ts), never a silent hang. */
const traffic = new Traffic();
const options = { messageStrategy: traffic.messageStrategy };

function guardedStdioConnection(): Connection {
  const guard = new FramingGuard((reason) => {
    const text = `tcpflow: malformed input from the client (${reason}): skipped to the next Content-Length header`;
    process.stderr.write(`${text}\n`);
    connection.console.error(text); // data flows only after the connection is made
  });
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(guard), new StreamMessageWriter(process.stdout), options);
  process.stdin.pipe(guard);
  return connection;
}

if (process.argv.includes('--version')) process.stdout.write(`${VERSION}\n`);
else startServer(process.argv.includes('--stdio') ? guardedStdioConnection() : createConnection(ProposedFeatures.all, options), traffic);
