/**
 * A flow played against this machine's Linux TCP. The kernel's participant is a real socket in
 * the helper's namespace, driven by the calls the flow implies (listen, connect, write,
 * shutdown, close, abort); the other participant is tcpflow, which writes its segments as IP
 * packets into the TUN device. Event-driven: each of the kernel's lines waits for the kernel's
 * next segment (up to `answerMs`), never for a fixed time; `wait` lines wait real time, at most
 * `maxWaitMs` each. Every line gets a verdict: agrees, sent something else (which fields), sent
 * nothing, and the segments the kernel sent more, each after the line it followed.
 */

import { release } from 'node:os';
import type { AssertStmt, CallStmt, SegmentInfo, SegmentStmt, Step, WaitStmt } from '../core/index.js';
import { compare, flagBits, kernelLine, learn, payloadOf, type Difference, type KernelPacket } from './compare.js';
import { Helper, type HelperEvent, type HelperLike } from './namespace.js';
import { Numbers, type Expr } from './numbers.js';
import { buildPacket, bytesOf, decodePacket, hexOf, TCPFLOW_ADDR, type OutPacket } from './packets.js';
import { fieldOf, makePlan, type Plan } from './plan.js';
import type { ProfileName } from '../core/index.js';

export interface RunOptions {
  /** The participant the kernel plays. */
  readonly kernelPlays: string;
  /** The longest a `wait` line waits (ms); longer timers are cut short and said so. */
  readonly maxWaitMs?: number;
  /** How long a kernel line waits for the kernel's segment (ms). */
  readonly answerMs?: number;
  /** After the last line: how long to listen for segments the kernel sends more (ms). */
  readonly settleMs?: number;
  /** tcpflow's chosen numbers (its ISN for `x`, …) follow from it. */
  readonly seed?: number;
  /** The checker's profile for a flow without a `stack` line (default linux). */
  readonly stack?: ProfileName;
  /**
   * Cancel: the run stops at once (a line waiting for the kernel stops waiting), asks the kernel's
   * state, and a helper of its own is ended (with its namespace) before runFlow settles.
   */
  readonly signal?: AbortSignal;
  /** A helper to reuse (the fuzzer keeps a few namespaces); a fresh one otherwise. */
  readonly helper?: HelperLike;
  /** Told the fresh helper once it is ready (the tests look at its process). */
  readonly onHelper?: (helper: Helper) => void;
  /** Ports: each run on a reused helper needs its own. */
  readonly ports?: { readonly kernel: number; readonly tcpflow: number };
}

export type Verdict =
  /** The kernel sent what the line says, or is in the state it claims. */
  | 'agrees'
  /** The kernel sent another segment, or is in another state. */
  | 'differs'
  /** The kernel sent nothing where the line says it sends. */
  | 'nothing'
  /** tcpflow sent this line's segment. */
  | 'sent'
  /** tcpflow did not send it: lost (`-x`) on purpose. */
  | 'lost'
  /** A call the kernel's application made, or a wait. */
  | 'done'
  /** Could not be judged (a timer not waited out, tcpflow's own state). */
  | 'not-judged';

export interface LineResult {
  /** 0-based line of the flow. */
  readonly line: number;
  readonly source: string;
  readonly who: 'kernel' | 'tcpflow' | 'other';
  verdict: Verdict;
  differences?: readonly Difference[];
  /** The kernel's segment (or state), in the flow's terms. */
  kernelSent?: string;
  /** Segments the kernel sent after this line that no line of the flow took. */
  readonly extras: string[];
  note?: string;
}

export interface RecordedPacket {
  readonly from: 'kernel' | 'tcpflow';
  /** The kernel's application call this segment shows (its FIN after shutdown, its RST after an abort). */
  call?: 'close' | 'abort';
  /** tcpflow's segment of an `&` line: sent before the kernel's segments of its group reached tcpflow. */
  crossing?: boolean;
  readonly hex: string;
  /** Microseconds since the run began. */
  readonly timeUs: number;
}

