// Streaming import (issue 26): a pcap or pcapng file pushed in chunks of any size reads the
// same as in one piece; the work follows what is asked (a list decodes no packet, a connection
// only its own), whatever the number of packets; files past 4 GB keep exact offsets.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import {
  CaptureError,
  CaptureScanner,
  earlierToKeep,
  importCapture,
  importScanned,
  listScanned,
  memorySource,
  type ImportOptions,
  type ScanOptions,
} from '../../src/capture/index.js';
import { pcapFile, pcapngFile, sampleConnection } from '../helpers/captureBuilder.js';
import { pcapBytes, shortClient, shortConnections } from '../helpers/captureGenerator.js';

/** The file pushed `size` bytes at a time. */
function scanned(bytes: Uint8Array, size: number, options: ScanOptions) {
  const s = new CaptureScanner(options);
  for (let at = 0; at < bytes.length; at += size) s.push(bytes.subarray(at, at + size));
  return s.end();
}

/** What a user sees: the list (with warnings), and the import (text and warnings), or the error. */
function seen(bytes: Uint8Array, size: number, options: ImportOptions = {}): string {
  try {
    const list = listScanned(scanned(bytes, size, { interface: options.interface }));
    const lines = list.connections.map((c) => `${c.index} ${c.a} ${c.b} ${c.segments} ${c.opened}`);
    const r = importScanned(scanned(bytes, size, { connection: options.connection ?? 1, interface: options.interface }), options);
    return [...lines, ...list.warnings, r.text, ...r.warnings].join('\n');
  } catch (e) {
    if (e instanceof CaptureError) return `error: ${e.message}`;
    throw e;
  }
}

