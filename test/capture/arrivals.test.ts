// Import, each end as it saw the traffic (src/capture/timeline.ts and writeFlow's
// writeArrivals): the one-way delays from the capture point, and the written text — a segment
// where it was sent, `@label` and `arrives` where it arrived later, `&` where a group says it,
// a second `arrives` for a network duplicate, `?` for a segment the capture did not see, and
// the options as fields.

import { strict as assert } from 'node:assert';
import { importCapture, memorySource } from '../../src/capture/index.js';
import { pcapFile, type SegmentSpec } from '../helpers/captureBuilder.js';

const A = { src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80 };
const B = { src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 40000 };
const ms = (t: number): number => Math.round(t * 1000);
const body = (text: string): string[] => text.split('\n').filter((l) => l && !l.startsWith('#') && !/^(title|client|server|peer|stack|wait) /.test(l));
const imported = (segs: SegmentSpec[], o = {}): string => importCapture({ bytes: memorySource(pcapFile(segs)) }, { arrivals: true, ...o }).text;

/** A handshake captured at A, with B 100 ms away each way. */
const handshakeAtA: SegmentSpec[] = [
  { ...A, seq: 1000, flags: 'S', win: 64240, timeUs: ms(0) },
  { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, timeUs: ms(200) },
  { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, timeUs: ms(200.05) },
];