export interface RunResult {
  readonly kernelRelease: string;
  readonly kernel: string;
  readonly tcpflow: string;
  readonly notes: readonly string[];
  readonly lines: readonly LineResult[];
  readonly packets: readonly RecordedPacket[];
  /** The kernel's state at the end (sock_diag), and the checker's for the same side. */
  readonly final: { readonly kernel: string; readonly checker: string };
  readonly cancelled: boolean;
  /** The kernel's application shut its side down but the FIN never left (queued behind data a closed window holds back). */
  readonly finQueued?: boolean;
  readonly plan: Plan;
  /** tcpflow's and the kernel's ports. */
  readonly ports: { readonly kernel: number; readonly tcpflow: number };
}

interface Queued {
  readonly p: KernelPacket;
  /** The line last finished when it arrived (undefined before any). */
  readonly after: LineResult | undefined;
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });

/** How long a cancelled run may take to stop by itself before its own helper is killed. */
const CANCEL_GRACE_MS = 2000;

export async function runFlow(text: string, o: RunOptions): Promise<RunResult> {
  const plan = makePlan(text, o.kernelPlays, o.stack);
  if (o.helper) return new Run(plan, o.helper, o).play();
  const helper = await Helper.start(o.signal);
  o.onHelper?.(helper);
  // A run that does not stop soon after Cancel (a helper that no longer answers) loses its helper.
  let grace: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    grace = setTimeout(() => helper.kill(), CANCEL_GRACE_MS);
  };
  o.signal?.addEventListener('abort', stop);
  try {
    return await new Run(plan, helper, o).play();
  } finally {
    o.signal?.removeEventListener('abort', stop);
    if (grace) clearTimeout(grace);
    if (!o.signal?.aborted) await helper.command('quit').catch(() => undefined);
    helper.kill();
    // Settled only once the process (and the namespace, which lives as long as it) is gone.
    await helper.exited;
  }
}

class Run {
  private readonly n: Numbers;
  private readonly learned = new Set<string>();
  private readonly queue: Queued[] = [];
  private readonly results: LineResult[] = [];
  /** The line finished last: a segment the kernel sends now came after it. */
  private lastDone: LineResult | undefined;
  /** The latest numbers the flow used in each side's sequence space: a segment sent more is written against them. */
  private lastKernelSeq: Expr | undefined;
  private lastTcpflowSeq: Expr | undefined;
  private readonly packets: RecordedPacket[] = [];
  /** tcpflow's packets handed to the helper, not yet confirmed written to the TUN device. */
  private readonly unconfirmed: Omit<RecordedPacket, 'timeUs'>[] = [];
  private readonly notes: string[];
  private readonly waiters: (() => void)[] = [];
  private readonly t0 = performance.now();
  private readonly answerMs: number;
  private readonly maxWaitMs: number;
  private kport: number;
  private tport: number;
  private ipId = 1;
  /** The kernel's application: what it has done. */
  private connected = false;
  private socketOpen = false;
  private finCalled = false;
  private aborted = false;
  private timerCut: string | undefined;
  /** A call whose segment has not been seen yet. */
  private pendingCall: 'close' | 'abort' | undefined;
  /** Per base of the kernel's sequence space: how far the application has written (flow offset). */
  private readonly written = new Map<string, number>();
  /** tcpflow's labelled segments, sent at their `arrives` line. */
  private readonly held = new Map<string, Step>();
  /** The kernel's last segment: what tcpflow acknowledges when the flow names a base the kernel has not shown. */
  private kernelNxt = 0;
  /**
   * Timestamps: the TSval the flow wrote on the kernel's last line, and the kernel's latest real
   * TSval. tcpflow's `ecr=` naming the former echoes the latter (the kernel's clock runs in
   * milliseconds, so the flow cannot know it; RFC 7323 §4.3: the echo is the latest TSval).
   */
  private kernelTsWritten: number | undefined;
  private kernelTsLatest: number | undefined;

