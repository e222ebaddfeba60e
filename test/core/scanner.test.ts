import assert from 'node:assert/strict';
import { scanLine, TokenPool } from '../../src/core/language/scanner.js';

const kinds = (line: string): string[] => scanLine(line).tokens.map((t) => `${t.kind}:${t.text}`);

describe('scanner', () => {
  it('splits a segment line into names, arrow, flags, fields and values', () => {
    assert.deepEqual(kinds('Client -> Server: SYN+ACK seq=x+1'), [
      'word:Client',
      'arrow:->',
      'word:Server',
      'colon::',
      'word:SYN',
      'plus:+',
      'word:ACK',
      'word:seq',
      'equals:=',
      'word:x',
      'plus:+',
      'number:1',
    ]);
  });

  it('tells the lost arrow -x from a minus before a name', () => {
    assert.deepEqual(kinds('A -x B: SYN'), ['word:A', 'lostArrow:-x', 'word:B', 'colon::', 'word:SYN']);
    assert.deepEqual(kinds('SYN-ACK'), ['word:SYN', 'minus:-', 'word:ACK']);
    assert.deepEqual(kinds('A -xray'), ['word:A', 'minus:-', 'word:xray']);
  });

  it('reads durations, the crossing marker and the compatibility arrow', () => {
    assert.deepEqual(kinds('wait 2MSL'), ['word:wait', 'duration:2MSL']);
    assert.deepEqual(kinds('wait 1.5s'), ['word:wait', 'duration:1.5s']);
    assert.deepEqual(kinds('& B > A : TCP SYN'), ['amp:&', 'word:B', 'compatArrow:>', 'word:A', 'colon::', 'word:TCP', 'word:SYN']);
  });

  it('stops at # and // comments, but not inside strings', () => {
    const s = scanLine('A -> B: ACK "a # b // c" # comment');
    assert.equal(s.tokens.at(-1)!.kind, 'string');
    assert.equal(s.tokens.at(-1)!.value, 'a # b // c');
    assert.equal(s.commentStart, 25);
    assert.equal(scanLine('// only a comment').tokens.length, 0);
  });

  it('unescapes strings and reports unterminated ones and bad escapes', () => {
    assert.equal(scanLine('"say \\"hi\\" \\\\ \\r\\n"').tokens[0]!.value, 'say "hi" \\ \r\n');
    assert.equal(scanLine('"open').tokens[0]!.error, 'unterminated string');
    assert.match(scanLine('"bad \\q"').tokens[0]!.error!, /bad escape/);
  });

  it('accepts Unicode names, including letters outside the BMP', () => {
    assert.deepEqual(kinds('클라이언트 -> 서버: SYN'), ['word:클라이언트', 'arrow:->', 'word:서버', 'colon::', 'word:SYN']);
    assert.deepEqual(kinds('𝒜 -> B'), ['word:𝒜', 'arrow:->', 'word:B']);
  });

  it('turns stray characters into unknown tokens instead of failing', () => {
    assert.deepEqual(kinds('A § B'), ['word:A', 'unknown:§', 'word:B']);
    assert.deepEqual(kinds('? A -> B: ACK @d1'), ['question:?', 'word:A', 'arrow:->', 'word:B', 'colon::', 'word:ACK', 'at:@', 'word:d1']);
  });

  it('gives the same tokens from a pool, reusing its objects from line to line', () => {
    const pool = new TokenPool();
    const lines = ['A -> B: SYN seq=1 "x\\y" # c', 'B -> A: ACK', '"open', 'A -x B: FIN ACK seq=x+1 ack=1000 win=0 "payload"'];
    const seen = new Set<object>();
    for (const line of lines) {
      const pooled = scanLine(line, pool);
      const fresh = scanLine(line);
      assert.equal(pooled.count, fresh.tokens.length, line);
      assert.equal(fresh.count, fresh.tokens.length, line);
      assert.deepEqual(
        pooled.tokens.slice(0, pooled.count).map((t) => ({ ...t })),
        fresh.tokens.map((t) => ({ ...t })),
        line,
      );
      assert.equal(pooled.commentStart, fresh.commentStart);
      for (const t of pooled.tokens) seen.add(t);
    }
    assert.equal(seen.size, Math.max(...lines.map((l) => scanLine(l).tokens.length)), 'one object per token position, however many lines');
  });
});