describe('capture import: each end as it saw the traffic (arrivals)', () => {
  it('simultaneous close with data in flight: labelled data and FINs arrive after the other side sent its own', () => {
    const text = imported([
      ...handshakeAtA,
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, timeUs: ms(1000) },
      { ...A, seq: 1101, ack: 5001, flags: 'FA', win: 502, timeUs: ms(1000.01) },
      { ...B, seq: 5001, ack: 1001, flags: 'PA', len: 100, win: 509, timeUs: ms(1100) },
      { ...B, seq: 5101, ack: 1001, flags: 'FA', win: 509, timeUs: ms(1100.01) },
      { ...A, seq: 1102, ack: 5102, flags: 'A', win: 502, timeUs: ms(1100.05) },
      { ...B, seq: 5102, ack: 1102, flags: 'A', win: 509, timeUs: ms(1200) },
    ]);
    assert.deepEqual(body(text), [
      'Client -> Server: SYN seq=x win=64240',
      'Server -> Client: SYN ACK seq=y ack=x+1 win=65160',
      'Client -> Server: ACK seq=x+1 ack=y+1 win=502',
      'Client -> Server: PSH ACK seq=x+1 ack=y+1 len=100 win=502 @c1',
      'Server -> Client: PSH ACK seq=y+1 ack=x+1 len=100 win=509 @s1',
      'Client close',
      'Client -> Server: FIN ACK seq=x+101 ack=y+1 win=502 @c2',
      'Server close',
      'Server -> Client: FIN ACK seq=y+101 ack=x+1 win=509 @s2',
      'arrives c1',
      'arrives s1',
      'arrives c2',
      'Server -> Client: ACK seq=y+102 ack=x+102 win=509 @s3',
      'arrives s2',
      'Client -> Server: ACK seq=x+102 ack=y+102 win=502 @c3',
      'arrives s3',
      'arrives c3',
    ]);
  });

  it('on loopback (no delay) writes what it always wrote: each segment arrives at once', () => {
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, timeUs: ms(0.02) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, timeUs: ms(0.03) },
      { ...A, seq: 1001, ack: 5001, flags: 'FA', win: 502, timeUs: ms(1) },
      { ...B, seq: 5001, ack: 1002, flags: 'FA', win: 509, timeUs: ms(1.02) },
      { ...A, seq: 1002, ack: 5002, flags: 'A', win: 502, timeUs: ms(1.03) },
    ]);
    assert.doesNotMatch(text, /@|arrives|^& /m);
  });

  it('a network duplicate captured at the receiver arrives twice: one send, two arrives', () => {
    // Captured at B: A is 50 ms away.
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, ts: [10, 0], timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, ts: [900, 10], timeUs: ms(0.05) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [110, 900], timeUs: ms(100) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [111, 900], timeUs: ms(101) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, ts: [111, 900], timeUs: ms(102) },
      { ...B, seq: 5001, ack: 1101, flags: 'A', win: 509, ts: [1001, 111], timeUs: ms(101.05) },
    ]);
    const lines = body(text);
    const send = lines.filter((l) => l.includes('len=100'));
    assert.equal(send.length, 1, text);
    const label = /@(\w+)$/.exec(send[0]!)?.[1];
    assert.ok(label, text);
    assert.equal(lines.filter((l) => l === `arrives ${label}`).length, 2, text);
    assert.doesNotMatch(text, /duplicated a segment here/);
  });

  it('a D-SACK block proves a segment thought lost arrived late (RFC 2883): no -x, its arrives after the retransmission', async () => {
    const { check } = await import('../../src/core/index.js');
    // Captured at A; B is 2 ms away; B got 1001..1101 only after the retransmission.
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, sackOk: true, timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, sackOk: true, timeUs: ms(4) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, timeUs: ms(4.02) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, timeUs: ms(10) },
      { ...A, seq: 1101, ack: 5001, flags: 'PA', len: 100, win: 502, timeUs: ms(10.01) },
      { ...B, seq: 5001, ack: 1001, flags: 'A', win: 509, sack: [[1101, 1201]], timeUs: ms(14.1) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, timeUs: ms(20) },
      { ...B, seq: 5001, ack: 1201, flags: 'A', win: 509, timeUs: ms(24.1) },
      { ...B, seq: 5001, ack: 1201, flags: 'A', win: 509, sack: [[1001, 1101]], timeUs: ms(45) },
    ]);
    assert.doesNotMatch(text, / -x /, text);
    const lines = body(text);
    const original = /@(\w+)$/.exec(lines.find((l) => l.startsWith('Client -> Server: PSH ACK seq=x+1 '))!)![1]!;
    const resent = lines.findIndex(
      (l, i) => i > lines.findIndex((m) => m.startsWith('Client -> Server: PSH ACK seq=x+1 ')) && l.startsWith('Client -> Server: PSH ACK seq=x+1 '),
    );
    assert.ok(lines.indexOf(`arrives ${original}`) > resent, text);
    assert.deepEqual(
      check(text, { stack: 'linux' })
        .diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')
        .map((d) => d.code),
      [],
      text,
    );
  });

  it('a segment the capture did not see is a ? line, not a comment', () => {
    const text = imported([
      { ...A, seq: 1000, flags: 'S', win: 64240, timeUs: ms(0) },
      { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, timeUs: ms(0.02) },
      { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, timeUs: ms(0.03) },
      { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 100, win: 502, timeUs: ms(1) },
      { ...A, seq: 1201, ack: 5001, flags: 'PA', len: 100, win: 502, timeUs: ms(1.2) },
      { ...B, seq: 5001, ack: 1301, flags: 'A', win: 509, timeUs: ms(1.3) },
    ]);
    assert.ok(body(text).includes('? Client -> Server: ACK seq=x+101 ack=y+1 len=100'), text);
    assert.doesNotMatch(text, /# not in the capture/);
  });

  it('writes SACK blocks, timestamps and SACK-permitted as fields, with relative numbers', () => {
    const text = imported(
      [
        { ...A, seq: 1000, flags: 'S', win: 64240, sackOk: true, ts: [10, 0], timeUs: ms(0) },
        { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, sackOk: true, ts: [900, 10], timeUs: ms(0.02) },
        { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [11, 900], timeUs: ms(0.03) },
        {
          ...B,
          seq: 5001,
          ack: 1001,
          flags: 'A',
          win: 509,
          sack: [
            [2001, 3001],
            [4001, 5001],
          ],
          ts: [901, 11],
          timeUs: ms(1),
        },
      ],
      { options: true },
    );
    const lines = body(text);
    assert.ok(lines.includes('Client -> Server: SYN seq=x win=64240 sackOK ts=10 ecr=0'), text);
    assert.ok(lines.includes('Server -> Client: ACK seq=y+1 ack=x+1 win=509 sack=x+1001:x+2001,x+3001:x+4001 ts=901 ecr=11'), text);
  });

  it('writes a Fast Open cookie request and cookie', () => {
    const text = imported(
      [
        { ...A, seq: 1000, flags: 'S', win: 64240, tfo: '', timeUs: ms(0) },
        { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, tfo: '0011223344556677', timeUs: ms(0.02) },
      ],
      { options: true },
    );
    assert.ok(body(text).includes('Client -> Server: SYN seq=x win=64240 cookie'), text);
    assert.ok(body(text).includes('Server -> Client: SYN ACK seq=y ack=x+1 win=65160 cookie=0011223344556677'), text);
  });
});

