/**
 * The segment line's fast path (language/segmentFastPath.ts) must never decide anything the
 * scanner and parser would not: on every line it accepts, its node is the parser's node, field
 * for field; every other line goes the long way. And it must accept the plain lines a long flow
 * is made of, or it saves nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { StatementReader } from '../../src/core/language/parser.js';
import { SegmentLineReader } from '../../src/core/language/segmentFastPath.js';
import { document } from '../helpers/properties.js';

/** Both readers over a text: the same statements (deeply, private fields too) and the same diagnostics. */
function same(text: string): void {
  const fast = new StatementReader(text);
  const slow = new StatementReader(text, false);
  for (;;) {
    const a = fast.next();
    const b = slow.next();
    assert.deepStrictEqual(a, b, JSON.stringify(text));
    if (!a) break;
  }
  assert.deepStrictEqual(fast.diagnostics, slow.diagnostics, JSON.stringify(text));
  assert.deepStrictEqual(fast.commentLines, slow.commentLines, JSON.stringify(text));
}

function flowFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? flowFiles(join(dir, e.name)) : e.name.endsWith('.tcpflow') ? [join(dir, e.name)] : [],
  );
}

const accepted = (line: string): boolean => new SegmentLineReader().read(`(${line})`, 1, line.length + 1, 0) !== undefined;

describe('the segment line read without tokens', () => {
  it('takes the plain segment lines of a long flow', () => {
    for (const line of [
      'C -> S: SYN seq=1000',
      'S -> C: SYN ACK seq=5000 ack=1001 win=65535 mss=1460 wscale=7',
      'C -> S: PSH ACK seq=1001 ack=5001 "payload number 3"',
      '  C->S: ACK seq=x+1 ack=y-2 len=0   ',
      'C -x S: FIN ACK seq=x ack=y',
      'Client -> Server PSH ACK seq=1 ack=1 ts=100 ecr=0 "GET / HTTP/1.1 — é 😀 # not a comment"',
      '\tC -> S : RST seq=4294967295',
      'C -> S: ACK seq=x ack=y "a" len=1',
    ]) {
      assert.ok(accepted(line), line);
      same(line);
    }
  });

  it('leaves every line the parser has something to say about, or that carries a marker, to the parser', () => {
    for (const line of [
      'C -> S: SYN seq=4294967296',
      'C -> S: SYN wscale=15',
      'C -> S: SYN SYN',
      'C -> S: SYN seq=1 seq=2',
      'C -> S: syn',
      'C -> S: SYN+ACK',
      'C -> S: SYN seq=1.5',
      'C -> S: SYN seq=100ms',
      'C -> S: SYN seq=x+',
      'C -> S: SYN win=x',
      'C -> S: SYN "a\\"b"',
      'C -> S: SYN "open',
      'C -> S: SYN "a" "b"',
      'C -> S: SYN # a comment',
      'C -> S: SYN // a comment',
      'C -> S: SYN sackOK',
      'C -> S: SYN cookie=abc',
      'C -> S: ACK sack=1:2',
      'C -> S: ACK @d1',
      '& C -> S: ACK',
      '? C -> S: ACK',
      'C > S: SYN',
      'C -> S: TCP SYN',
      'C -> S:',
      'C -> S: seq=1',
      'Cé -> S: SYN',
      'C -> S: SYN\u00a0',
      'C -> S: ACK seq=1 PSH',
      'C -> S: ACK "a" FIN',
      'C -xS: SYN',
      'C -> S:SYN',
      'C -> S: SYN seq =1',
    ]) {
      assert.ok(!accepted(line), line);
      same(line);
    }
  });

  it('one reader over lines out of order, or the same text twice, still leaves an escape to the parser', () => {
    const text = 'C -> S: PSH "a\\nb"\nC -> S: PSH "cd"\nC -> S: PSH "e\\tf"';
    const lines: [number, number][] = [];
    for (let at = 0; at <= text.length;) {
      const end = text.indexOf('\n', at);
      lines.push([at, end < 0 ? text.length : end]);
      at = end < 0 ? text.length + 1 : end + 1;
    }
    const r = new SegmentLineReader();
    const read = (k: number): unknown => r.read(text, lines[k]![0], lines[k]![1], k);
    assert.ok(read(1));
    assert.equal(read(0), undefined); // an earlier line: its escape is seen
    assert.equal(read(2), undefined);
    assert.equal(read(0), undefined); // the same text again, from the start
    assert.ok(read(1));
  });

  it('gives the parser’s nodes and diagnostics on every example and fixture', () => {
    const files = [...flowFiles('examples'), ...flowFiles('test/fixtures')];
    assert.ok(files.length > 20);
    for (const f of files) same(readFileSync(f, 'utf8'));
  });

  it('gives the parser’s nodes on random segment lines and documents', () => {
    const piece = fc.constantFrom(
      'C',
      'S',
      'x',
      'Ab_1',
      'é',
      ' ',
      ' ',
      '  ',
      '\t',
      '->',
      '-x',
      '-X',
      '>',
      ':',
      '::',
      'SYN',
      'ACK',
      'FIN',
      'RST',
      'PSH',
      'URG',
      'ECE',
      'CWR',
      'syn',
      'Ack',
      'TCP',
      'sackOK',
      'cookie',
      'seq=',
      'ack=',
      'len=',
      'win=',
      'mss=',
      'wscale=',
      'ts=',
      'ecr=',
      'sack=',
      'SEQ=',
      'sq=',
      '=',
      '+',
      '-',
      '1',
      '0',
      '01',
      '14',
      '15',
      '4294967295',
      '4294967296',
      '99999999999',
      'x+1',
      'y-2',
      'x-0',
      '1.5',
      '3ms',
      '"',
      '"abc"',
      '"a\\nb"',
      '"#"',
      '"é"',
      '#',
      '//',
      '@d1',
      '@',
      '&',
      '?',
      '\u00a0',
      '\u3000',
      '\ufeff',
      ',',
      '/',
      '_',
    );
    const line = fc.array(piece, { maxLength: 14 }).map((ps) => ps.join(''));
    const segmentish = fc
      .tuple(
        fc.constantFrom('', ' ', '\t'),
        fc.constantFrom('C', 'S', 'x1'),
        fc.constantFrom(' -> ', '->', ' -x ', ' -X', ' > '),
        fc.constantFrom('S', 'C', 'S1'),
        fc.constantFrom(': ', ':', ' : ', ' ', ''),
        fc.array(piece, { maxLength: 10 }).map((ps) => ps.join(' ')),
        fc.constantFrom('', ' ', '\t', ' #c'),
      )
      .map((ps) => ps.join(''));
    fc.assert(
      fc.property(fc.oneof(line, segmentish, segmentish), (l) => same(l)),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(document, (text) => same(text)),
      { numRuns: 300 },
    );
  });
});