describe('capture import: streaming', () => {
  describe('chunks of any size read as one piece', () => {
    const two = [...sampleConnection(), ...sampleConnection('10.0.0.7', '10.0.0.8')];
    const pcap = pcapFile(two);
    const ng = pcapngFile(two, { little: false, interfaces: ['eth0', 'lo'] });
    const cutPcap = pcap.subarray(0, pcap.length - 7);
    const cutNg = ng.subarray(0, ng.length - 30);
    const brokenPcap = pcap.slice();
    const bv = new DataView(brokenPcap.buffer);
    bv.setUint32(24 + 16 + bv.getUint32(24 + 8, true) + 8, 0x7fff_ffff, true); // record 2 claims 2 GB
    const files: [string, Uint8Array, ImportOptions?][] = [
      ['pcap', pcap],
      ['pcap, connection 2', pcap, { connection: 2 }],
      ['pcap, every connection', pcap, { connection: { all: true } }],
      ['pcapng (big-endian, two interfaces)', ng],
      ['pcapng, interface lo', ng, { interface: 'lo' }],
      ['pcap cut in its last record', cutPcap],
      ['pcapng cut in its last block', cutNg],
      ['pcap with a record claiming 2 GB', brokenPcap],
      ['pcap header only', pcap.subarray(0, 24)],
      ['half a pcap header', pcap.subarray(0, 12)],
      ['three bytes', pcap.subarray(0, 3)],
    ];
    for (const [name, bytes, options] of files) {
      it(name, () => {
        const whole = seen(bytes, bytes.length || 1, options);
        assert.equal(seen(bytes, Math.max(1, bytes.length), options), whole);
        for (const size of [1, 2, 3, 5, 16, 17, 24, 100, 333]) assert.equal(seen(bytes, size, options), whole, `chunks of ${size}`);
        // And the same as the ByteSource read, one file, in one call.
        let direct: string;
        try {
          direct = importCapture({ bytes: memorySource(bytes) }, options ?? {}).text;
        } catch (e) {
          direct = `error: ${(e as Error).message}`;
        }
        assert.ok(whole.includes(direct), whole);
      });
    }
  });

  describe('the work follows what is asked, not the size of the capture', () => {
    const at = (count: number): Uint8Array => pcapBytes((w) => shortConnections(w, count));
    for (const count of [20_000, 40_000]) {
      it(`${count.toLocaleString('en')} connections of 10 segments: a list decodes no packet, a connection its own 10`, function () {
        this.timeout(60_000);
        const bytes = at(count);
        const list = scanned(bytes, 4 << 20, {});
        assert.equal(list.decoded, 0);
        assert.equal(list.set.count, count);
        assert.equal(list.set.kept.length, 0);
        for (const k of [1, 2, 9, 12_345, count]) {
          const c = list.set.summary(k);
          const client = shortClient(k);
          assert.deepEqual([c.index, c.a, c.b, c.segments, c.opened], [k, `${client.address}:${client.port}`, '10.255.0.1:80', 10, true]);
        }
        const one = scanned(bytes, 4 << 20, { connection: 12_345 });
        assert.equal(one.decoded, 10);
        const r = importScanned(one, { connection: 12_345 });
        assert.match(r.text, new RegExp(`^# Imported by tcpflow-cli from a capture: connection 12345 of ${count}, 10 segments\\.$`, 'm'));
        assert.equal(r.connectionCount, count);
        assert.equal(r.text.split('\n').filter((l) => / -> /.test(l)).length, 10);
      });
    }
  });

  describe('captures past 4 GB', () => {
    const GB4 = 2 ** 32;
    it('pcap: records after byte 4,294,967,296 are read, and a warning names their exact offset and number', () => {
      // 16 records of 262,144 bytes (non-IP Ethernet frames) fill a 4 MB chunk, pushed 1,025 times.
      const chunk = new Uint8Array(4 << 20);
      const v = new DataView(chunk.buffer);
      for (let r = 0; r < 16; r++) {
        v.setUint32(r * 262_144 + 8, 262_128, true);
        v.setUint32(r * 262_144 + 12, 262_128, true);
      }
      const sample = pcapFile(sampleConnection());
      const s = new CaptureScanner({ connection: 1 });
      s.push(sample.subarray(0, 24));
      for (let i = 0; i < 1025; i++) s.push(chunk);
      s.push(sample.subarray(24, sample.length - 5)); // the last record cut short
      assert.ok(s.bytesRead > GB4);
      const r = importScanned(s.end());
      assert.equal(r.chosen.segments, 9);
      const records = 1025 * 16;
      const sv = new DataView(sample.buffer);
      let last = 24;
      for (let k = 0; k < 9; k++) last += 16 + sv.getUint32(last + 8, true);
      const caplen = sv.getUint32(last + 8, true);
      const lastAt = 24 + 1025 * (4 << 20) + last - 24;
      assert.deepEqual(r.warnings, [
        `the capture is truncated: record ${records + 10} at byte ${lastAt} needs ${caplen} bytes, the file ends after ${caplen - 5}; read ${records + 9} records`,
      ]);
      assert.ok(lastAt > GB4);
    });

    it('pcapng: blocks after byte 4,294,967,296 are read, and a warning names their exact offset', () => {
      // Four 1 MB blocks the reader skips (Interface Statistics) fill a 4 MB chunk, pushed 1,025 times.
      const chunk = new Uint8Array(4 << 20);
      const v = new DataView(chunk.buffer);
      for (let b = 0; b < 4; b++) {
        v.setUint32(b * (1 << 20), 5, true);
        v.setUint32(b * (1 << 20) + 4, 1 << 20, true);
        v.setUint32((b + 1) * (1 << 20) - 4, 1 << 20, true);
      }
      const ng = pcapngFile(sampleConnection());
      const nv = new DataView(ng.buffer);
      let first = 0;
      while (nv.getUint32(first, true) !== 6) first += nv.getUint32(first + 4, true);
      const s = new CaptureScanner({ connection: 1 });
      s.push(ng.subarray(0, first));
      for (let i = 0; i < 1025; i++) s.push(chunk);
      s.push(ng.subarray(first, ng.length - 3));
      const r = importScanned(s.end());
      assert.equal(r.chosen.segments, 9);
      let last = first;
      for (let k = 0; k < 9; k++) last += nv.getUint32(last + 4, true);
      const lastBlock = nv.getUint32(last + 4, true);
      const lastAt = 1025 * (4 << 20) + last;
      assert.ok(lastAt > GB4);
      assert.deepEqual(r.warnings, [`the capture is truncated: the block at byte ${lastAt} needs ${lastBlock} bytes, the file ends after ${lastBlock - 3}`]);
    });
  });

  it('a connection whose SYN met an earlier socket: a reader of its own (the editor) reads the file again, keeping that connection, and writes what importCapture writes', () => {
    const bytes = readFileSync('test/fixtures/captures/evidence/reuse-after-fin-wait-2.at-b.pcap');
    const options: ImportOptions = { connection: 2, stack: 'linux' };
    const first = scanned(bytes, 4096, { connection: 2 });
    const earlier = earlierToKeep(first, options);
    assert.equal(earlier, 1, 'connection 2 reuses connection 1, whose socket its SYN met');
    const alone = importScanned(first, options).text;
    const again = importScanned(scanned(bytes, 4096, { connection: 2, alsoKeep: earlier }), options).text;
    assert.doesNotMatch(alone, /^connection c1/m, 'one reading has only connection 2');
    assert.match(again, /^connection c1/m);
    assert.match(again, /^connection c2 .*reuses c1/m);
    assert.equal(again, importCapture({ bytes: memorySource(bytes) }, options).text);
    // A connection that reused nothing needs one reading.
    assert.equal(earlierToKeep(scanned(bytes, 4096, { connection: 1 }), { connection: 1 }), undefined);
  });
});
