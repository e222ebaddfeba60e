/**
 * `npm run conformance:linux` (root only): real TCP connections with this machine's own Linux
 * kernel, in network namespaces this script creates and deletes (loopback, or two namespaces
 * joined through a third that runs a relay: nothing leaves them), captured with tcpdump
 * --immediate-mode, imported and checked. Each scenario's capture and what the kernel reported
 * are written to test/fixtures/captures/linux/ with --update, so `npm test` checks them without
 * root; without --update they go to a temporary folder and are only judged.
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { verify, type Fixture } from './verify.js';

const here = __dirname;
const fixtures = join(here, '../../fixtures/captures/linux');

interface Scenario {
  readonly name: string;
  readonly description: string;
  /** `loopback`: both ends on lo in one namespace; `relay`: A and B joined through the relay. */
  readonly topology: 'loopback' | 'relay';
  readonly delayMs?: number;
  readonly drop?: readonly string[];
  /** Relay rules that duplicate (`a:DUP`) or hold back (`a:HOLD`) a segment instead of dropping it. */
  readonly mangle?: readonly string[];
  /** Where tcpdump listens in a relay scenario: A's or B's interface, or every interface of the relay (`-i any`: both ends). */
  readonly captureSide?: 'a' | 'b' | 'relay';
  readonly client?: boolean;
  readonly server?: boolean;
  readonly simultaneous?: boolean;
  /** Loopback over IPv6 (::1). */
  readonly ipv6?: boolean;
  /** sysctl settings for the namespace(s), e.g. net.ipv4.tcp_ecn=1. */
  readonly sysctls?: readonly string[];
  /** Several connections: imported as one document (`--connection all`), each judged. */
  readonly allConnections?: boolean;
  /** What the language still needs before this one can agree (issue 14): run only with --pending. */
  readonly pending?: string;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'open-close', description: 'normal open, a little data, the client closes first', topology: 'loopback' },
  { name: 'server-closes-first', description: 'the server sends and closes first', topology: 'loopback' },
  { name: 'half-close', description: 'the client shuts down its side; the server sends data after the first FIN, then closes', topology: 'loopback' },
  { name: 'refused', description: 'a SYN to a port nobody listens on is answered with RST', topology: 'loopback', server: false },
  { name: 'abort-linger0', description: 'the client closes with SO_LINGER 0: RST instead of FIN', topology: 'loopback' },
  { name: 'close-unread', description: 'the server closes with unread data: the kernel sends RST', topology: 'loopback' },
  { name: 'bulk', description: '1 MB from the client (window scaling in effect), then close', topology: 'loopback' },
  {
    name: 'simultaneous-open',
    description: 'both ends connect to each other; the relay delays segments 100 ms so the SYNs cross',
    topology: 'relay',
    delayMs: 100,
    captureSide: 'a',
    simultaneous: true,
  },
  {
    name: 'simultaneous-close',
    description: 'both ends close at the same moment; the FINs cross in the relay (100 ms)',
    topology: 'relay',
    delayMs: 100,
    captureSide: 'a',
  },
  { name: 'lost-synack', description: "the relay drops the server's first SYN+ACK", topology: 'relay', delayMs: 2, drop: ['b:SA'], captureSide: 'b' },
  { name: 'lost-fin', description: "the relay drops the client's first FIN", topology: 'relay', delayMs: 2, drop: ['a:F'], captureSide: 'a' },
  { name: 'lost-data', description: "the relay drops the client's first data segment", topology: 'relay', delayMs: 2, drop: ['a:D'], captureSide: 'a' },
  { name: 'ipv6', description: 'open, a little data, the client closes first, over IPv6 (::1)', topology: 'loopback', ipv6: true },
  {
    name: 'ecn-handshake',
    description: 'ECN negotiated (net.ipv4.tcp_ecn=1): SYN with ECE+CWR, SYN+ACK with ECE, through the relay (20 ms)',
    topology: 'relay',
    delayMs: 20,
    captureSide: 'a',
    sysctls: ['net.ipv4.tcp_ecn=1'],
  },
  {
    name: 'urgent',
    description: 'the client sends one byte of urgent data (MSG_OOB): URG, through the relay (20 ms)',
    topology: 'relay',
    delayMs: 20,
    captureSide: 'a',
  },
  {
    name: 'rst-fin-wait-2',
    description: 'the client shuts down its side, then closes with SO_LINGER 0 from FIN-WAIT-2: RST, through the relay (20 ms)',
    topology: 'relay',
    delayMs: 20,
    captureSide: 'a',
  },
  {
    name: 'keepalive',
    description: "the client's keepalive probes after 1 s idle, each answered by the server, through the relay (20 ms)",
    topology: 'relay',
    delayMs: 20,
    captureSide: 'a',
  },
  {
    name: 'keepalive-unanswered',
    description:
      "the client's keepalive probes go unanswered (the relay drops everything from the server once the first probe passes): three probes, then the client resets",
    topology: 'relay',
    delayMs: 20,
    drop: ['b:MUTE'],
    captureSide: 'a',
  },
  {
    name: 'reordered',
    description: "the relay holds the client's first data segment 30 ms, so the second overtakes it (captured at B)",
    topology: 'relay',
    delayMs: 2,
    mangle: ['a:HOLD'],
    captureSide: 'b',
  },
  {
    name: 'duplicated',
    description: "the relay forwards the client's first data segment twice (captured at B)",
    topology: 'relay',
    delayMs: 2,
    mangle: ['a:DUP'],
    captureSide: 'b',
  },
  {
    name: 'sack-two-holes',
    description: "the relay drops the client's 2nd and 4th of six data segments: SACK blocks, both retransmitted (captured at A)",
    topology: 'relay',
    delayMs: 2,
    drop: ['a:D2', 'a:D4'],
    captureSide: 'a',
  },
  {
    name: 'simultaneous-close-data',
    description: 'both send 2 KB and shut down at the same moment; the relay delays 100 ms, so data and FINs cross (captured at A)',
    topology: 'relay',
    delayMs: 100,
    captureSide: 'a',
  },
  {
    name: 'fast-open',
    description: 'TCP Fast Open (tcp_fastopen=3): the first connection fetches a cookie, the second sends its data on the SYN',
    topology: 'relay',
    delayMs: 20,
    captureSide: 'a',
    sysctls: ['net.ipv4.tcp_fastopen=3'],
    allConnections: true,
  },
  {
    name: 'both-ends',
    description: "open, data, close through the relay, captured on both of the relay's interfaces at once (tcpdump -i any: each segment twice)",
    topology: 'relay',
    delayMs: 2,
    captureSide: 'relay',
  },
  {
    name: 'twenty-connections',
    description: 'twenty short connections to one listener, one after the other, through the relay (20 ms; imported with --connection all)',
    topology: 'relay',
    delayMs: 20,
    captureSide: 'a',
    allConnections: true,
  },
  {
    name: 'time-wait-reuse',
    description:
      'the server closes first and keeps TIME-WAIT; the client connects again from the same port and the new SYN reopens the pair, through the relay (20 ms; imported with --connection all: reuses)',
    topology: 'relay',
    delayMs: 20,
    captureSide: 'a',
    allConnections: true,
  },
  {
    name: 'zero-window',
    description: 'the server reads nothing (4 KB receive buffer) until its window is zero and the client has probed it, through the relay (20 ms)',
    topology: 'relay',
    delayMs: 20,
    captureSide: 'a',
  },
];

