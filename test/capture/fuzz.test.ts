/**
 * Property tests for capture import: random and mutated pcap, pcapng and tcpdump text never
 * crash the importer (a capture it cannot read is a CaptureError with a message), and every
 * flow it writes parses and checks without a crash and without a syntax diagnostic (TF1xx):
 * whatever the capture holds, the writer writes the language correctly.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { CaptureError, importCapture, listConnections, memorySource, type CaptureInput } from '../../src/capture/index.js';
import { check } from '../../src/core/index.js';
import { pcapFile, pcapngFile, sampleConnection, type SegmentSpec } from '../helpers/captureBuilder.js';

const TEXT = join(__dirname, '../fixtures/captures/tcpdump-text');

/** Imports; a CaptureError is an answer, anything else thrown fails the property. */
function importsCleanly(input: CaptureInput, options: { relative?: boolean } = {}): void {
  let text: string;
  try {
    listConnections(input);
    text = importCapture(input, options).text;
  } catch (e) {
    if (e instanceof CaptureError) return;
    throw e;
  }
  const result = check(text, { stack: 'linux' });
  const syntax = result.diagnostics.filter((d) => d.code.startsWith('TF1'));
  assert.deepEqual(
    syntax.map((d) => `${d.code} line ${d.range.start.line + 1}`),
    [],
    text,
  );
}

const seqValue = fc.oneof(fc.nat({ max: 5000 }), fc.constantFrom(0, 0xffff_ffff, 0x7fff_ffff, 0x8000_0000, 0xffff_fff0));
const address = fc.oneof(
  fc.constantFrom('10.0.0.1', '10.0.0.2', '127.0.0.1'),
  fc.constantFrom('::1', '1::2', '1:2::', '2001:db8::1', 'fe80::1', '::ffff:10.0.0.1'),
);
const segmentSpec = fc.record({
  src: address,
  dst: address,
  sport: fc.constantFrom(80, 5000, 0, 65535),
  dport: fc.constantFrom(80, 5000, 0, 65535),
  seq: seqValue,
  ack: seqValue,
  flags: fc.constantFrom('S', 'SA', 'A', 'PA', 'FA', 'R', 'RA', 'F', 'SF', 'SFRPAUEC', 'U', ''),
  len: fc.constantFrom(0, 1, 100, 1460),
  win: fc.nat({ max: 65535 }),
  mss: fc.option(fc.nat({ max: 65535 }), { nil: undefined }),
  wscale: fc.option(fc.nat({ max: 255 }), { nil: undefined }),
  sackOk: fc.boolean(),
  timeUs: fc.option(
    fc.nat({ max: 2_000_000 }).map((d) => 1_700_000_000_000_000 + d),
    { nil: undefined },
  ),
}) as fc.Arbitrary<SegmentSpec>;

/** Random byte edits of a valid file: overwrite, cut, insert. */
const mutations = fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 }), fc.constantFrom('set', 'cut', 'insert')), { minLength: 1, maxLength: 8 });
function mutate(bytes: Uint8Array, edits: readonly [number, number, string][]): Uint8Array {
  let b = Array.from(bytes);
  for (const [pos, value, kind] of edits) {
    const at = pos % (b.length + 1);
    if (kind === 'set' && at < b.length) b[at] = value;
    else if (kind === 'cut') b = b.slice(0, at);
    else b.splice(at, 0, value);
  }
  return Uint8Array.from(b);
}