  constructor(
    private readonly plan: Plan,
    private readonly helper: HelperLike,
    private readonly o: RunOptions,
  ) {
    this.n = new Numbers(o.seed ?? 1);
    this.notes = [...plan.notes];
    this.answerMs = o.answerMs ?? 600;
    this.maxWaitMs = o.maxWaitMs ?? 5000;
    this.kport = o.ports?.kernel ?? 8080;
    this.tport = o.ports?.tcpflow ?? 40000;
    if (plan.kernel.role === 'client' && !o.ports) [this.kport, this.tport] = [40000, 8080];
  }

  private get cancelling(): boolean {
    return this.o.signal?.aborted === true;
  }

  /** Cancel: whatever waits for the kernel stops waiting. */
  private readonly onAbort = (): void => {
    for (const w of this.waiters.splice(0)) w();
  };

  private get now(): number {
    return (performance.now() - this.t0) * 1000;
  }

  private onEvent = (e: HelperEvent): void => {
    // The port a connecting socket was given: set at once, its SYN may be the very next event.
    if (e.ev === 'bound') this.kport = Number(e['port']);
    // tcpflow's packet is written down when the helper has handed it to the kernel, after every
    // packet the kernel had sent before it (the helper reads those first), never when asked.
    if (e.ev === 'sent') {
      const rec = this.unconfirmed.shift();
      if (rec) this.packets.push({ ...rec, timeUs: this.now });
      return;
    }
    if (e.ev !== 'pkt') return;
    const bytes = bytesOf(String(e['hex']));
    const timeUs = this.now;
    const p = decodePacket(bytes, timeUs);
    // Only this run's connection (a reused namespace may still hold an earlier run's sockets).
    if (!p || p.dstPort !== this.tport || p.srcPort !== this.kport) return;
    const rec: RecordedPacket = { from: 'kernel', hex: String(e['hex']), timeUs };
    if (p.ts) this.kernelTsLatest = p.ts[0];
    // The first FIN after shutdown/close, the first RST after an abort: that call's segment.
    if ((p.flags & 0x04) !== 0 && this.pendingCall === 'abort') rec.call = 'abort';
    if ((p.flags & 0x01) !== 0 && this.pendingCall === 'close') rec.call = 'close';
    if (rec.call) this.pendingCall = undefined;
    this.packets.push(rec);
    this.queue.push({ p, after: this.lastDone });
    for (const w of this.waiters.splice(0)) w();
  };