describe('capture import: segmentation offload', () => {
  it('cuts a frame longer than the MSS the receiver advertised into MSS-sized segments (PSH on the last)', () => {
    const text = importCapture(
      {
        bytes: memorySource(
          pcapFile([
            { ...A, seq: 1000, flags: 'S', win: 64240, mss: 1460, ts: [1, 0], timeUs: ms(0) },
            { ...B, seq: 5000, ack: 1001, flags: 'SA', win: 65160, mss: 1460, ts: [9, 1], timeUs: ms(0.02) },
            { ...A, seq: 1001, ack: 5001, flags: 'A', win: 502, ts: [2, 9], timeUs: ms(0.03) },
            { ...A, seq: 1001, ack: 5001, flags: 'PA', len: 2048, win: 502, ts: [3, 9], timeUs: ms(1) },
            { ...B, seq: 5001, ack: 2449, flags: 'A', win: 509, ts: [10, 3], timeUs: ms(1.02) },
            { ...B, seq: 5001, ack: 3049, flags: 'A', win: 509, ts: [11, 3], timeUs: ms(1.03) },
          ]),
        ),
      },
      { relative: true },
    ).text;
    const lines = body(text).map((l) => l.replace(/ @\w+$/, ''));
    assert.ok(lines.includes('Client -> Server: ACK seq=x+1 ack=y+1 len=1448 win=502 ts=3 ecr=9'), text);
    assert.ok(lines.includes('Client -> Server: PSH ACK seq=x+1449 ack=y+1 len=600 win=502 ts=3 ecr=9'), text);
  });
});

describe('capture import: --connection all', () => {
  /** A short connection from `sport`, the server closing first, starting at `t` ms. */
  const short = (sport: number, isn: number, t: number): SegmentSpec[] => {
    const c = { ...A, sport };
    const s = { ...B, dport: sport };
    return [
      { ...c, seq: isn, flags: 'S', win: 64240, timeUs: ms(t) },
      { ...s, seq: 9000, ack: isn + 1, flags: 'SA', win: 65160, timeUs: ms(t + 0.02) },
      { ...c, seq: isn + 1, ack: 9001, flags: 'A', win: 502, timeUs: ms(t + 0.03) },
      { ...s, seq: 9001, ack: isn + 1, flags: 'FA', win: 509, timeUs: ms(t + 1) },
      { ...c, seq: isn + 1, ack: 9002, flags: 'FA', win: 502, timeUs: ms(t + 1.02) },
      { ...s, seq: 9002, ack: isn + 2, flags: 'A', win: 509, timeUs: ms(t + 1.03) },
    ];
  };

  it('writes every connection between the two hosts as one document, and it checks clean', async () => {
    const { check } = await import('../../src/core/index.js');
    const r = importCapture(
      { bytes: memorySource(pcapFile([...short(40000, 1000, 0), ...short(40002, 7000, 50)])) },
      { connection: { all: true }, stack: 'linux' },
    );
    assert.match(r.text, /^client Client as "10\.0\.0\.1"$/m);
    assert.match(r.text, /^server Server as "10\.0\.0\.2:80"$/m);
    assert.match(r.text, /^connection c1 as "10\.0\.0\.1:40000"$/m);
    assert.match(r.text, /^connection c2 as "10\.0\.0\.1:40002"$/m);
    assert.match(r.text, /^Client -> Server: SYN seq=x2 win=64240$/m);
    assert.equal(r.included?.length, 2);
    const ds = check(r.text, { stack: 'linux' }).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
    assert.deepEqual(
      ds.map((d) => d.code),
      [],
      r.text,
    );
  });

  it('a four-tuple used again from TIME_WAIT: reuses, and the new ISN written against the old symbol', async () => {
    const { check } = await import('../../src/core/index.js');
    const r = importCapture(
      { bytes: memorySource(pcapFile([...short(40000, 1000, 0), ...short(40000, 501000, 300)])) },
      { connection: { all: true }, stack: 'linux' },
    );
    assert.match(r.text, /^connection c2 as "10\.0\.0\.1:40000" reuses c1$/m, r.text);
    assert.match(r.text, /^Client -> Server: SYN seq=x1\+500000 win=64240$/m, r.text);
    const ds = check(r.text, { stack: 'linux' }).diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
    assert.deepEqual(
      ds.map((d) => d.code),
      [],
      r.text,
    );
  });
});
