// The capture readers: pcap and pcapng in both byte orders, link types, IPv4 and IPv6, and
// truncated, corrupt and huge files (a clear message, no crash, bounded memory).

import { strict as assert } from 'node:assert';
import { CaptureError, importCapture, listConnections, memorySource, type ByteSource } from '../../src/capture/index.js';
import { check } from '../../src/core/index.js';
import { frame, pcapFile, pcapngFile, sampleConnection, type SegmentSpec } from '../helpers/captureBuilder.js';

const errorsOf = (text: string): string[] => check(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} line ${d.range.start.line + 1}`);
const imported = (bytes: Uint8Array, opts = {}): string => importCapture({ bytes: memorySource(bytes) }, opts).text;
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

  it('names IPv6 endpoints with brackets and readable identifiers', () => {
    const text = imported(pcapngFile(sampleConnection('2001:db8::1', '2001:db8::2')));
    assert.match(text, /^client ip6_2001_db8_1_40000 as "\[2001:db8::1\]:40000"$/m);
    assert.match(text, /^server ip6_2001_db8_2_80 as "\[2001:db8::2\]:80"$/m);
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
    // A pcapng block whose trailing length disagrees.
    const ng = pcapngFile(sampleConnection());
    ng[ng.length - 1] = 0x7f;
    cases.push([ng, /ends with a different length/]);
    // A pcapng packet naming an interface that does not exist.
    const ng2 = pcapngFile(sampleConnection());
    const firstEpb = findBlock(ng2, 6);
    new DataView(ng2.buffer).setUint32(firstEpb + 8, 7, true);
    cases.push([ng2, /names interface 7/]);
    for (const [bytes, message] of cases) {
      assert.throws(() => importCapture({ bytes: memorySource(bytes) }), (e: unknown) => e instanceof CaptureError && message.test(e.message));
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
    const noise = (i: number): SegmentSpec => ({ src: '10.1.0.1', dst: '10.1.0.2', sport: 1024 + (i % 50_000), dport: 443, seq: i, ack: 1, flags: 'A', len: 0 });
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
