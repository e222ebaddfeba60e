/**
 * The language server in a web worker (the web extension, vscode.dev): the same server as
 * server.ts, talking JSON-RPC over the worker's messages instead of IPC or stdio.
 */

import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './server.js';
import { Traffic } from './traffic.js';

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const traffic = new Traffic();
startServer(createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self), { messageStrategy: traffic.messageStrategy }), traffic);
