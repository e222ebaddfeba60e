/**
 * Linearity: each kind of input at a size and at twice that size, in this process (warmed up,
 * best of 3); the growth ratio of the times should stay near 2 (4 would be quadratic). For
 * `.tcpflow` text (check and render), Markdown notes (every ```tcpflow block checked, as the CLI
 * and the server do), pcap and tcpdump text (imported and checked).
 */

import { best } from './best.js';
import { importCapture, memorySource } from '../src/capture/index.js';
import { check, findTcpflowBlocks, toMermaid } from '../src/core/index.js';
import { pcapFile, type SegmentSpec } from '../test/helpers/captureBuilder.js';
import { generateFlow } from './flows.js';

function segments(n: number): SegmentSpec[] {
  const A = { src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 9000 };
  const B = { src: '10.0.0.2', dst: '10.0.0.1', sport: 9000, dport: 40000 };
  const segs: SegmentSpec[] = [
    { ...A, seq: 1000, flags: 'S', mss: 1460, win: 64240 },
    { ...B, seq: 5000, ack: 1001, flags: 'SA', mss: 1460, win: 65160 },
    { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502 },
  ];
  let seq = 1001;
  while (segs.length < n - 3) {
    segs.push({ ...A, seq, ack: 5001, flags: 'PA', len: 100, win: 502 });
    seq += 100;
    segs.push({ ...B, seq: 5001, ack: seq, flags: 'A', win: 509 });
  }
  segs.push(
    { ...A, seq, ack: 5001, flags: 'FA', win: 502 },
    { ...B, seq: 5001, ack: seq + 1, flags: 'FA', win: 509 },
    { ...A, seq: seq + 1, ack: 5002, flags: 'A', win: 502 },
  );
  return segs.map((s, i) => ({ ...s, timeUs: 1_700_000_000_000_000 + i * 10 }));
}

/** The same connection as `tcpdump -nn -S` prints it. */
function tcpdumpText(segs: readonly SegmentSpec[]): string {
  const flagText = (f: string): string => (f === 'S' ? 'S' : f === 'SA' ? 'S.' : f === 'A' ? '.' : f === 'PA' ? 'P.' : f === 'FA' ? 'F.' : f);
  return segs
    .map((s, i) => {
      const t = `12:00:${String(Math.floor(i / 100000) % 60).padStart(2, '0')}.${String(i % 1000000).padStart(6, '0')}`;
      const len = s.len ?? 0;
      const seq = len > 0 ? `seq ${s.seq}:${s.seq + len}` : `seq ${s.seq}`;
      const ack = s.ack !== undefined ? `, ack ${s.ack}` : '';
      const opts = s.mss ? `, options [mss ${s.mss}]` : '';
      return `${t} IP ${s.src}.${s.sport} > ${s.dst}.${s.dport}: Flags [${flagText(s.flags)}], ${seq}${ack}, win ${s.win ?? 0}${opts}, length ${len}`;
    })
    .join('\n');
}

/** A note: prose and ```tcpflow blocks of 100 segments each. */
function markdownNote(blocks: number): string {
  const flow = generateFlow(100);
  const parts: string[] = ['# Notes', ''];
  for (let i = 0; i < blocks; i++)
    parts.push(`## Part ${i + 1}`, '', 'Some prose about the flow below, with `code` and *emphasis*.', '', '```tcpflow', flow.trimEnd(), '```', '');
  return parts.join('\n');
}

export function benchGrowth(): void {
  console.log('\n== linearity: time at 2N / time at N (best of 3; 2.0 = linear, 4.0 = quadratic) ==');
  const rows: [string, number, (n: number) => () => void][] = [
    [
      '.tcpflow text (check + render)',
      50_000,
      (n) => {
        const t = generateFlow(n);
        return () => void toMermaid(check(t));
      },
    ],
    [
      'Markdown note (100-segment blocks)',
      500,
      (n) => {
        const t = markdownNote(n);
        return () => {
          for (const b of findTcpflowBlocks(t)) check(b.content);
        };
      },
    ],
    [
      'pcap (import + check)',
      50_000,
      (n) => {
        const bytes = pcapFile(segments(n));
        return () => void check(importCapture({ bytes: memorySource(bytes) }, { source: 'bench' }).text);
      },
    ],
    [
      'tcpdump text (import + check)',
      50_000,
      (n) => {
        const text = tcpdumpText(segments(n));
        return () => void check(importCapture({ text }, { source: 'bench' }).text);
      },
    ],
  ];
  console.log('input                                       N        time at N   time at 2N   growth');
  for (const [name, n, make] of rows) {
    const small = make(n);
    const large = make(2 * n);
    small(); // warm-up
    const a = best(small, 3);
    const b = best(large, 3);
    console.log(`${name.padEnd(38)} ${String(n).padStart(8)} ${a.toFixed(0).padStart(10)} ms ${b.toFixed(0).padStart(9)} ms   ${(b / a).toFixed(2)}`);
  }
}
