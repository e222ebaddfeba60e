/** Import benchmark: a generated 100,000-segment pcap, imported in segments per second, against tshark reading the same file. */

import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { best } from './best.js';
import { importCapture } from '../src/capture/index.js';
import { openCapture } from '../src/cli/captureFile.js';
import { check } from '../src/core/index.js';
import { pcapFile, type SegmentSpec } from '../test/helpers/captureBuilder.js';

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
  segs.push({ ...A, seq, ack: 5001, flags: 'FA', win: 502 }, { ...B, seq: 5001, ack: seq + 1, flags: 'FA', win: 509 }, { ...A, seq: seq + 1, ack: 5002, flags: 'A', win: 502 });
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
  console.log(`tcpflow import      ${ms.toFixed(0).padStart(6)} ms  ${Math.round(n / (ms / 1000)).toLocaleString('en').padStart(10)} segments/s  (the flow: ${text.split('\n').length.toLocaleString('en')} lines, ${errors} errors)`);
  for (const [tool, args] of [
    ['tshark', ['-n', '-o', 'tcp.desegment_tcp_streams:FALSE', '-r', path, '-T', 'fields', '-e', 'tcp.seq_raw', '-e', 'tcp.ack_raw', '-e', 'tcp.flags', '-e', 'tcp.len']],
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
    console.log(`${(tool + ' (reading)').padEnd(18)}  ${t.toFixed(0).padStart(6)} ms  ${Math.round(n / (t / 1000)).toLocaleString('en').padStart(10)} segments/s  tcpflow import / ${tool} = ${(ms / t).toFixed(2)}×`);
  }
}
