import assert from 'node:assert/strict';
import { check, DEFAULT_CHECK_SETTINGS, diagnosticsWith, findTcpflowBlocks, replaceTcpflowBlocks } from '../../src/core/index.js';

describe('markdown blocks', () => {
  it('finds ```tcpflow blocks with the line their content starts on', () => {
    const md = ['# Notes', '', '```tcpflow', 'A -> B: SYN', '```', 'text', '~~~tcpflow title x', 'B -> A: SYN ACK', '~~~', ''].join('\n');
    const b = findTcpflowBlocks(md);
    assert.deepEqual(
      b.map((x) => [x.startLine, x.content]),
      [
        [3, 'A -> B: SYN'],
        [7, 'B -> A: SYN ACK'],
      ],
    );
  });

  it('ignores tcpflow text inside other fences and takes an unclosed block to the end', () => {
    const md = ['````md', '```tcpflow', 'not a block', '```', '````', '```tcpflow', 'A -> B: SYN'].join('\n');
    const b = findTcpflowBlocks(md);
    assert.deepEqual(
      b.map((x) => [x.startLine, x.content]),
      [[6, 'A -> B: SYN']],
    );
  });

  it('does not take ```tcpflowx or ```mermaid blocks', () => {
    assert.equal(findTcpflowBlocks('```mermaid\nsequenceDiagram\n```\n```tcpflowx\nA\n```').length, 0);
  });

  it('a note that starts with a byte order mark: its blocks are found as without it, on the same lines', () => {
    const md = ['```tcpflow', 'client C', 'server S', 'C -> S: SYN ACK seq=x', '```', '', '~~~tcpflow', 'C -> S: SYN seq=y', '~~~', ''].join('\n');
    const plain = findTcpflowBlocks(md);
    assert.equal(plain.length, 2);
    assert.deepEqual(findTcpflowBlocks(`\ufeff${md}`), plain);
    // A note whose first line is prose keeps its blocks too.
    assert.deepEqual(
      findTcpflowBlocks(`\ufeff# Notes\n${md}`).map((b) => b.startLine),
      [2, 8],
    );
    // The rewrite replaces them, and the mark stays at the start of the note.
    const out = replaceTcpflowBlocks(`\ufeff${md}`, () => 'sequenceDiagram');
    assert.equal(out, '\ufeff```mermaid\nsequenceDiagram\n```\n\n```mermaid\nsequenceDiagram\n```\n');
  });

  it('a flow that starts with a byte order mark: the same diagnostics as without it, at the same places', () => {
    for (const flow of [
      'client C\nserver S\nC -> S: SYN ACK seq=x\n',
      'C -> S: SYN ACK seq=x',
      '== Open ==\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+2',
      'title T\nclient C state ESTABLISHED\nserver S state ESTABLISHED\nC -> S: FIN ACK seq=1 ack=2',
    ]) {
      const plain = check(flow).diagnostics.map(
        (d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`,
      );
      assert.ok(plain.length > 0, flow);
      // Positions are in the text as it is: on the first line, one character later (the mark is a character).
      const shift = (d: { code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }): string => {
        const s = d.range.start;
        const e = d.range.end;
        return `${d.code} ${s.line}:${s.character - (s.line === 0 ? 1 : 0)}-${e.line}:${e.character - (e.line === 0 ? 1 : 0)}`;
      };
      assert.deepEqual(check(`\ufeff${flow}`).diagnostics.map(shift), plain, flow);
      assert.deepEqual(diagnosticsWith(`\ufeff${flow}`, DEFAULT_CHECK_SETTINGS).map(shift), plain, flow);
    }
  });
});
