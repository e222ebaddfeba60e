// Captures that are big or hostile (issue 24): a long connection imports without running out of
// stack, a small file never grows into millions of segments, a file name or capture text never
// becomes a statement of the flow, a broken clock never writes a number `wait` cannot read, and
// a pcapng block with a wrong length is reported, not silently swallowing the packets after it.

import { strict as assert } from 'node:assert';
import { CaptureError, importCapture, memorySource } from '../../src/capture/index.js';
import { check } from '../../src/core/index.js';
import { pcapFile, pcapngFile, sampleConnection, type SegmentSpec } from '../helpers/captureBuilder.js';
import { longConnection, pcapBytes } from '../helpers/captureGenerator.js';

const segmentLines = (text: string): string[] => text.split('\n').filter((l) => / (->|-x) /.test(l));
const errorsOf = (text: string): string[] =>
  check(text)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.code} line ${d.range.start.line + 1}`);

describe('capture import: big and hostile captures', () => {
  it('imports a 135,006-segment connection (each lines list is appended without a spread)', function () {
    this.timeout(120_000);
    const bytes = pcapBytes((w) => longConnection(w, 135_006));
    const r = importCapture({ bytes: memorySource(bytes) }, { source: 'long.pcap' });
    assert.equal(r.chosen.segments, 135_006);
    assert.equal(segmentLines(r.text).length, 135_006);
    assert.match(r.text, /\nServer -> Client: FIN ACK seq=y\+1 ack=x\+\d+ win=509\nClient -> Server: ACK seq=x\+\d+ ack=y\+2 win=502\n$/);
    // The other writer (every connection between the two hosts) too.
    const all = importCapture({ bytes: memorySource(bytes) }, { connection: { all: true } });
    assert.equal(segmentLines(all.text).length, 135_006);
  });

  describe('segmentation is bounded by what the capture holds', () => {
    const A = { src: '10.0.0.1', dst: '10.0.0.2', sport: 5000, dport: 80 };
    const B = { src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 5000 };
    const handshake = (mss: number): SegmentSpec[] => [
      { ...A, seq: 100, flags: 'S', mss },
      { ...B, seq: 300, ack: 101, flags: 'SA', mss },
      { ...A, seq: 101, ack: 301, flags: 'A' },
    ];

    it('a 7 KB pcap of MSS 1 and records claiming 64 KB each keeps each record one segment, with a warning', () => {
      const segs: SegmentSpec[] = [...handshake(1)];
      for (let i = 0; i < 90; i++) segs.push({ ...A, seq: 101 + i * 65495, ack: 301, flags: 'PA' });
      const bytes = pcapFile(segs);
      // Each data record claims 65,535 bytes in its IP header; the record holds only the headers.
      const v = new DataView(bytes.buffer);
      for (let at = 24, k = 0; at < bytes.length; k++) {
        const caplen = v.getUint32(at + 8, true);
        if (k >= 3) v.setUint16(at + 16 + 14 + 2, 65535);
        at += 16 + caplen;
      }
      assert.ok(bytes.length < 8000, `${bytes.length} bytes`);
      const r = importCapture({ bytes: memorySource(bytes) }, { relative: false });
      assert.equal(segmentLines(r.text).length, 93);
      assert.match(r.text, /PSH ACK seq=101 ack=301 len=65495/);
      assert.match(r.warnings.join('\n'), /advertises mss=1: no kernel sends segments that small \(Linux's floor is 48 octets\)/);
      assert.match(r.warnings.join('\n'), /90 segment\(s\) longer than the MSS kept whole \(the first at record 4\): the capture does not hold their payload/);
    });

    it('a frame whose payload the capture holds is cut, at an MSS of at least 48 octets', () => {
      const r = importCapture({ bytes: memorySource(pcapFile([...handshake(1), { ...A, seq: 101, ack: 301, flags: 'PA', len: 200 }])) }, { relative: false });
      assert.deepEqual(
        segmentLines(r.text)
          .slice(3)
          .map((l) => l.replace(/ @c\d+$/, '')),
        [
          'Client -> Server: ACK seq=101 ack=301 len=48 win=65535',
          'Client -> Server: ACK seq=149 ack=301 len=48 win=65535',
          'Client -> Server: ACK seq=197 ack=301 len=48 win=65535',
          'Client -> Server: ACK seq=245 ack=301 len=48 win=65535',
          'Client -> Server: PSH ACK seq=293 ack=301 len=8 win=65535',
        ],
      );
    });

    it('a 4-line tcpdump text claiming length 4294967295 reads it as 262144 and keeps it one segment', () => {
      const text = [
        '12:00:00.000001 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq 100, win 64240, options [mss 1], length 0',
        '12:00:00.000002 IP 10.0.0.2.80 > 10.0.0.1.5000: Flags [S.], seq 300, ack 101, win 65160, options [mss 1], length 0',
        '12:00:00.000003 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [.], ack 301, win 502, length 0',
        '12:00:00.000004 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [P.], seq 101:4294967396, ack 301, win 502, length 4294967295',
      ].join('\n');
      const r = importCapture({ text }, { relative: false });
      assert.equal(segmentLines(r.text).length, 4);
      assert.match(r.text, /PSH ACK seq=101 ack=301 len=262144/);
      assert.match(r.warnings.join('\n'), /line 4: length 4294967295 is more than any captured packet holds; read as 262144/);
      assert.match(r.warnings.join('\n'), /1 segment\(s\) longer than the MSS kept whole \(the first at line 4\)/);
    });

    it('a tcpdump text number beyond its header field leaves that line out, with a warning', () => {
      const text = [
        '12:00:00.000001 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq 100, win 64240, length 0',
        '12:00:00.000002 IP 10.0.0.2.80 > 10.0.0.1.5000: Flags [S.], seq 300, ack 101, win 99999999999999999999999, length 0',
        '12:00:00.000003 IP 10.0.0.2.80 > 10.0.0.1.5000: Flags [S.], seq 300, ack 101, win 65160, length 0',
      ].join('\n');
      const r = importCapture({ text }, { relative: false });
      assert.equal(segmentLines(r.text).length, 2);
      assert.doesNotMatch(r.text, /e\+/);
      assert.match(r.warnings.join('\n'), /line 2: win 99999999999999999999… is more than its TCP header field holds/);
    });
  });

  describe('nothing from a file name or a capture becomes a statement', () => {
    it('a file name with line breaks stays one comment line', () => {
      const source = 'x.pcap\ntitle pwned\nClient -> Server: RST seq=1\r\u2028\u001b[31m';
      const r = importCapture({ bytes: memorySource(pcapFile(sampleConnection())) }, { source });
      const lines = r.text.split('\n');
      assert.equal(lines.filter((l) => l.startsWith('title ')).length, 1);
      assert.ok(!lines.some((l) => l.startsWith('Client -> Server: RST')), r.text);
      assert.equal(
        lines[0],
        '# Imported by tcpflow-cli from x.pcap\\ntitle pwned\\nClient -> Server: RST seq=1\\r\\u2028\\x1b[31m: connection 1 of 1, 10 segments.',
      );
      assert.deepEqual(errorsOf(r.text), []);
      const all = importCapture({ bytes: memorySource(pcapFile(sampleConnection())) }, { source, connection: { all: true } });
      assert.equal(all.text.split('\n').filter((l) => l.startsWith('title ')).length, 1);
      assert.ok(!/\nClient -> Server: RST/.test(all.text));
    });

    it('a --stack value with a line break stays on the stack line', () => {
      const r = importCapture({ bytes: memorySource(pcapFile(sampleConnection())) }, { stack: 'linux\ntitle pwned' });
      assert.equal(r.text.split('\n').filter((l) => l.startsWith('title ')).length, 1);
    });

    it('pcapng interface names and descriptions are plain printable text', () => {
      const r = importCapture({ bytes: memorySource(pcapngFile(sampleConnection(), { interfaces: ['eth0\ntitle x"\\'] })) });
      assert.equal(r.interfaces[0]!.name, 'eth0?title x??');
      assert.equal(r.text.split('\n').filter((l) => l.startsWith('title ')).length, 1);
    });
  });

  it('a tcpdump text timestamp of 26 digits never writes a wait the language cannot read', () => {
    const text = [
      '1700000000.000001 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq 100, win 64240, length 0',
      '12345678901234567890123456.000002 IP 10.0.0.2.80 > 10.0.0.1.5000: Flags [S.], seq 300, ack 101, win 65160, length 0',
      '1700000000.000003 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [.], ack 301, win 502, length 0',
    ].join('\n');
    const r = importCapture({ text });
    assert.doesNotMatch(r.text, /e\+|Infinity|NaN/);
    assert.deepEqual(errorsOf(r.text), []);
    assert.match(r.warnings.join('\n'), /line 2: a timestamp of 26 digits is no time tcpdump prints/);
  });

  it('a pause longer than 31 years (a broken pcapng clock) is written as the longest wait, with a comment and a warning', () => {
    const segs = sampleConnection().map((s, i) => ({ ...s, timeUs: i >= 5 ? 1e25 : 1_700_000_000_000_000 + i * 1000 }));
    const r = importCapture({ bytes: memorySource(pcapngFile(segs, { tsresol: 0 })) });
    assert.match(
      r.text,
      /\n# the capture's clock jumps by more than 1000000000s \(about 31 years\) here, a broken timestamp: the wait is written as 1000000000s\nwait 1000000000s\n/,
    );
    assert.doesNotMatch(r.text, /e\+/);
    assert.match(r.warnings.join('\n'), /clock jumps/);
    assert.deepEqual(errorsOf(r.text), []);
  });

  describe('a pcapng block length that is wrong is reported', () => {
    /** A block of a type the reader skips, claiming `claimed` bytes, after the first `after` packets. */
    const withBlock = (after: number, claimed: number, body = 8): Uint8Array => {
      const ng = pcapngFile(sampleConnection());
      const v = new DataView(ng.buffer);
      let at = 0;
      let packets = 0;
      while (packets < after || v.getUint32(at, true) !== 6) {
        if (v.getUint32(at, true) === 6) packets++;
        at += v.getUint32(at + 4, true);
      }
      const block = new Uint8Array(12 + body);
      const bv = new DataView(block.buffer);
      bv.setUint32(0, 5, true); // Interface Statistics
      bv.setUint32(4, claimed, true);
      bv.setUint32(8 + body, claimed, true);
      const out = new Uint8Array(ng.length + block.length);
      out.set(ng.subarray(0, at));
      out.set(block, at);
      out.set(ng.subarray(at), at + block.length);
      return out;
    };

    it('one running past the end of the file: the packets before it are imported, a warning says so', () => {
      const r = importCapture({ bytes: memorySource(withBlock(5, 4096)) });
      assert.equal(segmentLines(r.text).length, 5);
      assert.match(
        r.warnings.join('\n'),
        /the capture is truncated: the block at byte \d+ needs 4096 bytes, the file ends after \d+; the packets after it \(if any\) are lost/,
      );
    });

    it('one inside the file whose length does not match its end: a warning, the packets before it kept', () => {
      const r = importCapture({ bytes: memorySource(withBlock(5, 64)) });
      assert.equal(segmentLines(r.text).length, 5);
      assert.match(
        r.warnings.join('\n'),
        /corrupt pcapng: the block at byte \d+ ends with a different length than it starts with \(64\); kept the 5 packet\(s\) before it/,
      );
    });

    it('before any packet it is an error', () => {
      assert.throws(
        () => importCapture({ bytes: memorySource(withBlock(0, 64)) }),
        (e: unknown) => e instanceof CaptureError && /ends with a different length/.test(e.message),
      );
    });
  });
});
