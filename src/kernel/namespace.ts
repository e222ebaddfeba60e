/**
 * The private network namespace of a kernel run: starts src/kernel/helper.py under `unshare`
 * (as root `unshare --net`; otherwise an unprivileged user namespace, `unshare --user
 * --map-root-user --net`, where the system allows it) and speaks its JSON-lines protocol.
 * Nothing the run sends leaves the namespace: the only interface with an address is the TUN
 * device, and the namespace ends with the helper.
 */

import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { platform } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Why this machine cannot run a flow against its kernel (exit code 2), or undefined. */
export class KernelUnavailable extends Error {}

/** The run was cancelled before its helper was ready (the helper is gone): nothing to report. */
export class RunCancelled extends KernelUnavailable {
  constructor() {
    super('the run was cancelled before the kernel helper was ready');
  }
}

export interface HelperEvent {
  readonly ev?: string;
  readonly ready?: boolean;
  readonly [key: string]: unknown;
}

/** Where helper.py is: beside the bundle (dist/kernel-helper.py) or beside this file (src/kernel). */
export function helperPath(): string {
  const candidates = [
    join(__dirname, 'kernel-helper.py'),
    join(__dirname, 'helper.py'),
    join(__dirname, '../src/kernel/helper.py'),
    join(__dirname, '../../src/kernel/helper.py'),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new KernelUnavailable(`the kernel helper (kernel-helper.py) is missing beside ${__dirname}`);
  return found;
}

let cachedPrefix: readonly string[] | undefined;

/** Why this platform cannot run a flow against its kernel at all, or undefined on Linux. */
export function platformProblem(os: string): string | undefined {
  return os === 'linux' ? undefined : `running a flow against the kernel needs Linux (network namespaces and a TUN device); this is ${os}`;
}

const NEEDS = 'running a flow against the kernel needs python3 and unshare (Debian: apt-get install python3 util-linux)';
const TUN_TEST = "import os; os.close(os.open('/dev/net/tun', os.O_RDWR))";
const tries = (): string[][] =>
  process.getuid?.() === 0
    ? [
        ['unshare', '--net'],
        ['unshare', '--user', '--map-root-user', '--net'],
      ]
    : [['unshare', '--user', '--map-root-user', '--net']];
const refused = (errors: readonly string[]): KernelUnavailable =>
  new KernelUnavailable(
    `this machine does not let tcpflow create a private network namespace with a TUN device (${errors.join('; ')}). Run as root, or allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1) and read-write access to /dev/net/tun`,
  );

/**
 * How to enter a fresh network namespace here: `unshare --net` as root, else a user namespace.
 * Throws KernelUnavailable with the reason when neither works (and on macOS and Windows).
 */
export function namespacePrefix(): readonly string[] {
  if (cachedPrefix) return cachedPrefix;
  const problem = platformProblem(platform());
  if (problem) throw new KernelUnavailable(problem);
  if (spawnSync('sh', ['-c', 'command -v python3 && command -v unshare'], { encoding: 'utf8' }).status !== 0) throw new KernelUnavailable(NEEDS);
  const errors: string[] = [];
  for (const t of tries()) {
    const r = spawnSync(t[0]!, [...t.slice(1), 'python3', '-c', TUN_TEST], { encoding: 'utf8', timeout: 10_000 });
    if (r.status === 0) return (cachedPrefix = t);
    errors.push(`${t.join(' ')}: ${(r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n').pop()}`);
  }
  throw refused(errors);
}

/** namespacePrefix() without blocking the caller (the VS Code extension host) while it tries. */
export async function namespacePrefixAsync(): Promise<readonly string[]> {
  if (cachedPrefix) return cachedPrefix;
  const problem = platformProblem(platform());
  if (problem) throw new KernelUnavailable(problem);
  const run = (file: string, args: string[]): Promise<{ ok: boolean; message: string }> =>
    new Promise((resolve) => {
      execFile(file, args, { encoding: 'utf8', timeout: 10_000 }, (e, _out, err) =>
        resolve({ ok: !e, message: (err || e?.message || '').trim().split('\n').pop() ?? '' }),
      );
    });
  if (!(await run('sh', ['-c', 'command -v python3 && command -v unshare'])).ok) throw new KernelUnavailable(NEEDS);
  const errors: string[] = [];
  for (const t of tries()) {
    const r = await run(t[0]!, [...t.slice(1), 'python3', '-c', TUN_TEST]);
    if (r.ok) return (cachedPrefix = t);
    errors.push(`${t.join(' ')}: ${r.message}`);
  }
  throw refused(errors);
}

/** What a run needs of its helper (a Helper, or a stand-in in the tests). */
export interface HelperLike {
  on(f: (e: HelperEvent) => void): () => void;
  next(test: (e: HelperEvent) => boolean, ms: number): Promise<HelperEvent | undefined>;
  command(op: string, args?: Record<string, unknown>): Promise<string | undefined>;
  kill(): void;
  /** Settles when the helper process has ended (and its namespace with it). */
  readonly exited: Promise<number | null>;
}

/** One helper process: commands in, events out. */
export class Helper implements HelperLike {
  private readonly child: ChildProcess;
  private readonly listeners = new Set<(e: HelperEvent) => void>();
  private readonly errors: string[] = [];
  private exitCode: number | null | undefined;
  readonly exited: Promise<number | null>;

  /** The helper's process id (the namespace lives as long as this process). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  private constructor(prefix: readonly string[]) {
    this.child = spawn(prefix[0]!, [...prefix.slice(1), 'python3', helperPath()], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code) => resolve((this.exitCode = code)));
      // A process that could not start has no exit: it has ended all the same.
      this.child.on('error', (e) => {
        this.errors.push(e.message);
        if (this.child.pid === undefined) resolve((this.exitCode = null));
      });
    });
    createInterface({ input: this.child.stdout! }).on('line', (l) => {
      let e: HelperEvent;
      try {
        e = JSON.parse(l) as HelperEvent;
      } catch {
        return;
      }
      for (const f of [...this.listeners]) f(e);
    });
    createInterface({ input: this.child.stderr! }).on('line', (l) => this.errors.push(l));
  }

  /**
   * A helper in a fresh namespace, ready (its TUN device up); throws KernelUnavailable. Aborting
   * `signal` while it starts kills it (and throws RunCancelled).
   */
  static async start(signal?: AbortSignal): Promise<Helper> {
    const prefix = await namespacePrefixAsync();
    if (signal?.aborted) throw new RunCancelled();
    const h = new Helper(prefix);
    const stop = (): void => h.kill();
    signal?.addEventListener('abort', stop);
    try {
      const first = await h.next((e) => e.ready === true || e.ev === 'fatal', 15_000);
      if (signal?.aborted) {
        await h.exited;
        throw new RunCancelled();
      }
      if (!first || first.ev === 'fatal') {
        h.kill();
        throw new KernelUnavailable(`the kernel helper did not start: ${String(first?.['message'] ?? (h.errors.join(' | ') || 'no answer'))}`);
      }
      return h;
    } finally {
      signal?.removeEventListener('abort', stop);
    }
  }

  on(f: (e: HelperEvent) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  /** The next event that passes `test`, or undefined after `ms` (or when the helper exits). */
  next(test: (e: HelperEvent) => boolean, ms: number): Promise<HelperEvent | undefined> {
    return new Promise((resolve) => {
      const off = this.on((e) => {
        if (!test(e)) return;
        finish(e);
      });
      const timer = setTimeout(() => finish(undefined), ms);
      const finish = (e: HelperEvent | undefined): void => {
        off();
        clearTimeout(timer);
        resolve(e);
      };
      void this.exited.then(() => finish(undefined));
    });
  }

  /** Sends a command and waits for its `done` (events it caused come before). Returns its error, if any. */
  async command(op: string, args: Record<string, unknown> = {}): Promise<string | undefined> {
    if (this.exitCode !== undefined) throw new Error(`the kernel helper has exited (${this.errors.join(' | ')})`);
    let error: string | undefined;
    const off = this.on((e) => {
      if (e.ev === 'error') error = String(e['message']);
    });
    const done = this.next((e) => e.ev === 'done', 10_000);
    this.child.stdin!.write(`${JSON.stringify({ op, ...args })}\n`);
    const d = await done;
    off();
    if (!d) throw new Error(`the kernel helper did not answer '${op}' (${this.errors.join(' | ') || 'no message'})`);
    return error;
  }

  kill(): void {
    if (this.exitCode === undefined) {
      this.child.stdin?.end();
      this.child.kill('SIGKILL');
    }
  }
}
