/**
 * Import benchmarks. One long connection: a generated 100,000-segment pcap imported in segments
 * per second, against tshark and tcpdump reading the same file. Streaming (issue 26): a
 * generated pcap of 2,000,000 packets in 200,000 short connections, `tcpflow-cli import --list`
 * and `--connection N` as whole processes against `tcpdump -r FILE -w /dev/null`, with each
 * one's peak memory, and again at twice the size (the growth). Targets: each within 10× of
 * tcpdump, at most 150 MB. Figures are printed, never asserted.
 */

import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { best } from './best.js';
import { importCapture } from '../src/capture/index.js';
import { openCapture } from '../src/cli/captureFile.js';
import { check } from '../src/core/index.js';
import { pcapFile, type SegmentSpec } from '../test/helpers/captureBuilder.js';
import { PcapWriter, shortConnections } from '../test/helpers/captureGenerator.js';

function generate(n: number): SegmentSpec[] {
  const A = { src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 9000 };
  const B = { src: '10.0.0.2', dst: '10.0.0.1', sport: 9000, dport: 40000 };
  const segs: SegmentSpec[] = [
    { ...A, seq: 1000, flags: 'S', wscale: 7, mss: 1460, win: 64240 },
    { ...B, seq: 5000, ack: 1001, flags: 'SA', wscale: 7, mss: 1460, win: 65160 },
    { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502 },
  ];
  let seq = 1001;
  while (segs.length < n - 4) {
    segs.push({ ...A, seq, ack: 5001, flags: 'PA', len: 1000, win: 502 });
    seq += 1000;
    if (segs.length % 3 === 1) segs.push({ ...B, seq: 5001, ack: seq, flags: 'A', win: 509 });
  }
  segs.push(
    { ...A, seq, ack: 5001, flags: 'FA', win: 502 },
    { ...B, seq: 5001, ack: seq + 1, flags: 'FA', win: 509 },
    { ...A, seq: seq + 1, ack: 5002, flags: 'A', win: 502 },
  );
  return segs.map((s, i) => ({ ...s, timeUs: 1_700_000_000_000_000 + i * 10 }));
}

export function benchImport(): void {
  mkdirSync('.bench', { recursive: true });
  const n = 100_000;
  const path = '.bench/capture-100k.pcap';
  writeFileSync(path, pcapFile(generate(n)));
  console.log(`\n== import: a generated ${n.toLocaleString('en')}-segment pcap (${(statSync(path).size / 1e6).toFixed(1)} MB), best of 3 ==`);
  let text = '';
  const ms = best(() => {
    const c = openCapture(path);
    try {
      text = importCapture(c.input, { source: 'bench' }).text;
    } finally {
      c.close();
    }
  }, 3);
  const errors = check(text).diagnostics.filter((d) => d.severity === 'error').length;
  console.log(
    `tcpflow import      ${ms.toFixed(0).padStart(6)} ms  ${Math.round(n / (ms / 1000))
      .toLocaleString('en')
      .padStart(10)} segments/s  (the flow: ${text.split('\n').length.toLocaleString('en')} lines, ${errors} errors)`,
  );
  for (const [tool, args] of [
    [
      'tshark',
      ['-n', '-o', 'tcp.desegment_tcp_streams:FALSE', '-r', path, '-T', 'fields', '-e', 'tcp.seq_raw', '-e', 'tcp.ack_raw', '-e', 'tcp.flags', '-e', 'tcp.len'],
    ],
    ['tcpdump', ['-nn', '-S', '-r', path]],
  ] as const) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      console.log(`${tool.padEnd(18)}  not installed: no ratio`);
      continue;
    }
    const t = best(() => {
      // A timeout keeps the bench bounded if a tool dissects far more than we ask.
      const r = spawnSync(tool, args, { stdio: ['ignore', 'ignore', 'ignore'], timeout: 300_000 });
      if (r.status !== 0) throw new Error(`${tool} failed`);
    }, 3);
    console.log(
      `${(tool + ' (reading)').padEnd(18)}  ${t.toFixed(0).padStart(6)} ms  ${Math.round(n / (t / 1000))
        .toLocaleString('en')
        .padStart(10)} segments/s  tcpflow import / ${tool} = ${(ms / t).toFixed(2)}×`,
    );
  }
}

