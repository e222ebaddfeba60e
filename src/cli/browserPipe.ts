/**
 * A headless Chromium driven over `--remote-debugging-pipe`: the DevTools protocol as
 * NUL-terminated JSON on the browser's file descriptors 3 (commands in) and 4 (answers and events
 * out). No port, no WebSocket, no library: `render --format svg` needs only commands, events and
 * the browser's exit.
 */

import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

type Params = Record<string, unknown>;
type Handler = (params: Params) => void;

export interface BrowserPipe {
  /** A command, to the browser or (with `sessionId`) to an attached page; resolves with its result. */
  send(method: string, params?: Params, sessionId?: string): Promise<Params>;
  /** Every event of this name, from any session. */
  on(event: string, handler: Handler): void;
  /** Settles when the browser has exited: with the last lines it wrote to standard error. */
  readonly exited: Promise<string>;
  /** Asks the browser to close and waits for it to exit (killing it if it does not answer). */
  close(): Promise<void>;
}

/** The last this many bytes of the browser's standard error are kept, for an error message. */
const STDERR_KEPT = 4096;

export function startBrowser(executable: string, args: readonly string[]): BrowserPipe {
  const child = spawn(executable, [...args, '--remote-debugging-pipe'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => {
    stderr = (stderr + s).slice(-STDERR_KEPT);
  });
  const exited = new Promise<string>((resolve) => {
    child.on('error', (e) => resolve(e.message));
    child.on('exit', () => resolve(stderr.trim().split('\n').pop() ?? ''));
  });
  toBrowser.on('error', () => undefined); // the browser went away: `exited` says so

  let nextId = 0;
  const pending = new Map<number, { ok: (r: Params) => void; fail: (e: Error) => void }>();
  const handlers = new Map<string, Handler[]>();
  const dispatch = (text: string): void => {
    const m = JSON.parse(text) as { id?: number; result?: Params; error?: { message: string }; method?: string; params?: Params };
    if (m.id !== undefined) {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p?.fail(new Error(m.error.message));
      else p?.ok(m.result ?? {});
    } else if (m.method) {
      for (const h of handlers.get(m.method) ?? []) h(m.params ?? {});
    }
  };
  // Messages end with a NUL byte; a message may span chunks (an SVG is long), so the pieces wait.
  let pieces: Buffer[] = [];
  fromBrowser.on('data', (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(0, start); end !== -1; end = chunk.indexOf(0, start)) {
      pieces.push(chunk.subarray(start, end));
      dispatch(Buffer.concat(pieces).toString('utf8'));
      pieces = [];
      start = end + 1;
    }
    if (start < chunk.length) pieces.push(chunk.subarray(start));
  });
  void exited.then(() => {
    for (const p of pending.values()) p.fail(new Error('the browser exited'));
    pending.clear();
  });

  const send = (method: string, params: Params = {}, sessionId?: string): Promise<Params> =>
    new Promise((ok, fail) => {
      const id = ++nextId;
      pending.set(id, { ok, fail });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  return {
    send,
    on(event, handler) {
      const list = handlers.get(event) ?? [];
      list.push(handler);
      handlers.set(event, list);
    },
    exited,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        send('Browser.close').catch(() => undefined);
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}