// Names of our own: another run on the same machine (another checkout) must not delete them.
const NS = { lo: `tcpflow-lo-${process.pid}`, a: `tcpflow-a-${process.pid}`, b: `tcpflow-b-${process.pid}`, relay: `tcpflow-relay-${process.pid}` };
const ADDR = { a: '10.9.0.1', b: '10.9.0.2' };

function sh(cmd: string, ...args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}
const quiet = (cmd: string, ...args: string[]): void => void spawnSync(cmd, args, { encoding: 'utf8' });

function teardown(): void {
  for (const ns of Object.values(NS)) quiet('ip', 'netns', 'del', ns);
}

function setupLoopback(): void {
  sh('ip', 'netns', 'add', NS.lo);
  sh('ip', '-n', NS.lo, 'link', 'set', 'lo', 'up');
}

/** A and B, each with a veth whose other end is in the relay's namespace. */
function setupRelay(): void {
  for (const ns of [NS.a, NS.b, NS.relay]) {
    sh('ip', 'netns', 'add', ns);
    sh('ip', '-n', ns, 'link', 'set', 'lo', 'up');
  }
  const macs = { a: '02:00:00:00:00:0a', b: '02:00:00:00:00:0b' };
  for (const side of ['a', 'b'] as const) {
    const ns = NS[side];
    sh('ip', '-n', ns, 'link', 'add', 'veth0', 'type', 'veth', 'peer', 'name', `r${side}`, 'netns', NS.relay);
    sh('ip', 'netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1');
    sh('ip', '-n', ns, 'link', 'set', 'veth0', 'address', macs[side], 'mtu', '1500', 'up');
    sh('ip', '-n', ns, 'addr', 'add', `${ADDR[side]}/24`, 'dev', 'veth0');
    const other = side === 'a' ? 'b' : 'a';
    sh('ip', '-n', ns, 'neigh', 'add', ADDR[other], 'lladdr', macs[other], 'dev', 'veth0', 'nud', 'permanent');
  }
  sh('ip', 'netns', 'exec', NS.relay, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1');
  for (const side of ['a', 'b']) sh('ip', '-n', NS.relay, 'link', 'set', `r${side}`, 'up');
}

interface Proc {
  readonly child: ChildProcess;
  readonly lines: string[];
  waitLine(test: (line: string) => boolean, what: string, ms?: number): Promise<string>;
  exited: Promise<number | null>;
}

function start(ns: string, cmd: string, args: readonly string[], fromStderr = false): Proc {
  const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  const stream = fromStderr ? child.stderr! : child.stdout!;
  createInterface({ input: stream }).on('line', (l) => {
    lines.push(l);
    for (const w of [...waiters])
      if (w.test(l)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(l);
      }
  });
  const errors: string[] = [];
  if (!fromStderr) createInterface({ input: child.stderr! }).on('line', (l) => errors.push(l));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitLine(test, what, ms = 20_000) {
      const seen = lines.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${cmd}: no ${what} within ${ms} ms; stderr: ${errors.join(' | ')}`)), ms);
        waiters.push({ test, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then((code) => reject(new Error(`${cmd} exited (${code}) before ${what}; stderr: ${errors.join(' | ')}`)));
      });
    },
  };
}

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

const TRANSIENT = new Set(['SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'CLOSING', 'LAST-ACK']);

function ssRows(ns: string): Fixture['ss'] {
  return sh('ip', 'netns', 'exec', ns, 'ss', '-tanH')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.trim().split(/\s+/))
    .map((c) => ({ state: c[0]!, local: c[3]!, peer: c[4]! }))
    .filter((r) => r.state !== 'LISTEN');
}

/** Waits (polling ss, at most 15 s) until no socket is in a state a timer will still change. */
async function settle(namespaces: readonly string[]): Promise<Fixture['ss']> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = namespaces.flatMap(ssRows);
    if (!rows.some((r) => TRANSIENT.has(r.state)) || Date.now() > deadline) return rows;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function runScenario(s: Scenario, dir: string): Promise<Fixture> {
  teardown();
  const actors = join(here, 'actors.py');
  const pcap = join(dir, `${s.name}.pcap`);
  const procs: Proc[] = [];
  try {
    let captureNs: string;
    let captureIf: string;
    let serverNs: string;
    let clientNs: string;
    let serverAddr: string;
    if (s.topology === 'loopback') {
      setupLoopback();
      captureNs = serverNs = clientNs = NS.lo;
      captureIf = 'lo';
      serverAddr = s.ipv6 ? '::1' : '127.0.0.1';
    } else {
      setupRelay();
      captureNs = NS[s.captureSide ?? 'a'];
      captureIf = s.captureSide === 'relay' ? 'any' : 'veth0';
      serverNs = NS.b;
      clientNs = NS.a;
      serverAddr = ADDR.b;
    }
    for (const ns of s.topology === 'loopback' ? [NS.lo] : [NS.a, NS.b])
      for (const setting of s.sysctls ?? []) sh('ip', 'netns', 'exec', ns, 'sysctl', '-qw', setting);
    // Through the relay, each end's own view is captured too (A's and B's veth): the same
    // connection seen where each kernel sends and receives.
    const captures: { file: string; ns: string; iface: string }[] = [{ file: pcap, ns: captureNs, iface: captureIf }];
    if (s.topology === 'relay')
      for (const end of ['a', 'b'] as const)
        if (s.captureSide !== end) captures.push({ file: join(dir, `${s.name}.at-${end}.pcap`), ns: NS[end], iface: 'veth0' });
    const tcpdumps = captures.map((c) => start(c.ns, 'tcpdump', ['-i', c.iface, '-w', c.file, '--immediate-mode', '-U', '-s', '256', '-n', 'tcp'], true));
    procs.push(...tcpdumps);
    for (const t of tcpdumps) await t.waitLine((l) => l.includes('listening on'), 'capture start');
    let relay: Proc | undefined;
    if (s.topology === 'relay') {
      relay = start(NS.relay, 'python3', [join(here, 'relay.py'), 'ra', 'rb', String(s.delayMs ?? 0), ...(s.drop ?? []), ...(s.mangle ?? [])]);
      procs.push(relay);
      await relay.waitLine((l) => l.includes('"ready"'), 'relay start');
    }
    const port = '8080';
    const actorProcs: Proc[] = [];
    if (s.simultaneous) {
      // Both connect at the same moment, late enough for two Python starts on a loaded machine.
      const at = String(Date.now() / 1000 + 2);
      actorProcs.push(start(clientNs, 'python3', [actors, s.name, 'client', ADDR.a, '5001', ADDR.b, '5002', at]));
      actorProcs.push(start(serverNs, 'python3', [actors, s.name, 'server', ADDR.b, '5002', ADDR.a, '5001', at]));
    } else {
      if (s.server !== false) {
        const server = start(serverNs, 'python3', [actors, s.name, 'server', serverAddr, port]);
        actorProcs.push(server);
        await server.waitLine((l) => l.includes('"ready"'), 'server listening');
      }
      const clientAddr = s.topology === 'loopback' ? serverAddr : ADDR.a;
      actorProcs.push(start(clientNs, 'python3', [actors, s.name, 'client', clientAddr, '0', serverAddr, s.server === false ? '8081' : port]));
    }
    procs.push(...actorProcs);
    const codes = await within(Promise.all(actorProcs.map((p) => p.exited)), 30_000, `${s.name}: the actors`);
    if (codes.some((c) => c !== 0)) throw new Error(`${s.name}: an actor failed (exit ${codes.join(', ')})`);
    const ss = await settle(s.topology === 'loopback' ? [NS.lo] : [NS.a, NS.b]);
    const states: Record<string, string[]> = {};
    for (const p of actorProcs) {
      for (const l of p.lines) {
        const e = JSON.parse(l) as { endpoint?: string; state?: string };
        if (e.endpoint && e.state) (states[e.endpoint] ??= []).push(e.state);
      }
    }
    const dropped = (relay?.lines ?? []).map((l) => JSON.parse(l) as { dropped?: Fixture['dropped'][number] }).flatMap((e) => (e.dropped ? [e.dropped] : []));
    const muting = s.drop?.some((d) => d.endsWith(':MUTE')) ?? false;
    if (muting ? dropped.length === 0 : (s.drop?.length ?? 0) !== dropped.length)
      throw new Error(`${s.name}: the relay dropped ${dropped.length} segment(s), expected ${muting ? 'some' : (s.drop?.length ?? 0)}`);
    relay?.child.kill('SIGTERM');
    for (const t of tcpdumps) t.child.kill('SIGINT');
    for (const t of tcpdumps) await within(t.exited, 10_000, 'tcpdump stopping');
    return {
      scenario: s.name,
      description: s.description,
      kernel: release(),
      capturedOn:
        s.topology === 'loopback'
          ? 'lo, in a namespace of its own'
          : s.captureSide === 'relay'
            ? `both of the relay's veths, -i any (A ${ADDR.a}, B ${ADDR.b})`
            : `${s.captureSide === 'b' ? 'B' : 'A'}'s veth (A ${ADDR.a}, B ${ADDR.b}, joined by the relay)`,
      states,
      ...(s.allConnections ? { allConnections: true } : {}),
      ...(captures.length > 1 ? { alsoCapturedAt: captures.slice(1).map((c) => (c.file.endsWith('.at-a.pcap') ? 'a' : 'b')) } : {}),
      ss: ss.map((r) => ({ ...r, local: r.local.replace(/^\[::ffff:(.*)\]/, '$1'), peer: r.peer.replace(/^\[::ffff:(.*)\]/, '$1') })),
      dropped,
    };
  } finally {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    teardown();
  }
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) {
    console.error('conformance:linux needs root (it creates network namespaces); skipped');
    process.exit(2);
  }
  for (const tool of ['tcpdump', 'ss', 'ip', 'python3']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      console.error(`conformance:linux needs ${tool}; install it (apt-get install tcpdump iproute2 python3)`);
      process.exit(2);
    }
  }
  // A machine that cannot create network namespaces (a container without CAP_NET_ADMIN) cannot
  // run this at all: say so loudly rather than fail every scenario.
  teardown();
  const probe = spawnSync('ip', ['netns', 'add', NS.lo], { encoding: 'utf8' });
  teardown();
  if (probe.status !== 0) {
    console.log(`conformance:linux DID NOT RUN: this machine cannot create network namespaces (${probe.stderr.trim()})`);
    process.exit(0);
  }
  const update = process.argv.includes('--update');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
  const pending = process.argv.includes('--pending');
  const dir = update ? fixtures : mkdtempSync(join(tmpdir(), 'tcpflow-linux-'));
  mkdirSync(dir, { recursive: true });
  let failed = 0;
  console.log(`Linux ${release()}: ${SCENARIOS.filter((s) => pending || !s.pending).length} scenarios, captures in ${dir}`);
  for (const s of SCENARIOS) {
    if (only && !s.name.includes(only)) continue;
    if (s.pending && !pending) {
      console.log(`  pending ${s.name}: needs ${s.pending}`);
      continue;
    }
    const t0 = Date.now();
    let fx: Fixture;
    try {
      fx = await runScenario(s, dir);
    } catch (e) {
      failed++;
      console.log(`  FAIL ${s.name}: ${(e as Error).message}`);
      continue;
    }
    writeFileSync(join(dir, `${s.name}.json`), `${JSON.stringify(fx, null, 2)}\n`);
    const ms = Date.now() - t0;
    for (const at of [undefined, ...(fx.alsoCapturedAt ?? [])]) {
      const base = at ? `${s.name}.at-${at}` : s.name;
      const verdict = verify(readFileSync(join(dir, `${base}.pcap`)), fx, at);
      writeFileSync(join(dir, `${base}.tcpflow`), verdict.flow);
      if (verdict.problems.length === 0)
        console.log(
          `  ok   ${base.padEnd(26)} ${String(ms).padStart(5)} ms  ${Object.entries(fx.states)
            .map(([e, st]) => `${e} ${st.join('→')}`)
            .join('; ')}`,
        );
      else {
        failed++;
        console.log(`  FAIL ${base}:\n${verdict.problems.map((p) => `       ${p}`).join('\n')}\n${verdict.flow.replace(/^/gm, '       | ')}`);
      }
    }
  }
  console.log(failed === 0 ? 'conformance:linux: every scenario agrees with the kernel' : `conformance:linux: ${failed} scenario(s) disagree`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  teardown();
  process.exit(1);
});
