// Import: what a capture shows only indirectly (lost, crossing and unseen segments, the calls
// behind FIN and RST), the options (--connection, --names, --relative, --collapse), tcpdump
// text, and the five public captures.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureError, importCapture, listConnections, memorySource } from '../../src/capture/index.js';
import { check, explain, messageOf } from '../../src/core/index.js';
import { pcapFile, sampleConnection, type SegmentSpec } from '../helpers/captureBuilder.js';

const SANDERS = join(__dirname, '../fixtures/captures/chrissanders');
const TEXT = join(__dirname, '../fixtures/captures/tcpdump-text');

function errorsOf(text: string, stack?: 'linux'): string[] {
  return check(text, stack ? { stack } : {})
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `line ${d.range.start.line + 1}: ${d.code} ${messageOf(d, 'en')}`);
}
const body = (text: string): string[] => text.split('\n').filter((l) => l && !l.startsWith('#') && !/^(title|client|server|peer|stack) /.test(l));
// The inference tests read raw numbers (--absolute); the default, relative numbers, has its own tests.
const fromSegs = (segs: SegmentSpec[], opts = {}): string =>
  importCapture({ bytes: memorySource(pcapFile(segs)) }, { names: ['A', 'B'], relative: false, ...opts }).text;

const A = { src: '10.0.0.1', dst: '10.0.0.2', sport: 5000, dport: 80 };
const B = { src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 5000 };

