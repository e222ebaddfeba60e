import assert from 'node:assert/strict';
import { mermaidFence, replaceTcpflowBlocks } from '../../src/core/index.js';

describe('Markdown-block rewrite', () => {
  it('replaces every ```tcpflow block, fences included, and keeps the rest of the note', () => {
    const md = ['# Notes', '```tcpflow', 'A -> B: SYN', 'B -> A: SYN ACK', '```', 'between', '~~~tcpflow', 'X -> Y: RST', '~~~', 'end', ''].join('\n');
    const out = replaceTcpflowBlocks(md, (content) => `drawn ${content.split('\n').length}\n\n`);
    assert.equal(out, ['# Notes', '```mermaid', 'drawn 2', '```', 'between', '```mermaid', 'drawn 1', '```', 'end', ''].join('\n'));
  });

  it('replaces only the blocks picked, and a block never closed up to the end of the file', () => {
    const md = ['```tcpflow', 'A -> B: SYN', '```', 'text', '```tcpflow', 'B -> A: SYN'].join('\r\n');
    assert.equal(
      replaceTcpflowBlocks(
        md,
        () => 'second',
        (b) => b.fenceLine === 4,
      ),
      ['```tcpflow', 'A -> B: SYN', '```', 'text', '```mermaid', 'second', '```'].join('\r\n'),
    );
  });

  it("keeps the note's own bytes: its line endings, a byte-order mark, control characters; a diagram ends its lines as its fence line did", () => {
    const prose = '\ufeff# Note \u001b[1mbold\r\nform\ffeed\u009b\tand a lone\rreturn\n\n';
    const md = `${prose}\`\`\`tcpflow\r\nA -> B: SYN\r\n\`\`\`\r\nafter\u0007\n~~~tcpflow\nB -> A: RST\n~~~\n`;
    assert.equal(
      replaceTcpflowBlocks(md, () => 'm1\nm2\n'),
      `${prose}\`\`\`mermaid\r\nm1\r\nm2\r\n\`\`\`\r\nafter\u0007\n\`\`\`mermaid\nm1\nm2\n\`\`\`\n`,
    );
    assert.equal(
      replaceTcpflowBlocks('\ufeff```tcpflow\r\nA -> B: SYN\r\n```', () => 'm'),
      '\ufeff```mermaid\r\nm\r\n```',
    );
  });

  it('leaves a note without blocks as it is, and other fenced blocks alone', () => {
    const md = '# t\n```js\n```tcpflow\n```\n';
    assert.equal(
      replaceTcpflowBlocks(md, () => 'x'),
      md,
    );
    assert.equal(mermaidFence('graph\n\n'), '```mermaid\ngraph\n```');
    assert.equal(
      replaceTcpflowBlocks('```tcpflow\nA -> B: SYN\n', () => 'm'),
      '```mermaid\nm\n```\n',
    );
  });
});