  /** Resolves when a packet arrives or after ms. */
  private arrival(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.cancelling) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        const i = this.waiters.indexOf(done);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.push(done);
    });
  }

  async play(): Promise<RunResult> {
    const off = this.helper.on(this.onEvent);
    this.o.signal?.addEventListener('abort', this.onAbort);
    let cancelled = false;
    try {
      for (const [name, value] of Object.entries(this.plan.sysctls)) {
        const err = await this.helper.command('sysctl', { name, value });
        if (err) this.notes.push(`could not set ${name}=${value}: ${err}`);
      }
      // A hand-shake cut short by Cancel is no error: the run just stops.
      await this.start().catch((e: unknown) => {
        if (!this.cancelling) throw e;
      });
      const steps = this.plan.steps;
      for (let i = 0; i < steps.length; i++) {
        if (this.cancelling) {
          cancelled = true;
          break;
        }
        const s = steps[i]!;
        if (s.segment) {
          // A segment and the `&` lines crossing it: the kernel's are sent before tcpflow's arrive.
          let j = i;
          while (j + 1 < steps.length && steps[j + 1]!.segment && steps[j + 1]!.segment!.group === s.segment.group) j++;
          for (let g = i; g <= j; g++) if (steps[g]!.segment!.from === this.plan.kernel.name) await this.kernelSegment(steps[g]!, steps[g - 1]);
          // tcpflow's segments of a group with the kernel's crossed them: sent before those reached tcpflow.
          let kernelInGroup = false;
          for (let g = i; g <= j; g++) if (steps[g]!.segment!.from === this.plan.kernel.name) kernelInGroup = true;
          for (let g = i; g <= j; g++) if (steps[g]!.segment!.from !== this.plan.kernel.name) await this.tcpflowSegment(steps[g]!, kernelInGroup);
          i = j;
          continue;
        }
        await this.other(s);
      }
      cancelled ||= this.cancelling;
      if (!cancelled) await this.settle();
      // After Cancel the helper may be gone already: the state is then unknown.
      const state = cancelled ? await this.kernelState().catch(() => 'unknown (cancelled)') : await this.kernelState();
      const checkerFinal = this.plan.result.simulation.final[this.plan.kernel.name]?.state ?? '?';
      return {
        kernelRelease: release(),
        kernel: this.plan.kernel.name,
        tcpflow: this.plan.tcpflow.name,
        notes: this.notes,
        lines: this.results.sort((a, b) => a.line - b.line),
        packets: this.packets,
        final: { kernel: state, checker: checkerFinal },
        cancelled,
        ...(this.pendingCall === 'close' ? { finQueued: true } : {}),
        plan: this.plan,
        ports: { kernel: this.kport, tcpflow: this.tport },
      };
    } finally {
      off();
      this.o.signal?.removeEventListener('abort', this.onAbort);
      // The kernel's sockets go with the run (a reused namespace starts the next run clean).
      await this.helper.command('reset').catch(() => undefined);
    }
  }

  private push(r: Omit<LineResult, 'extras' | 'source'>): LineResult {
    const full: LineResult = { ...r, source: this.plan.lines[r.line] ?? '', extras: [] };
    this.results.push(full);
    this.lastDone = full;
    return full;
  }

  /** How the kernel's side starts: listening, or ESTABLISHED after a hand-shake the flow does not show. */
  private async start(): Promise<void> {
    const k = this.plan.kernel;
    if (k.initial === 'LISTEN') await this.listen();
    if (k.initial !== 'ESTABLISHED') return;
    const tNxt = this.plan.startNxt?.tcpflow ?? { base: '', offset: 1 };
    const tiss = (this.n.value('tcpflow', tNxt)! - 1) >>> 0;
    const passive = k.role === 'server';
    let kiss: number | undefined;
    if (passive) {
      await this.listen();
      await this.inject({ seq: tiss, ack: 0, flags: 0x02, mss: 1460, ...this.preambleOptions() });
      const synAck = await this.take((p) => (p.flags & 0x12) === 0x12);
      kiss = synAck?.seq;
      if (kiss !== undefined) await this.inject({ seq: (tiss + 1) >>> 0, ack: (kiss + 1) >>> 0, flags: 0x10 });
      await this.helper.next((e) => e.ev === 'accepted', 2000);
    } else {
      const connected = this.helper.next((e) => e.ev === 'connect', 3000);
      await this.connect();
      const syn = await this.take((p) => (p.flags & 0x12) === 0x02);
      kiss = syn?.seq;
      if (kiss !== undefined) await this.inject({ seq: tiss, ack: (kiss + 1) >>> 0, flags: 0x12, mss: 1460, ...this.preambleOptions() });
      await this.take((p) => (p.flags & 0x10) !== 0);
      await connected;
    }
    if (kiss === undefined) throw new Error('the hand-shake before the flow (both sides start ESTABLISHED) did not complete: the kernel did not answer');
    this.kernelNxt = (kiss + 1) >>> 0;
    const kNxt = this.plan.startNxt?.kernel;
    if (kNxt && !kNxt.base.startsWith('?')) {
      this.n.pin('kernel', kNxt, (kiss + 1) >>> 0);
      this.learned.add(kNxt.base);
      this.written.set(kNxt.base, kNxt.offset);
    }
    this.connected = true;
    this.notes.push(
      `both sides start ESTABLISHED: a hand-shake the flow does not show opened the connection first (${passive ? `tcpflow connected to the kernel's listening socket` : 'the kernel connected to tcpflow'}); the flow's numbers continue from it`,
    );
  }

  private preambleOptions(): Partial<OutPacket> {
    return { ...(this.plan.uses.sack ? { sackOk: true } : {}), ...(this.plan.uses.ts ? { ts: [1, 0] as const } : {}) };
  }

  /** Takes the first queued (or next arriving) kernel packet that passes `test`, within answerMs. */
  private async take(test: (p: KernelPacket) => boolean): Promise<KernelPacket | undefined> {
    const deadline = performance.now() + Math.max(this.answerMs, 1500);
    for (;;) {
      const i = this.queue.findIndex((q) => test(q.p));
      if (i >= 0) return this.queue.splice(i, 1)[0]!.p;
      const left = deadline - performance.now();
      if (left <= 0 || this.cancelling) return undefined;
      await this.arrival(left);
    }
  }

  private sockopts(): number[][] {
    // TCP_NODELAY: each write the flow implies leaves as its own segment (no Nagle).
    return [[6, 1, 1]];
  }

  private async listen(): Promise<void> {
    const err = await this.helper.command('listen', { port: this.kport, sockopts: this.sockopts() });
    if (err) throw new Error(`the kernel's socket could not listen: ${err}`);
    this.socketOpen = true;
  }

  private async connect(): Promise<void> {
    // A client's port is the kernel's choice (the `bound` event names it); a peer's is fixed, so tcpflow can open to it too.
    const port = this.plan.kernel.role === 'client' ? 0 : this.kport;
    const err = await this.helper.command('connect', { port, peer: [TCPFLOW_ADDR, this.tport], sockopts: this.sockopts() });
    if (err) throw new Error(`the kernel's socket could not connect: ${err}`);
    this.connected = true;
    this.socketOpen = true;
  }

  private async inject(p: Partial<OutPacket> & { seq: number; ack: number; flags: number }, crossing = false): Promise<void> {
    const bytes = buildPacket({ srcPort: this.tport, dstPort: this.kport, win: 65535, payload: new Uint8Array(0), ...p }, this.ipId++);
    const rec = { from: 'tcpflow' as const, hex: hexOf(bytes), ...(crossing ? { crossing } : {}) };
    this.unconfirmed.push(rec);
    const err = await this.helper.command('inject', { hex: rec.hex });
    // Not written (no `sent` came): it is not part of the run.
    const i = this.unconfirmed.indexOf(rec);
    if (i >= 0) this.unconfirmed.splice(i, 1);
    if (err) throw new Error(`could not hand tcpflow's segment to the kernel: ${err}`);
  }

  /** The application call a kernel line implies, made before waiting for its segment. */
  private async callFor(step: Step, before: Step | undefined): Promise<string | undefined> {
    const sent = step.segment!.sent;
    const calls: string[] = [];
    if (sent.flags.has('SYN') && !sent.flags.has('ACK') && !this.connected) {
      await this.connect();
      calls.push('connect');
    }
    if (sent.dataLen > 0) {
      const start = sent.seq.offset + (sent.flags.has('SYN') ? 1 : 0);
      const upTo = this.written.get(sent.seq.base);
      const from = upTo === undefined ? 0 : Math.max(0, Math.min(sent.dataLen, upTo - start));
      if (from < sent.dataLen) {
        const bytes = payloadOf(step.segment!).subarray(from);
        const err = await this.helper.command('write', { hex: hexOf(bytes) });
        calls.push(err ? `write (${err})` : `write ${bytes.length} octet${bytes.length === 1 ? '' : 's'}`);
        this.written.set(sent.seq.base, start + sent.dataLen);
      }
    }
    if (sent.flags.has('FIN') && !this.finCalled && this.socketOpen) {
      this.pendingCall = 'close';
      const err = await this.helper.command('shutdown');
      // No socket to shut down (a connection still in SYN_RECEIVED was never accepted): no FIN is coming.
      if (err) this.pendingCall = undefined;
      this.finCalled = true;
      calls.push(err ? `shutdown (${err})` : 'shutdown(SHUT_WR)');
    }
    if (sent.flags.has('RST') && !this.aborted && this.socketOpen) {
      const owed = before?.owed[this.plan.kernel.name] ?? [];
      if (!owed.some((x) => x.kind === 'rst')) {
        this.pendingCall = 'abort';
        await this.helper.command('abort');
        this.aborted = true;
        this.socketOpen = false;
        calls.push('close with SO_LINGER 0 (abort)');
      }
    }
    return calls.length ? calls.join(', ') : undefined;
  }

  private async kernelSegment(step: Step, before: Step | undefined): Promise<void> {
    const stmt = step.stmt as SegmentStmt;
    const info = step.segment!;
    const call = await this.callFor(step, before);
    const tsWritten = fieldOf(stmt, 'ts')?.value;
    if (tsWritten && !tsWritten.symbol) this.kernelTsWritten = tsWritten.offset;
    const r = this.push({ line: step.line, who: 'kernel', verdict: 'nothing' });
    if (call) r.note = `the kernel's application: ${call}`;
    const deadline = performance.now() + this.answerMs;
    let taken: Queued | undefined;
    for (;;) {
      // A segment that agrees wins, wherever it is in the queue; those before it were sent more.
      const i = this.queue.findIndex((q) => compare(q.p, stmt, info, this.n, this.plan.uses).length === 0);
      if (i >= 0) {
        for (const q of this.queue.splice(0, i)) this.extra(q);
        taken = this.queue.shift();
        break;
      }
      const left = deadline - performance.now();
      if (left <= 0 || this.cancelling) break;
      await this.arrival(left);
    }
    if (!taken && this.queue.length > 0) taken = this.queue.shift();
    if (!taken) {
      r.note = `${r.note ? `${r.note}; ` : ''}nothing within ${this.answerMs} ms`;
      return;
    }
    const diffs = compare(taken.p, stmt, info, this.n, this.plan.uses);
    r.verdict = diffs.length === 0 ? 'agrees' : 'differs';
    if (diffs.length) r.differences = diffs;
    learn(taken.p, stmt, info, this.n, this.learned);
    this.lastDone = r;
    this.used(info);
    r.kernelSent = kernelLine(taken.p, this.plan.kernel.name, this.plan.tcpflow.name, this.n, info.sent.seq, info.sent.ack ?? this.lastTcpflowSeq);
    this.kernelNxt = ((taken.p.seq ?? 0) + taken.p.len + ((taken.p.flags & 0x03) !== 0 ? 1 : 0)) >>> 0;
    if ((taken.p.flags & 0x04) !== 0) this.socketOpen = this.socketOpen && !this.aborted;
  }

  private extra(q: Queued): void {
    // Numbered against the latest numbers the flow used on each side, where those are known.
    const line = kernelLine(q.p, this.plan.kernel.name, this.plan.tcpflow.name, this.n, this.lastKernelSeq, this.lastTcpflowSeq);
    if (q.after) q.after.extras.push(line);
    else this.notes.push(`before the first line the kernel sent: ${line}`);
  }

  /** Remembers the numbers a segment line used, for the segments sent more after it. */
  private used(info: SegmentInfo): void {
    const fromKernel = info.from === this.plan.kernel.name;
    const [k, t] = fromKernel ? [info.sent.seq, info.sent.ack] : [info.sent.ack, info.sent.seq];
    if (k && !k.base.startsWith('?') && this.n.known('kernel', k.base)) this.lastKernelSeq = k;
    if (t && !t.base.startsWith('?') && this.n.known('tcpflow', t.base)) this.lastTcpflowSeq = t;
  }

  private async tcpflowSegment(step: Step, crossing: boolean): Promise<void> {
    const stmt = step.stmt as SegmentStmt;
    const info = step.segment!;
    if (info.label) {
      this.held.set(info.label, step);
      this.push({ line: step.line, who: 'tcpflow', verdict: 'sent', note: `held back: it reaches the kernel at \`arrives ${info.label}\`` });
      return;
    }
    if (stmt.lost) {
      this.push({ line: step.line, who: 'tcpflow', verdict: 'lost', note: 'lost on purpose (-x): tcpflow did not send it' });
      return;
    }
    const note = await this.send(stmt, info, crossing);
    this.used(info);
    this.push({ line: step.line, who: 'tcpflow', verdict: 'sent', ...(note ? { note } : {}) });
  }

  private async send(stmt: SegmentStmt, info: SegmentInfo, crossing = false): Promise<string | undefined> {
    const sent = info.sent;
    const notes: string[] = [];
    const seq = this.n.value('tcpflow', sent.seq)!;
    let ack = 0;
    if (sent.ack) {
      if (!this.n.known('kernel', sent.ack.base) || sent.ack.base.startsWith('?'))
        notes.push(`ack=${stmtValue(stmt, 'ack') ?? '?'} names a number the kernel has not shown: taken as its next sequence number`);
      ack = sent.ack.base.startsWith('?') ? this.kernelNxt : this.n.valueOr('kernel', sent.ack, this.kernelNxt);
    }
    const isSyn = sent.flags.has('SYN');
    const mssField = fieldOf(stmt, 'mss')?.value;
    let mss: number | undefined = mssField && !mssField.symbol ? mssField.offset : undefined;
    if (isSyn && mss === undefined) {
      mss = 1460;
      notes.push('its SYN carried mss=1460 (the flow writes none; every real TCP sends one)');
    }
    const ws = fieldOf(stmt, 'wscale')?.value;
    const win = fieldOf(stmt, 'win')?.value;
    const ts = fieldOf(stmt, 'ts')?.value;
    const ecr = fieldOf(stmt, 'ecr')?.value;
    const sack = fieldOf(stmt, 'sack')?.blocks;
    const tsPair: [number, number] | undefined = ts
      ? [
          this.n.value('tcpflow-ts', { base: ts.symbol?.text ?? '', offset: ts.offset })!,
          !ecr
            ? 0
            : !ecr.symbol && ecr.offset === this.kernelTsWritten && this.kernelTsLatest !== undefined
              ? this.kernelTsLatest
              : this.n.valueOr('kernel-ts', { base: ecr.symbol?.text ?? '', offset: ecr.offset }, 0),
        ]
      : undefined;
    await this.inject(
      {
        seq,
        ack,
        flags: flagBits(sent.flags),
        win: win && !win.symbol ? Math.min(65535, win.offset) : 65535,
        payload: payloadOf(info),
        mss,
        ...(ws && !ws.symbol ? { wscale: ws.offset } : {}),
        ...(fieldOf(stmt, 'sackOK') ? { sackOk: true } : {}),
        ...(tsPair ? { ts: tsPair } : {}),
        ...(sack?.length
          ? { sack: sack.map((b) => [this.n.valueOr('kernel', ex(b.left), this.kernelNxt), this.n.valueOr('kernel', ex(b.right), this.kernelNxt)] as const) }
          : {}),
      },
      crossing,
    );
    return notes.length ? notes.join('; ') : undefined;
  }

  private async other(s: Step): Promise<void> {
    const k = this.plan.kernel.name;
    switch (s.stmt.kind) {
      case 'call':
        return this.call(s.stmt);
      case 'wait':
        return this.wait(s.stmt);
      case 'assert':
        return this.assert(s.stmt);
      case 'arrives': {
        const held = this.held.get(s.stmt.label.text);
        if (!held) return;
        await this.send(held.stmt as SegmentStmt, held.segment!);
        this.push({ line: s.line, who: 'tcpflow', verdict: 'sent', note: `tcpflow's segment of line ${held.line + 1} reaches ${k} here` });
        return;
      }
      default:
        return;
    }
  }

  private async call(c: CallStmt): Promise<void> {
    if (c.subject.text !== this.plan.kernel.name) {
      this.push({ line: c.line, who: 'tcpflow', verdict: 'done', note: "tcpflow's side: its segments say what it does" });
      return;
    }
    let note: string;
    if (c.call === 'listen') {
      await this.listen();
      note = `listen on ${this.kport}`;
    } else if (c.call === 'connect') {
      await this.connect();
      note = 'connect';
    } else if (c.call === 'close') {
      this.pendingCall = 'close';
      await this.helper.command('close');
      this.finCalled = true;
      this.socketOpen = false;
      note = 'close()';
    } else {
      this.pendingCall = 'abort';
      await this.helper.command('abort');
      this.aborted = true;
      this.socketOpen = false;
      note = 'close() with SO_LINGER 0 (abort)';
    }
    this.push({ line: c.line, who: 'kernel', verdict: 'done', note: `the kernel's application: ${note}` });
  }

  private async wait(w: WaitStmt): Promise<void> {
    const ms = 'ms' in w.duration ? w.duration.ms : w.duration.msl * this.plan.result.simulation.profile.mslMs;
    const waited = Math.min(ms, this.maxWaitMs);
    await sleep(waited, this.o.signal);
    const r = this.push({ line: w.line, who: 'other', verdict: 'done', note: `waited ${fmtMs(waited)}` });
    if (waited < ms) {
      this.timerCut = `the wait on line ${w.line + 1} was cut to ${fmtMs(waited)} of ${fmtMs(ms)} (--max-wait)`;
      r.verdict = 'not-judged';
      r.note = `waited ${fmtMs(waited)} of ${fmtMs(ms)}: a timer this long could not be waited out (--max-wait ${Math.ceil(this.maxWaitMs / 1000)} s)`;
    }
  }

  private async assert(a: AssertStmt): Promise<void> {
    if (a.subject.text !== this.plan.kernel.name) {
      this.push({ line: a.line, who: 'tcpflow', verdict: 'not-judged', note: "tcpflow's own side: no kernel to ask" });
      return;
    }
    const want = a.state.state;
    // The state moves when the kernel has handled tcpflow's last segment: ask again for a moment.
    let state = await this.kernelState();
    for (let i = 0; i < 20 && state !== want && !this.cancelling; i++) {
      await this.arrival(15);
      state = await this.kernelState();
    }
    const r = this.push({ line: a.line, who: 'kernel', verdict: state === want ? 'agrees' : 'differs', kernelSent: state });
    if (state !== want) {
      r.differences = [{ field: 'state', flow: want ?? a.state.text, kernel: state }];
      if (this.timerCut) {
        r.verdict = 'not-judged';
        r.note = this.timerCut;
      }
    }
  }

  private async kernelState(): Promise<string> {
    const got = this.helper.next((e) => e.ev === 'state', 5000);
    await this.helper.command('state', { lport: this.kport, rport: this.tport });
    const e = await got;
    const s = e?.['state'];
    if (typeof s === 'string') return s;
    return e?.['listening'] ? 'LISTEN' : 'CLOSED';
  }

  /** After the last line: what the kernel still sends is sent more. */
  private async settle(): Promise<void> {
    await this.arrival(this.o.settleMs ?? 300);
    for (;;) {
      const before = this.queue.length;
      if (before === 0) {
        await this.arrival(50);
        if (this.queue.length === 0) break;
      }
      for (const q of this.queue.splice(0)) this.extra(q);
    }
  }
}

const ex = (v: { symbol?: { text: string } | undefined; offset: number }): Expr => ({ base: v.symbol?.text ?? '', offset: v.offset });

function stmtValue(stmt: SegmentStmt, name: string): string | undefined {
  const v = fieldOf(stmt, name)?.value;
  return v ? `${v.symbol?.text ?? ''}${v.symbol ? (v.offset ? (v.offset > 0 ? `+${v.offset}` : `${v.offset}`) : '') : v.offset}` : undefined;
}

export function fmtMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(2)} s` : `${ms} ms`;
}