describe('capture import: inference', () => {
  it('writes a whole connection with calls before the FINs, and it checks', () => {
    const text = fromSegs(sampleConnection().map((s) => ({ ...s, sport: s.sport === 40000 ? 5000 : s.sport, dport: s.dport === 40000 ? 5000 : s.dport })));
    assert.deepEqual(errorsOf(text), []);
    assert.match(text, /^client A as "10\.0\.0\.1:5000"$/m);
    assert.match(text, /^server B as "10\.0\.0\.2:80"$/m);
    assert.deepEqual(
      body(text).filter((l) => !l.includes('->')),
      ['A close', 'B close'],
    );
  });

  it('marks a SYN+ACK lost when the client retransmits its SYN after it was captured', () => {
    const text = fromSegs([
      { ...A, seq: 100, flags: 'S' },
      { ...B, seq: 300, ack: 101, flags: 'SA' },
      { ...A, seq: 100, flags: 'S', timeUs: 1_700_000_001_000_000 },
      { ...B, seq: 300, ack: 101, flags: 'SA', timeUs: 1_700_000_001_000_100 },
      { ...A, seq: 101, ack: 301, flags: 'A', timeUs: 1_700_000_001_000_200 },
    ]);
    assert.deepEqual(body(text).slice(0, 2), ['A -> B: SYN seq=100 win=65535', 'B -x A: SYN ACK seq=300 ack=101 win=65535']);
    assert.deepEqual(errorsOf(text), []);
  });

  it('marks the original lost when a retransmission follows with no answer in between', () => {
    const text = fromSegs([
      { ...A, seq: 100, flags: 'S' },
      { ...B, seq: 300, ack: 101, flags: 'SA' },
      { ...A, seq: 101, ack: 301, flags: 'A' },
      { ...A, seq: 101, ack: 301, flags: 'PA', len: 10 },
      { ...A, seq: 101, ack: 301, flags: 'PA', len: 10, timeUs: 1_700_000_000_300_000 },
      // a round trip after the retransmission (1 ms here: the SYN+ACK's): its answer
      { ...B, seq: 301, ack: 111, flags: 'A', timeUs: 1_700_000_000_302_000 },
    ]);
    assert.match(text, /\nA -x B: PSH ACK seq=101 ack=301 len=10 win=65535\nwait 29\dms\nA -> B: PSH ACK seq=101/, text);
    assert.deepEqual(errorsOf(text), []);
  });

  it('writes a simultaneous open as crossing segments (&)', () => {
    const text = fromSegs([
      { ...A, seq: 100, flags: 'S' },
      { ...B, seq: 300, flags: 'S' },
      { ...A, seq: 100, ack: 301, flags: 'SA' },
      { ...B, seq: 300, ack: 101, flags: 'SA' },
    ]);
    assert.deepEqual(body(text), [
      'A -> B: SYN seq=100 win=65535',
      '& B -> A: SYN seq=300 win=65535',
      'A -> B: SYN ACK seq=100 ack=301 win=65535',
      '& B -> A: SYN ACK seq=300 ack=101 win=65535',
    ]);
    assert.match(text, /^peer A/m);
    assert.match(text, /^peer B/m);
    const ex = explain(check(text), text.split('\n'));
    assert.deepEqual(ex.final, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
  });

  it('writes a simultaneous close as crossing FINs, both calls before the group', () => {
    const text = fromSegs([
      ...[
        { ...A, seq: 100, flags: 'S' },
        { ...B, seq: 300, ack: 101, flags: 'SA' },
        { ...A, seq: 101, ack: 301, flags: 'A' },
      ],
      { ...A, seq: 101, ack: 301, flags: 'FA' },
      { ...B, seq: 301, ack: 101, flags: 'FA' },
      { ...A, seq: 102, ack: 302, flags: 'A' },
      { ...B, seq: 302, ack: 102, flags: 'A' },
    ]);
    assert.deepEqual(body(text).slice(3, 7), [
      'A close',
      'B close',
      'A -> B: FIN ACK seq=101 ack=301 win=65535',
      '& B -> A: FIN ACK seq=301 ack=101 win=65535',
    ]);
    assert.deepEqual(errorsOf(text), []);
    assert.deepEqual(explain(check(text), text.split('\n')).final, { A: 'TIME_WAIT', B: 'TIME_WAIT' });
  });

  it('infers the segment a capture missed (a jump in sequence numbers) and whether it arrived', () => {
    const open = [
      { ...A, seq: 100, flags: 'S' },
      { ...B, seq: 300, ack: 101, flags: 'SA' },
      { ...A, seq: 101, ack: 301, flags: 'A' },
    ];
    const lost = fromSegs([
      ...open,
      { ...A, seq: 111, ack: 301, flags: 'PA', len: 10 },
      { ...B, seq: 301, ack: 101, flags: 'A' },
      { ...A, seq: 101, ack: 301, flags: 'PA', len: 10 },
      { ...B, seq: 301, ack: 121, flags: 'A' },
    ]);
    assert.match(lost, /\n\? A -x B: ACK seq=101 ack=301 len=10\n/, lost);
    assert.deepEqual(errorsOf(lost), []);
    const arrived = fromSegs([...open, { ...A, seq: 111, ack: 301, flags: 'PA', len: 10 }, { ...B, seq: 301, ack: 121, flags: 'A' }]);
    assert.match(arrived, /\n\? A -> B: ACK seq=101 ack=301 len=10( @\w+)?\n/, arrived);
    assert.deepEqual(errorsOf(arrived), []);
  });

  describe('reordering, duplication, a segment the capture missed, a RST after close', () => {
    const t = (ms: number): number => 1_700_000_000_000_000 + ms * 1000;
    // A 50 ms round trip, captured at B.
    const open: SegmentSpec[] = [
      { ...A, seq: 100, flags: 'S', timeUs: t(0) },
      { ...B, seq: 300, ack: 101, flags: 'SA', timeUs: t(1) },
      { ...A, seq: 101, ack: 301, flags: 'A', timeUs: t(51) },
    ];
    const problems = (text: string): string[] =>
      check(text, { stack: 'linux' })
        .diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')
        .map((d) => `line ${d.range.start.line + 1}: ${d.code}`);

    it('a segment that arrives late, sooner than a round trip, is reordered, not lost and retransmitted', () => {
      const text = fromSegs([
        ...open,
        { ...A, seq: 201, ack: 301, flags: 'PA', len: 100, timeUs: t(60) },
        { ...B, seq: 301, ack: 101, flags: 'A', timeUs: t(61) },
        { ...A, seq: 101, ack: 301, flags: 'PA', len: 100, timeUs: t(62) },
        { ...B, seq: 301, ack: 301, flags: 'A', timeUs: t(63) },
      ]);
      assert.doesNotMatch(text, / -x /);
      // Sent in order, it arrives after the next one: labelled, its arrives after the duplicate ACK.
      const lines = body(text);
      const late = /@(\w+)$/.exec(lines.find((l) => l.startsWith('A -> B: PSH ACK seq=101'))!)?.[1];
      assert.ok(late, text);
      assert.ok(lines.indexOf(`arrives ${late}`) > lines.indexOf('B -> A: ACK seq=301 ack=101 win=65535'), text);
      assert.deepEqual(problems(text), []);
      // The same, but the segment comes a round trip later: a loss and its retransmission.
      const lost = fromSegs([
        ...open,
        { ...A, seq: 201, ack: 301, flags: 'PA', len: 100, timeUs: t(60) },
        { ...B, seq: 301, ack: 101, flags: 'A', timeUs: t(61) },
        { ...A, seq: 101, ack: 301, flags: 'PA', len: 100, timeUs: t(112) },
        { ...B, seq: 301, ack: 301, flags: 'A', timeUs: t(113) },
      ]);
      assert.match(lost, /\? A -x B: ACK seq=101 ack=301 len=100\n/, lost);
      assert.deepEqual(problems(lost), []);
    });

    it('with timestamps, a late original is told from the retransmission that overtook it (same TSval as the next segment: same tick)', () => {
      // B reports what it holds with SACK blocks, which both SYNs permitted (RFC 2018).
      const text = fromSegs([
        { ...open[0]!, sackOk: true },
        { ...open[1]!, sackOk: true },
        open[2]!,
        { ...A, seq: 201, ack: 301, flags: 'PA', len: 100, ts: [734, 9], timeUs: t(60) },
        { ...B, seq: 301, ack: 101, flags: 'A', sack: [[201, 301]], timeUs: t(61) },
        { ...A, seq: 101, ack: 301, flags: 'PA', len: 100, ts: [746, 10], timeUs: t(72) }, // the retransmission
        { ...B, seq: 301, ack: 301, flags: 'A', timeUs: t(73) },
        { ...A, seq: 101, ack: 301, flags: 'PA', len: 100, ts: [734, 9], timeUs: t(90) }, // the original, late
        { ...B, seq: 301, ack: 301, flags: 'A', sack: [[101, 201]], timeUs: t(91) },
      ]);
      assert.doesNotMatch(text, / -x /);
      // The original is written where it was sent (before seq=201) and arrives last.
      assert.match(text, /\nA -> B: PSH ACK seq=101 ack=301 len=100 win=65535 ts=734 ecr=9 @(\w+)\nA -> B: PSH ACK seq=201/, text);
      const original = /seq=101 ack=301 len=100 win=65535 ts=734 ecr=9 @(\w+)\nA -> B: PSH ACK seq=201/.exec(text)![1]!;
      const lines = body(text);
      const resent = /@(\w+)$/.exec(lines.filter((l) => l.startsWith('A -> B: PSH ACK seq=101'))[1]!)![1]!;
      assert.ok(lines.indexOf(`arrives ${original}`) > lines.indexOf(`arrives ${resent}`), text);
      assert.deepEqual(problems(text), []);
      // A repeat with the same TSval is the network's copy, even with segments in between.
      const dup = fromSegs([
        ...open,
        { ...A, seq: 101, ack: 301, flags: 'PA', len: 100, ts: [5, 1], timeUs: t(60) },
        { ...B, seq: 301, ack: 201, flags: 'A', timeUs: t(61) },
        { ...A, seq: 101, ack: 301, flags: 'PA', len: 100, ts: [5, 1], timeUs: t(70) },
        { ...B, seq: 301, ack: 201, flags: 'A', timeUs: t(71) },
      ]);
      assert.doesNotMatch(dup, / -x /);
      const copy = /seq=101 ack=301 len=100 win=65535 ts=5 ecr=1 @(\w+)/.exec(dup)?.[1];
      assert.equal(dup.split('\n').filter((l) => l === `arrives ${copy}`).length, 2, dup);
      assert.deepEqual(problems(dup), []);
    });

    it('the same segment twice within moments is a duplicate, not a loss', () => {
      const text = fromSegs([
        ...open,
        { ...A, seq: 101, ack: 301, flags: 'PA', len: 100, timeUs: t(60) },
        { ...A, seq: 101, ack: 301, flags: 'PA', len: 100, timeUs: t(60.5) },
        { ...B, seq: 301, ack: 201, flags: 'A', timeUs: t(61) },
        { ...B, seq: 301, ack: 201, flags: 'A', timeUs: t(61.2) },
      ]);
      assert.doesNotMatch(text, / -x /);
      // One send, two arrivals: the network's copy is a second `arrives`, not a second send.
      assert.equal(body(text).filter((l) => l.startsWith('A -> B: PSH ACK seq=101')).length, 1, text);
      const label = /seq=101 ack=301 len=100 win=65535 @(\w+)/.exec(text)?.[1];
      assert.equal(body(text).filter((l) => l === `arrives ${label}`).length, 2, text);
      assert.deepEqual(problems(text), []);
    });

    it('a segment the capture missed is not lost when the peer acknowledges it later: no cascade of errors', () => {
      const text = fromSegs([
        ...open,
        { ...A, seq: 101, ack: 301, flags: 'PA', len: 100, timeUs: t(60) },
        // 201..301 missed by the capture
        { ...A, seq: 301, ack: 301, flags: 'PA', len: 100, timeUs: t(61) },
        { ...B, seq: 301, ack: 201, flags: 'A', timeUs: t(62) }, // sent before 201 arrived
        { ...B, seq: 301, ack: 401, flags: 'A', timeUs: t(63) },
        { ...A, seq: 401, ack: 301, flags: 'PA', len: 100, timeUs: t(64) },
        { ...B, seq: 301, ack: 501, flags: 'A', timeUs: t(65) },
      ]);
      assert.match(text, /\n\? A -> B: ACK seq=201 ack=301 len=100/, text);
      assert.doesNotMatch(text, / -x /);
      assert.deepEqual(problems(text), []);
    });

    it('a RST answering data after close is written after that data with abort, not as crossing', () => {
      for (const flags of ['R', 'RA']) {
        const text = fromSegs([
          ...open,
          { ...A, seq: 101, ack: 301, flags: 'FA', timeUs: t(60) },
          { ...B, seq: 301, ack: 102, flags: 'A', timeUs: t(61) },
          { ...B, seq: 301, ack: 102, flags: 'PA', len: 10, timeUs: t(62) },
          { ...A, seq: 102, ack: 301, flags, timeUs: t(63) },
        ]);
        const sent = body(text).filter((l) => !l.startsWith('arrives '));
        assert.deepEqual(
          sent.slice(-3).map((l) => l.replace(/ @\w+$/, '')),
          ['B -> A: PSH ACK seq=301 ack=102 len=10 win=65535', 'A abort', `A -> B: ${flags === 'R' ? 'RST seq=102' : 'RST ACK seq=102 ack=301'}`],
          text,
        );
        assert.deepEqual(problems(text), []);
      }
    });
  });

  it('writes abort before an unprompted RST, nothing before a RST that refuses a connection', () => {
    const abort = fromSegs([
      { ...A, seq: 100, flags: 'S' },
      { ...B, seq: 300, ack: 101, flags: 'SA' },
      { ...A, seq: 101, ack: 301, flags: 'A' },
      { ...A, seq: 101, ack: 301, flags: 'RA' },
    ]);
    assert.deepEqual(body(abort).slice(3), ['A abort', 'A -> B: RST ACK seq=101 ack=301']);
    assert.deepEqual(errorsOf(abort), []);
    const refused = fromSegs([
      { ...A, seq: 100, flags: 'S' },
      { ...B, seq: 0, ack: 101, flags: 'RA' },
    ]);
    assert.match(refused, /^peer B/m);
    assert.deepEqual(body(refused), ['A -> B: SYN seq=100 win=65535', 'B -> A: RST ACK seq=0 ack=101']);
    assert.deepEqual(errorsOf(refused), []);
  });

  it('applies window scaling from the SYNs (a scaled window lets big segments in)', () => {
    const text = fromSegs([
      { ...A, seq: 100, flags: 'S', wscale: 7, win: 64240 },
      { ...B, seq: 300, ack: 101, flags: 'SA', wscale: 7, win: 65160 },
      { ...A, seq: 101, ack: 301, flags: 'A', win: 502 },
      { ...B, seq: 301, ack: 101, flags: 'PA', len: 30000, win: 509 },
      { ...A, seq: 101, ack: 30301, flags: 'A', win: 300 },
    ]);
    assert.deepEqual(errorsOf(text), []);
  });

  it('--relative rebases both sides to x and y; --names names them', () => {
    const text = importCapture({ bytes: memorySource(pcapFile(sampleConnection())) }, { relative: true, names: ['Client', 'Server'] }).text;
    assert.deepEqual(body(text).slice(0, 3), [
      'Client -> Server: SYN seq=x win=64240 mss=1460 wscale=7',
      'Server -> Client: SYN ACK seq=y ack=x+1 win=65160 mss=1400 wscale=7',
      'Client -> Server: ACK seq=x+1 ack=y+1 win=502',
    ]);
    assert.deepEqual(errorsOf(text), []);
  });

  it('--collapse joins a run of data segments into one line that still checks', () => {
    const segs: SegmentSpec[] = [
      { ...A, seq: 100, flags: 'S', wscale: 7 },
      { ...B, seq: 300, ack: 101, flags: 'SA', wscale: 7 },
      { ...A, seq: 101, ack: 301, flags: 'A', win: 1000 },
    ];
    for (let i = 0; i < 10; i++) {
      segs.push({ ...B, seq: 301 + i * 1000, ack: 101, flags: 'A', len: 1000, win: 1000 });
      if (i % 2 === 1) segs.push({ ...A, seq: 101, ack: 301 + (i + 1) * 1000, flags: 'A', win: 1000 });
    }
    const plain = fromSegs(segs);
    const collapsed = fromSegs(segs, { collapse: true });
    assert.equal(body(plain).length, 18);
    assert.deepEqual(body(collapsed).slice(3), ['B -> A: ACK seq=301 ack=101 len=10000 win=1000', 'A -> B: ACK seq=101 ack=10301 win=1000']);
    assert.match(collapsed, /# 10 segments collapsed into one line/);
    assert.deepEqual(errorsOf(collapsed), []);
  });

  it('writes relative numbers and Client/Server by default, the address:port in each label; relative: false gives the raw numbers', () => {
    const r = importCapture({ bytes: memorySource(pcapFile(sampleConnection())) });
    assert.deepEqual(body(r.text).slice(0, 3), [
      'Client -> Server: SYN seq=x win=64240 mss=1460 wscale=7',
      'Server -> Client: SYN ACK seq=y ack=x+1 win=65160 mss=1400 wscale=7',
      'Client -> Server: ACK seq=x+1 ack=y+1 win=502',
    ]);
    assert.match(r.text, /^client Client as "10\.0\.0\.1:40000"\nserver Server as "10\.0\.0\.2:80"$/m);
    assert.deepEqual(
      r.participants.map((p) => `${p.role} ${p.name} ${p.label}`),
      ['client Client 10.0.0.1:40000', 'server Server 10.0.0.2:80'],
    );
    assert.deepEqual(errorsOf(r.text), []);
    const raw = importCapture({ bytes: memorySource(pcapFile(sampleConnection())) }, { relative: false }).text;
    assert.match(raw, /^Client -> Server: SYN seq=1000 /m);
    // A capture that starts after the handshake: the lower port is the server, named so.
    const late = importCapture({ bytes: memorySource(pcapFile(sampleConnection().slice(4))) }).text;
    assert.match(late, /^server Server as "10\.0\.0\.2:80" state ESTABLISHED\nclient Client as "10\.0\.0\.1:40000" state ESTABLISHED$/m);
    assert.deepEqual(errorsOf(late), []);
  });

  it('an endpoint that matches several connections is an error that lists them', () => {
    const three = [...sampleConnection(), ...sampleConnection('10.0.0.7', '10.0.0.2'), ...sampleConnection('10.0.0.8', '10.0.0.9')];
    const bytes = pcapFile(three);
    assert.throws(
      () => importCapture({ bytes: memorySource(bytes) }, { connection: '80' }),
      (e: unknown) =>
        e instanceof CaptureError &&
        e.message ===
          "':80' matches 3 connections: 1 (10.0.0.1:40000 → 10.0.0.2:80), 2 (10.0.0.7:40000 → 10.0.0.2:80), 3 (10.0.0.8:40000 → 10.0.0.9:80); choose one by its number",
    );
    assert.throws(() => importCapture({ bytes: memorySource(bytes) }, { connection: '10.0.0.2:80' }), /matches 2 connections: 1 \(.*\), 2 \(/);
    assert.match(importCapture({ bytes: memorySource(bytes) }, { connection: '10.0.0.9:80' }).text, /as "10\.0\.0\.8:40000"/);
  });

  it('chooses a connection by number or endpoint, and lists them', () => {
    const two = [...sampleConnection(), ...sampleConnection('10.0.0.7', '10.0.0.8')];
    const bytes = pcapFile(two);
    assert.deepEqual(
      listConnections({ bytes: memorySource(bytes) }).connections.map((c) => `${c.index} ${c.a} ${c.b} ${c.segments}`),
      ['1 10.0.0.1:40000 10.0.0.2:80 10', '2 10.0.0.7:40000 10.0.0.8:80 10'],
    );
    assert.match(importCapture({ bytes: memorySource(bytes) }, { connection: 2 }).text, /as "10\.0\.0\.7:40000"/);
    assert.match(importCapture({ bytes: memorySource(bytes) }, { connection: '10.0.0.8:80' }).text, /as "10\.0\.0\.7:40000"/);
    assert.throws(
      () => importCapture({ bytes: memorySource(bytes) }, { connection: 3 }),
      (e: unknown) => e instanceof CaptureError && /no connection number 3: the capture holds 2/.test(e.message),
    );
  });
});

describe('capture import: the five public captures (chrissanders/packets)', () => {
  const expectations: Record<string, (text: string) => void> = {
    tcp_handshake: (t) => assert.match(t, /SYN ACK seq=233779340 ack=3691127925 win=5840 mss=1406 wscale=7/),
    tcp_teardown: (t) => assert.equal(body(t).filter((l) => l.endsWith(' close')).length, 2),
    tcp_refuseconnection: (t) => assert.match(t, /^peer Server as "192\.168\.100\.1:80"/m),
    tcp_retransmissions: (t) => assert.equal(body(t).filter((l) => l.includes(' -x ')).length, 5),
    tcp_dupack: (t) => assert.match(t, /\n\? Server -x Client: ACK seq=1310973186 ack=704338729 len=10944/),
  };
  for (const file of readdirSync(SANDERS).filter((f) => f.endsWith('.pcapng'))) {
    const name = file.replace(/\.pcapng$/, '');
    it(`${file} imports and checks with no errors`, () => {
      const text = importCapture({ bytes: memorySource(readFileSync(join(SANDERS, file))) }, { source: file }).text;
      assert.deepEqual(errorsOf(text), [], text);
      const absolute = importCapture({ bytes: memorySource(readFileSync(join(SANDERS, file))) }, { source: file, relative: false }).text;
      assert.deepEqual(errorsOf(absolute), [], absolute);
      expectations[name]!(absolute);
    });
    it(`${name}: the tcpdump -nn -S text imports to the same flow; the -nn text (relative numbers) checks too`, () => {
      const fromPcap = importCapture({ bytes: memorySource(readFileSync(join(SANDERS, file))) }, { source: 'x' }).text;
      const absolute = importCapture({ text: readFileSync(join(TEXT, `${name}.S.txt`), 'utf8') }, { source: 'x' }).text;
      assert.equal(absolute, fromPcap);
      const relative = importCapture({ text: readFileSync(join(TEXT, `${name}.txt`), 'utf8') }, { source: 'x' }).text;
      assert.deepEqual(errorsOf(relative), [], relative);
      if (name !== 'tcp_dupack') assert.equal(relative, fromPcap); // its first line is a pure ACK whose base tcpdump never printed
    });
  }

  it('reads tcpdump text with -v two-line output, IPv6 and an interface column', () => {
    const text = [
      '12:00:00.000001 lo    In  IP6 (flowlabel 0x1, hlim 64, next-header TCP (6) payload length: 40) ::1.5000 > ::1.80: Flags [S], seq 100, win 65476, options [mss 65476,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0',
      '12:00:00.000002 IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)',
      '    ::1.80 > ::1.5000: Flags [R.], cksum 0x0030 (incorrect -> 0x1234), seq 0, ack 101, win 0, length 0',
      'some unrelated line',
    ].join('\n');
    const out = importCapture({ text }, { names: ['A', 'B'], relative: false }).text;
    assert.deepEqual(body(out), ['A -> B: SYN seq=100 win=65476 mss=65476 wscale=7 sackOK ts=1 ecr=0', 'B -> A: RST ACK seq=0 ack=101']);
    assert.match(out, /as "\[::1\]:5000"/);
    assert.throws(() => importCapture({ text: 'nothing here' }), /no TCP segment in the text/);
  });
});