interface Run {
  readonly ms: number;
  readonly peakMb: number | undefined;
}

/** A whole process, timed; a node process's peak resident memory from the preloaded hook. */
function run(command: string, args: readonly string[]): Run {
  const node = command === process.execPath;
  const rss = resolve('.bench/peak-rss.txt');
  rmSync(rss, { force: true });
  const t0 = performance.now();
  const r = spawnSync(command, node ? ['--require', resolve(__dirname, '../bench/peakRss.cjs'), ...args] : args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TCPFLOW_BENCH_RSS: rss },
    timeout: 600_000,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return { ms, peakMb: node ? Number(readFileSync(rss, 'utf8')) / 1024 : undefined };
}

/** Best time of `n` runs; the highest peak. */
function bestOf(n: number, command: string, args: readonly string[]): Run {
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) runs.push(run(command, args));
  let ms = Infinity;
  let peak: number | undefined;
  for (const r of runs) {
    ms = Math.min(ms, r.ms);
    if (r.peakMb !== undefined) peak = Math.max(peak ?? 0, r.peakMb);
  }
  return { ms, peakMb: peak };
}

/** `connections` short connections (10 packets each) written to `path` 4 MB at a time. */
function generateShort(path: string, connections: number): number {
  const fd = openSync(path, 'w');
  const w = new PcapWriter((b) => writeSync(fd, b));
  shortConnections(w, connections);
  w.end();
  closeSync(fd);
  return w.packets;
}

export function benchImportStreaming(): void {
  mkdirSync('.bench', { recursive: true });
  const hasTcpdump = spawnSync('sh', ['-c', 'command -v tcpdump']).status === 0;
  const cli = resolve('dist/cli.js');
  const rows: { n: number; list: Run; one: Run; tcpdump: Run | undefined; mb: number }[] = [];
  for (const connections of [200_000, 400_000]) {
    const path = resolve(`.bench/capture-${connections / 1000}k-connections.pcap`);
    const packets = generateShort(path, connections);
    const mb = statSync(path).size / 1e6;
    console.log(
      `\n== import, streaming: a generated pcap of ${packets.toLocaleString('en')} packets in ${connections.toLocaleString('en')} connections (${mb.toFixed(0)} MB), best of 3 ==`,
    );
    const tcpdump = hasTcpdump ? bestOf(3, 'tcpdump', ['-r', path, '-w', '/dev/null']) : undefined;
    const list = bestOf(3, process.execPath, [cli, 'import', '--list', path]);
    const one = bestOf(3, process.execPath, [cli, 'import', '--connection', String(connections / 2), path]);
    const row = (name: string, r: Run): string => {
      const ratio = tcpdump && r !== tcpdump ? `   ${(r.ms / tcpdump.ms).toFixed(2)}× tcpdump (target ≤ 10×)` : '';
      return `${name.padEnd(36)} ${r.ms.toFixed(0).padStart(6)} ms${r.peakMb !== undefined ? `   peak ${r.peakMb.toFixed(0).padStart(4)} MB (target ≤ 150 MB)` : ''}${ratio}`;
    };
    if (tcpdump) console.log(row('tcpdump -r FILE -w /dev/null', tcpdump));
    else console.log('tcpdump                              not installed: tcpflow figures only, no ratio');
    console.log(row('tcpflow-cli import --list', list));
    console.log(row(`tcpflow-cli import --connection ${connections / 2}`, one));
    rows.push({ n: packets, list, one, tcpdump, mb });
    rmSync(path, { force: true });
  }
  const [a, b] = rows as [(typeof rows)[0], (typeof rows)[0]];
  const growth = (x: Run, y: Run): string =>
    `time ${(y.ms / x.ms).toFixed(2)}, memory ${y.peakMb !== undefined && x.peakMb !== undefined ? (y.peakMb / x.peakMb).toFixed(2) : '?'}`;
  console.log(
    `growth at 2N (${a.n.toLocaleString('en')} → ${b.n.toLocaleString('en')} packets; 2.00 = linear): --list ${growth(a.list, b.list)}; --connection ${growth(a.one, b.one)}${a.tcpdump && b.tcpdump ? `; tcpdump time ${(b.tcpdump.ms / a.tcpdump.ms).toFixed(2)}` : ''}`,
  );
}
