import assert from 'node:assert/strict';
import { findTcpflowBlocks } from '../../src/core/index.js';

describe('markdown blocks', () => {
  it('finds ```tcpflow blocks with the line their content starts on', () => {
    const md = ['# Notes', '', '```tcpflow', 'A -> B: SYN', '```', 'text', '~~~tcpflow title x', 'B -> A: SYN ACK', '~~~', ''].join('\n');
    const b = findTcpflowBlocks(md);
    assert.deepEqual(b.map((x) => [x.startLine, x.content]), [
      [3, 'A -> B: SYN'],
      [7, 'B -> A: SYN ACK'],
    ]);
  });

  it('ignores tcpflow text inside other fences and takes an unclosed block to the end', () => {
    const md = ['````md', '```tcpflow', 'not a block', '```', '````', '```tcpflow', 'A -> B: SYN'].join('\n');
    const b = findTcpflowBlocks(md);
    assert.deepEqual(b.map((x) => [x.startLine, x.content]), [[6, 'A -> B: SYN']]);
  });

  it('does not take ```tcpflowx or ```mermaid blocks', () => {
    assert.equal(findTcpflowBlocks('```mermaid\nsequenceDiagram\n```\n```tcpflowx\nA\n```').length, 0);
  });
});