const texts = readdirSync(TEXT).map((f) => readFileSync(join(TEXT, f), 'utf8'));
const textJunk = fc.string({
  maxLength: 10,
  unit: fc.constantFrom('"', '\\', '.', ':', '>', ' ', '[', ']', '{', '}', ',', '1', 'a', 'é', '\t', 'S', 'F', 'R'),
});
const textLine = fc
  .tuple(
    fc.oneof(address, textJunk),
    fc.nat({ max: 70000 }),
    fc.oneof(address, textJunk),
    fc.nat({ max: 70000 }),
    fc.constantFrom('S', 'S.', '.', 'P.', 'F.', 'R', 'R.', 'none', 'SEW', 'x'),
    seqValue,
    seqValue,
    fc.nat({ max: 2000 }),
    fc.constantFrom('', ', options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 15]', ', options [nop,nop,sack 1 {1:2}]', ', options [wscale 99]'),
    textJunk,
  )
  .map(
    ([a, ap, b, bp, flags, seq, ack, len, opts, junk]) =>
      `12:00:0${seq % 10}.000001 IP ${a}.${ap} > ${b}.${bp}: Flags [${flags}], seq ${seq}, ack ${ack}, win ${len}${opts}, length ${len}${junk}`,
  );

describe('capture import: property tests', function () {
  this.timeout(120_000);

  it('random segments, as pcap and pcapng: no crash, and what is written has no syntax error', () => {
    fc.assert(
      fc.property(fc.array(segmentSpec, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), (segs, ng, relative) => {
        importsCleanly({ bytes: memorySource(ng ? pcapngFile(segs) : pcapFile(segs)) }, { relative });
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('mutated pcap and pcapng files: a CaptureError or a flow with no syntax error', () => {
    const twoInterfaces = pcapngFile([...sampleConnection(), ...sampleConnection().map((x) => ({ ...x, iface: 1 }))], { interfaces: ['eth0', 'lo'] });
    const options = sampleConnection().map((x, i) => ({
      ...x,
      ts: [i, i] as [number, number],
      sackOk: true,
      ...(i === 4 ? { sack: [[1, 2]] as [number, number][] } : {}),
    }));
    const files = [
      pcapFile(sampleConnection()),
      pcapngFile(sampleConnection('2001:db8::1', '2001:db8::2')),
      pcapFile(sampleConnection(), { little: false, nanos: true }),
      twoInterfaces,
      pcapFile(options),
    ];
    fc.assert(
      fc.property(fc.constantFrom(...files), mutations, (file, edits) => importsCleanly({ bytes: memorySource(mutate(file, edits)) })),
      { numRuns: 400, seed: 1313 },
    );
  });

  it('random and mutated tcpdump text: a CaptureError or a flow with no syntax error', () => {
    fc.assert(
      fc.property(fc.array(textLine, { minLength: 1, maxLength: 10 }), (lines) => importsCleanly({ text: lines.join('\n') })),
      { numRuns: 300, seed: 99 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), textJunk), { maxLength: 6 }), (text, edits) => {
        const t = edits.reduce((s, [pos, del, ins]) => {
          const p = pos % (s.length + 1);
          return s.slice(0, p) + ins + s.slice(p + del);
        }, text);
        importsCleanly({ text: t });
      }),
      { numRuns: 300, seed: 5 },
    );
  });

  it('the writer cases fuzzing found: wscale above 14, quotes in text addresses, IPv6 names that would collide', () => {
    const c = { src: '1::2', dst: '1:2::', sport: 3, dport: 3 };
    const s = { src: '1:2::', dst: '1::2', sport: 3, dport: 3 };
    const segs: SegmentSpec[] = [
      { ...c, seq: 1, flags: 'S', wscale: 15 },
      { ...s, seq: 9, ack: 2, flags: 'SA', wscale: 200 },
      { ...c, seq: 2, ack: 10, flags: 'A' },
    ];
    importsCleanly({ bytes: memorySource(pcapFile(segs)) });
    const text = importCapture({ bytes: memorySource(pcapFile(segs)) }).text;
    assert.match(text, /^client Client as "\[1::2\]:3"\nserver Server as "\[1:2::\]:3"$/m);
    assert.match(text, /wscale=14\n/);
    assert.doesNotMatch(text, /wscale=(15|200)/);
    importsCleanly({
      text: '12:00:00.000001 IP 10.0.0.1.5000 > 10.0.0.2.80: Flags [S], seq 1, win 1, length 0\n12:00:00.000002 IP 10.0.0.2".80 > 10.0.0.1.5000: Flags [S.], seq 1, ack 2, win 1, length 0',
    });
  });
});
