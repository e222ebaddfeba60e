// The capture readers: pcap and pcapng in both byte orders, link types, IPv4 and IPv6, and
// truncated, corrupt and huge files (a clear message, no crash, bounded memory).

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureError, importCapture, listConnections, memorySource, notACapture, type ByteSource } from '../../src/capture/index.js';
import { check } from '../../src/core/index.js';
import { frame, pcapFile, pcapngFile, sampleConnection, type SegmentSpec } from '../helpers/captureBuilder.js';

const errorsOf = (text: string): string[] =>
  check(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} line ${d.range.start.line + 1}`);
const imported = (bytes: Uint8Array, opts = {}): string => importCapture({ bytes: memorySource(bytes) }, { relative: false, ...opts }).text;
const segmentLines = (text: string): string[] => text.split('\n').filter((l) => / (->|-x) /.test(l));

describe('capture readers', () => {
  const variants: [string, () => Uint8Array][] = [
    ['pcap, little-endian, µs', () => pcapFile(sampleConnection(), { little: true })],
    ['pcap, big-endian, µs', () => pcapFile(sampleConnection(), { little: false })],
    ['pcap, nanosecond timestamps', () => pcapFile(sampleConnection(), { nanos: true })],
    ['pcap, Linux cooked capture', () => pcapFile(sampleConnection(), { link: 'sll' })],
    ['pcap, raw IP', () => pcapFile(sampleConnection(), { link: 'raw' })],
    ['pcap, Ethernet with a VLAN tag', () => pcapFile(sampleConnection(), { link: 'vlan' })],
    ['pcapng, little-endian', () => pcapngFile(sampleConnection(), { little: true })],
    ['pcapng, big-endian', () => pcapngFile(sampleConnection(), { little: false })],
    ['pcapng, nanosecond resolution', () => pcapngFile(sampleConnection(), { tsresol: 9 })],
    ['pcapng, IPv6', () => pcapngFile(sampleConnection('2001:db8::1', '2001:db8::2'))],
    ['pcap, IPv6', () => pcapFile(sampleConnection('fe80::1', 'fe80::2'), { little: false })],
  ];
  for (const [name, make] of variants) {
    it(`reads ${name}: ten segments, checked with no errors`, () => {
      const text = imported(make());
      assert.equal(segmentLines(text).length, 10, text);
      assert.deepEqual(errorsOf(text), [], text);
      assert.match(text, /SYN seq=1000 win=64240 mss=1460 wscale=7/);
      assert.match(text, /PSH ACK seq=5001 ack=1101 len=300 win=509/);
    });
  }

  it('labels IPv6 endpoints with brackets', () => {
    const text = imported(pcapngFile(sampleConnection('2001:db8::1', '2001:db8::2')));
    assert.match(text, /^client Client as "\[2001:db8::1\]:40000"$/m);
    assert.match(text, /^server Server as "\[2001:db8::2\]:80"$/m);
  });

  it('keeps the time between segments as wait lines (nanosecond and microsecond files agree)', () => {
    const segs = sampleConnection().map((s, i) => ({ ...s, timeUs: 1_700_000_000_000_000 + (i === 1 ? 250_000 : i * 1000) + (i > 1 ? 250_000 : 0) }));
    for (const bytes of [pcapFile(segs), pcapFile(segs, { nanos: true }), pcapngFile(segs, { tsresol: 9 })]) {
      assert.match(imported(bytes), /\nwait 250ms\n\S+ -> \S+: SYN ACK/);
    }
  });

  it('reports a truncated last record as a warning and imports what came before', () => {
    const full = pcapFile(sampleConnection());
    const cut = full.subarray(0, full.length - 10);
    const r = importCapture({ bytes: memorySource(cut) });
    assert.equal(segmentLines(r.text).length, 9);
    assert.match(r.warnings.join('\n'), /truncated: record 10 at byte \d+ needs \d+ bytes/);
    const ng = pcapngFile(sampleConnection());
    const r2 = importCapture({ bytes: memorySource(ng.subarray(0, ng.length - 3)) });
    assert.equal(segmentLines(r2.text).length, 9);
    assert.match(r2.warnings.join('\n'), /truncated/);
  });

  it('rejects a file that is too short, corrupt or not a capture with a clear message', () => {
    const cases: [Uint8Array, RegExp][] = [
      [pcapFile([]).subarray(0, 10), /header needs 24 bytes/],
      [Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), /not a capture/],
      [pcapFile([]), /holds no TCP segment/],
    ];
    // A record claiming 4 GB.
    const huge = pcapFile(sampleConnection());
    new DataView(huge.buffer).setUint32(24 + 8, 0xfffffff0, true);
    cases.push([huge, /record 1 at byte 24 claims 4294967280 bytes/]);
    // A pcapng block whose trailing length disagrees, before any packet.
    const ng = pcapngFile(sampleConnection());
    const epb = findBlock(ng, 6);
    ng[epb + new DataView(ng.buffer).getUint32(epb + 4, true) - 1] = 0x7f;
    cases.push([ng, /ends with a different length/]);
    // A pcapng packet naming an interface that does not exist.
    const ng2 = pcapngFile(sampleConnection());
    const firstEpb = findBlock(ng2, 6);
    new DataView(ng2.buffer).setUint32(firstEpb + 8, 7, true);
    cases.push([ng2, /names interface 7/]);
    for (const [bytes, message] of cases) {
      assert.throws(
        () => importCapture({ bytes: memorySource(bytes) }),
        (e: unknown) => e instanceof CaptureError && message.test(e.message),
      );
    }
  });

  it('never asks for more than one record at a time, whatever a record claims', () => {
    const bytes = pcapFile(sampleConnection());
    new DataView(bytes.buffer).setUint32(24 + 8, 0x7fff_ffff, true);
    let largest = 0;
    const src = memorySource(bytes);
    const spy: ByteSource = { size: src.size, read: (o, l) => ((largest = Math.max(largest, l)), src.read(o, l)) };
    assert.throws(() => importCapture({ bytes: spy }), CaptureError);
    assert.ok(largest <= 262_144, `largest read ${largest}`);
  });

  it('reads a huge capture with bounded memory: only the chosen connection is kept', function () {
    this.timeout(60_000);
    // 200,000 records (about 14 MB), generated as they are read: connection 1 then segments of
    // 50,000 other connections.
    const noise = (i: number): SegmentSpec => ({
      src: '10.1.0.1',
      dst: '10.1.0.2',
      sport: 1024 + (i % 50_000),
      dport: 443,
      seq: i,
      ack: 1,
      flags: 'A',
      len: 0,
    });
    const source = syntheticPcap(pcapFile(sampleConnection()), 200_000, (i) => Uint8Array.from(frame(noise(i), 'ethernet')));
    const before = process.memoryUsage().heapUsed;
    const { connections } = listConnections({ bytes: source });
    const r = importCapture({ bytes: source });
    const grown = (process.memoryUsage().heapUsed - before) / 1e6;
    assert.equal(connections.length, 50_001);
    assert.equal(segmentLines(r.text).length, 10);
    assert.ok(grown < 200, `heap grew ${grown.toFixed(0)} MB`);
  });
});

function findBlock(bytes: Uint8Array, type: number): number {
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  for (let at = 0; at < bytes.length; at += v.getUint32(at + 4, true)) if (v.getUint32(at, true) === type) return at;
  throw new Error('no such block');
}

/** A real pcap file followed by `records` more of one fixed size, produced as they are read. */
function syntheticPcap(prefix: Uint8Array, records: number, recordOf: (i: number) => Uint8Array): ByteSource {
  const recordLen = 16 + recordOf(0).length;
  const size = prefix.length + records * recordLen;
  return {
    size,
    read(offset, length) {
      const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      let cached = -1;
      let rec = new Uint8Array(0);
      for (let k = 0; k < out.length; k++) {
        const at = offset + k;
        if (at < prefix.length) {
          out[k] = prefix[at]!;
          continue;
        }
        const i = Math.floor((at - prefix.length) / recordLen);
        if (i !== cached) {
          const body = recordOf(i);
          rec = new Uint8Array(recordLen);
          const dv = new DataView(rec.buffer);
          dv.setUint32(0, 1_700_000_001 + Math.floor(i / 1000), true);
          dv.setUint32(4, (i % 1000) * 1000, true);
          dv.setUint32(8, body.length, true);
          dv.setUint32(12, body.length, true);
          rec.set(body, 16);
          cached = i;
        }
        out[k] = rec[(at - prefix.length) % recordLen]!;
      }
      return out;
    },
  };
}

describe('capture readers: what they say about bad files, options and interfaces', () => {
  const fails = (bytes: Uint8Array, message: RegExp): void =>
    assert.throws(
      () => importCapture({ bytes: memorySource(bytes) }),
      (e: unknown) => e instanceof CaptureError && message.test(e.message),
    );

  it('names an empty file and a bad magic number, not "no TCP segment in the text"', () => {
    assert.equal(notACapture(new Uint8Array(0), 0), 'the file is empty');
    const badMagic = pcapFile(sampleConnection());
    badMagic[0] = 0xd5;
    assert.match(notACapture(badMagic, badMagic.length)!, /starts with 0xd5c3b2a1, which is neither a pcap magic number .* nor a pcapng one/);
    fails(badMagic, /starts with 0xd5c3b2a1/);
    fails(new Uint8Array(0), /the file is empty/);
    assert.throws(() => importCapture({ text: '\n  \n' }), /the file is empty/);
    assert.equal(notACapture(new TextEncoder().encode('12:00:00.000001 IP 10.0.0.1.1 > 10.0.0.2.2: Flags [S]'), 50), undefined);
  });

  it('keeps the records before a broken record header and says where it broke (pcap and pcapng)', () => {
    const pcap = pcapFile(sampleConnection());
    // Record 4's header claims 4 GB: records 1-3 are kept.
    let at = 24;
    for (let i = 0; i < 3; i++) at += 16 + new DataView(pcap.buffer).getUint32(at + 8, true);
    new DataView(pcap.buffer).setUint32(at + 8, 0xfffffff0, true);
    const r = importCapture({ bytes: memorySource(pcap) }, { relative: false });
    assert.equal(segmentLines(r.text).length, 3);
    assert.match(r.warnings.join('\n'), new RegExp(`corrupt pcap: record 4 at byte ${at} claims 4294967280 bytes.*kept the 3 record\\(s\\) before it`));
    const ng = pcapngFile(sampleConnection());
    let epb = findBlock(ng, 6);
    for (let i = 0; i < 5; i++) epb += new DataView(ng.buffer).getUint32(epb + 4, true);
    new DataView(ng.buffer).setUint32(epb + 4, 0x7ffffff0, true);
    const r2 = importCapture({ bytes: memorySource(ng) });
    assert.equal(segmentLines(r2.text).length, 5);
    assert.match(r2.warnings.join('\n'), new RegExp(`the block at byte ${epb} claims a length of 2147483632 bytes; kept the 5 packet\\(s\\) before it`));
  });

  it("does not let the pcap header's snapshot length raise the per-record limit", () => {
    const bytes = pcapFile(sampleConnection());
    new DataView(bytes.buffer).setUint32(16, 0x7fff_ffff, true); // snaplen field
    new DataView(bytes.buffer).setUint32(24 + 8, 100_000_000, true); // record 1 claims 100 MB
    let largest = 0;
    const src = memorySource(bytes);
    const spy: ByteSource = { size: src.size, read: (o, l) => ((largest = Math.max(largest, l)), src.read(o, l)) };
    assert.throws(
      () => importCapture({ bytes: spy }),
      (e: unknown) => e instanceof CaptureError && /record 1 at byte 24 claims 100000000 bytes/.test(e.message),
    );
    assert.ok(largest <= 262_144, `largest read ${largest}`);
  });

  it('names an unsupported link type, in the warning and when nothing else is left', () => {
    const wifi = pcapFile(sampleConnection());
    new DataView(wifi.buffer).setUint32(20, 105, true);
    fails(wifi, /no TCP segment \(10 frame\(s\) of link type 105 \(LINKTYPE_IEEE802_11\) left out/);
  });

  it("warns, with the record, when the snapshot length cut a SYN's options, and leaves windows out", () => {
    const segs = sampleConnection();
    const r = importCapture({ bytes: memorySource(pcapFile(segs, { snaplen: 14 + 20 + 24 })) });
    assert.match(r.warnings.join('\n'), /record 1: the capture kept only part of the SYN's TCP header from 10\.0\.0\.1:40000 \(snapshot length too small\)/);
    assert.doesNotMatch(r.text, /win=/);
    assert.match(r.text, /window scaling is unknown: windows are left out/);
    assert.deepEqual(errorsOf(r.text), []);
  });

  it('writes wscale=15 as 14, the shift a kernel uses (RFC 7323 §2.3), and says so', () => {
    const segs = sampleConnection().map((s) => (s.wscale ? { ...s, wscale: 15 } : s));
    const r = importCapture({ bytes: memorySource(pcapFile(segs)) });
    assert.match(r.text, /SYN seq=x win=64240 mss=1460 wscale=14\n/);
    assert.match(r.warnings.join('\n'), /record 1: the SYN from 10\.0\.0\.1:40000 offers wscale=15; RFC 7323 §2\.3 caps the shift at 14/);
    assert.deepEqual(errorsOf(r.text), []);
  });

  it('writes sackOK, SACK blocks, timestamps and Fast Open cookies as fields; with options: false names what it left out', () => {
    const segs = sampleConnection().map((s, i) => ({
      ...s,
      ts: [i + 1, i] as [number, number],
      ...(s.flags === 'S' || s.flags === 'SA' ? { sackOk: true } : {}),
    }));
    segs[6] = { ...segs[6]!, sack: [[5001, 5101]] };
    segs[0] = { ...segs[0]!, tfo: '' };
    segs[1] = { ...segs[1]!, tfo: '16d33262e75a9089' };
    const r = importCapture({ bytes: memorySource(pcapFile(segs)) });
    assert.deepEqual(r.notWritten, []);
    assert.match(r.text, /: SYN seq=x [^\n]*sackOK ts=1 ecr=0 cookie\n/, r.text);
    assert.match(r.text, /: SYN ACK seq=y [^\n]*sackOK ts=2 ecr=1 cookie=16d33262e75a9089\n/, r.text);
    assert.match(r.text, / sack=/, r.text);
    const left = importCapture({ bytes: memorySource(pcapFile(segs)) }, { options: false });
    assert.deepEqual(left.notWritten, ['SACK permitted (sackOK)', 'SACK blocks', 'timestamps', 'Fast Open cookies (tfo)']);
    assert.doesNotMatch(left.text, /sackOK|ts=|cookie/);
    const text = importCapture({
      text: '12:00:00.000001 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq 1, win 64240, options [mss 1460,sackOK,TS val 7 ecr 0,nop,wscale 7], length 0',
    });
    assert.match(text.text, /SYN seq=x win=64240 mss=1460 wscale=7 sackOK ts=7 ecr=0\n/);
    const tfo = importCapture(
      {
        text: '12:00:00.000001 IP 127.0.0.1.60936 > 127.0.0.1.8080: Flags [S], seq 238922605:238922619, win 65495, options [mss 65495,sackOK,TS val 1 ecr 0,nop,wscale 10,tfo  cookie 16d33262e75a9089,nop,nop], length 14: HTTP',
      },
      { stack: 'linux' },
    );
    assert.match(tfo.text, /^stack linux fastopen$/m);
    assert.match(tfo.text, /SYN seq=x len=14 [^\n]*cookie=16d33262e75a9089\n/);
  });

  it('a Fast Open capture imported without --stack gets stack linux fastopen, said in its header, and checks clean (each connection)', () => {
    const bytes = Uint8Array.from(readFileSync(join(__dirname, '../fixtures/captures/linux/fast-open.pcap')));
    for (const connection of [1, 2]) {
      const r = importCapture({ bytes: memorySource(bytes) }, { connection });
      assert.match(r.text, /^stack linux fastopen$/m, r.text);
      assert.match(r.text, /^# The capture uses TCP Fast Open \(RFC 7413\)/m, r.text);
      assert.deepEqual(errorsOf(r.text), [], r.text);
    }
    const freebsd = importCapture({ bytes: memorySource(bytes) }, { connection: 2, stack: 'freebsd' });
    assert.match(freebsd.text, /^stack freebsd fastopen$/m);
    assert.doesNotMatch(freebsd.text, /^# The capture uses TCP Fast Open/m);
    assert.match(importCapture({ bytes: memorySource(bytes) }, { connection: 2, stack: 'rfc9293' }).text, /^stack rfc9293$/m);
  });

  it('reads one interface of a pcapng file: the same connection on two interfaces is never merged', () => {
    const both = [...sampleConnection().map((s) => ({ ...s, iface: 0 })), ...sampleConnection().map((s) => ({ ...s, iface: 1, timeUs: undefined }))];
    const bytes = pcapngFile(both, { interfaces: ['eth0', 'lo'] });
    const r = importCapture({ bytes: memorySource(bytes) });
    assert.equal(segmentLines(r.text).length, 10);
    assert.deepEqual(errorsOf(r.text), []);
    assert.match(r.warnings.join('\n'), /TCP segments from 2 interfaces: read interface 0 \(eth0\); left out 10 from interface 1 \(lo\)/);
    assert.deepEqual(
      r.interfaces.map((i) => `${i.index} ${i.read}`),
      ['0 true', '1 false'],
    );
    assert.deepEqual(importCapture({ bytes: memorySource(pcapFile(sampleConnection())) }).interfaces, []);
    const byName = importCapture({ bytes: memorySource(bytes) }, { interface: 'lo' });
    assert.equal(segmentLines(byName.text).length, 10);
    assert.deepEqual(byName.warnings, []);
    const list = listConnections({ bytes: memorySource(bytes) });
    assert.deepEqual(
      list.interfaces.map((i) => `${i.index} ${i.name} ${i.tcpSegments} ${i.read}`),
      ['0 eth0 10 true', '1 lo 10 false'],
    );
    assert.equal(list.connections.length, 1);
    assert.throws(
      () => importCapture({ bytes: memorySource(bytes) }, { interface: 'wlan0' }),
      /no interface named 'wlan0': the capture has interface 0 \(eth0\), interface 1 \(lo\)/,
    );
    assert.throws(
      () => importCapture({ bytes: memorySource(pcapFile(sampleConnection())) }, { interface: 2 }),
      /no interface number 2: the capture has interface 0/,
    );
  });

  it('reads one interface of a tcpdump -i any pcap (Linux cooked v2 carries the interface index)', () => {
    const both = [...sampleConnection().map((x) => ({ ...x, iface: 7 })), ...sampleConnection().map((x) => ({ ...x, iface: 3 }))];
    const r = importCapture({ bytes: memorySource(pcapFile(both, { link: 'sll2' })) });
    assert.equal(segmentLines(r.text).length, 10);
    assert.deepEqual(errorsOf(r.text), []);
    assert.match(r.warnings.join('\n'), /read interface 0 \(ifindex 7\); left out 10 from interface 1 \(ifindex 3\)/);
    assert.equal(segmentLines(importCapture({ bytes: memorySource(pcapFile(both, { link: 'sll2' })) }, { interface: 1 }).text).length, 10);
  });

  it('reads each segment once when every one comes twice with nothing to tell the copies apart (a capture at both ends merged)', () => {
    // The both-ends Linux capture, with every frame's interface index made the same.
    const real = Uint8Array.from(readFileSync(join(__dirname, '../fixtures/captures/linux/both-ends.pcap')));
    const merged = Uint8Array.from(real);
    const v = new DataView(merged.buffer);
    for (let at = 24; at < merged.length; at += 16 + v.getUint32(at + 8, true)) v.setUint32(at + 16 + 4, 9);
    const r = importCapture({ bytes: memorySource(merged) });
    assert.match(r.warnings.join('\n'), /8 of the connection's 16 segments appear twice .* each is read once, its first copy/);
    // The same segments sent (the copies' capture times differ a little, and so may when each arrived).
    const sends = (text: string): string =>
      segmentLines(text)
        .map((l) => l.replace(/ @\w+$/, '').replace(/^& /, ''))
        .join('\n');
    assert.equal(sends(r.text), sends(importCapture({ bytes: memorySource(real) }).text));
    assert.deepEqual(errorsOf(r.text), []);
    // A network duplicate now and then is no doubled capture: it stays (see import.test.ts).
    const once = sampleConnection().map((x, i) => ({ ...x, ts: [i, i] as [number, number] }));
    assert.deepEqual(importCapture({ bytes: memorySource(pcapFile([...once, once[5]!])) }).warnings, []);
    // Nor are duplicate ACKs within one clock tick, which repeat in one direction only.
    const dupAcks = [...once.slice(0, 7), ...Array.from({ length: 8 }, () => once[6]!), ...once.slice(7)];
    assert.deepEqual(importCapture({ bytes: memorySource(pcapFile(dupAcks)) }).warnings, []);
  });

  it('reads one interface of tcpdump -i any text: a segment seen on two interfaces is not doubled', () => {
    const seg = (iface: string, dir: string, i: number, body: string): string => `12:00:00.00000${i} ${iface}  ${dir} IP ${body}`;
    const a = '10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq 100, win 64240, length 0';
    const b = '10.0.0.2.80 > 10.0.0.1.5000: Flags [S.], seq 300, ack 101, win 64240, length 0';
    const text = [seg('veth0', 'In', 1, a), seg('br0', 'Out', 2, a), seg('br0', 'In', 3, b), seg('veth0', 'Out', 4, b)].join('\n');
    const r = importCapture({ text });
    assert.equal(segmentLines(r.text).length, 2, r.text);
    assert.deepEqual(errorsOf(r.text), []);
    assert.match(r.warnings.join('\n'), /read interface 0 \(veth0\); left out 2 from interface 1 \(br0\)/);
    assert.equal(segmentLines(importCapture({ text }, { interface: 'br0' }).text).length, 2);
  });

  it('reads tcpdump text in time linear in the line: a 1 MB line of digits and dots, of " > " and of "Flags ["', function () {
    this.timeout(15_000); // the old pattern took minutes on these
    const lines = [
      '1.'.repeat(500_000),
      ' > '.repeat(300_000),
      `${'9'.repeat(100_000)}.1 > 2.2: Flags [${'.'.repeat(200_000)}`,
      `x ${'a.1 > '.repeat(150_000)}`,
    ];
    for (const line of lines) assert.throws(() => importCapture({ text: `${line}\n` }), /no TCP segment in the text/);
  });

  it('leaves out text segments whose addresses are not numbers (quotes, names)', () => {
    const r = importCapture({
      text: '12:00:00.000001 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq 1, win 1, length 0\n12:00:00.000002 IP a"b.80 > 10.0.0.1.5000: Flags [R.], seq 0, ack 2, win 0, length 0\n',
    });
    assert.match(r.warnings.join('\n'), /line 2: a segment whose addresses are names, not numbers, left out/);
    assert.equal(segmentLines(r.text).length, 1);
  });
});
