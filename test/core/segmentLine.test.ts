import assert from 'node:assert/strict';
import { parse } from '../../src/core/language/parser.js';
import { segmentFields, segmentLine, segmentLineParts } from '../../src/core/language/segmentLine.js';
import type { SegmentStmt } from '../../src/core/language/ast.js';

describe('segmentLine: the one spelling of a segment line', () => {
  it('writes flags in the canonical order, whatever order they came in', () => {
    assert.equal(segmentLine({ from: 'C', to: 'S', flags: ['ACK', 'SYN'], fields: ['seq=x'] }), 'C -> S: SYN ACK seq=x');
    assert.equal(segmentLine({ from: 'C', to: 'S', flags: ['ACK', 'PSH', 'FIN'], fields: [] }), 'C -> S: FIN PSH ACK');
  });

  it('marks crossing, not captured and lost segments, pads the sender, keeps a comment', () => {
    assert.equal(
      segmentLine({
        crossing: true,
        notCaptured: true,
        from: 'C',
        fromWidth: 6,
        lost: true,
        to: 'S',
        flags: ['ACK'],
        fields: ['seq=x+1', 'ack=y+1'],
        comment: '# hi',
      }),
      '& ? C      -x S: ACK seq=x+1 ack=y+1  # hi',
    );
  });

  it('puts the payload after the fields and the label last', () => {
    assert.equal(
      segmentLine({ from: 'C', to: 'S', flags: ['PSH', 'ACK'], fields: ['seq=x+1', 'ack=y+1'], payload: '"hi"', label: 'd1' }),
      'C -> S: PSH ACK seq=x+1 ack=y+1 "hi" @d1',
    );
  });

  it('spells the fields in the canonical order and leaves out what is absent', () => {
    assert.deepEqual(segmentFields({ seq: 'x', len: 0, mss: 1460, sackOK: true, ts: 100, ecr: 0, wscale: 7, win: 64240 }), [
      'seq=x',
      'win=64240',
      'mss=1460',
      'wscale=7',
      'sackOK',
      'ts=100',
      'ecr=0',
    ]);
    assert.deepEqual(
      segmentFields({
        seq: 'y+1',
        ack: 'x+1001',
        sack: [
          ['x+2001', 'x+3001'],
          ['x+4001', 'x+5001'],
        ],
        ts: 510,
        ecr: 120,
      }),
      ['seq=y+1', 'ack=x+1001', 'sack=x+2001:x+3001,x+4001:x+5001', 'ts=510', 'ecr=120'],
    );
    assert.deepEqual(segmentFields({ seq: 'x', cookie: true }), ['seq=x', 'cookie']);
    assert.deepEqual(segmentFields({ seq: 'u', len: 100, cookie: 'c1' }), ['seq=u', 'len=100', 'cookie=c1']);
  });

  it('writes lines the parser reads back as the same segment', () => {
    const line = segmentLine({
      crossing: true,
      from: 'Client',
      to: 'Server',
      lost: true,
      flags: ['ACK', 'PSH'],
      fields: segmentFields({ seq: 'x+1', ack: 'y+1', len: 5, win: 502 }),
    });
    const r = parse(`client Client\nserver Server\nClient -> Server: SYN seq=x\nServer -> Client: SYN ACK seq=y ack=x+1\n${line}`);
    assert.deepEqual(r.diagnostics, []);
    const s = r.document.statements.filter((t): t is SegmentStmt => t.kind === 'segment')[2]!;
    assert.equal(s.crossing, true);
    assert.equal(s.lost, true);
    assert.deepEqual(
      s.flags.map((f) => f.flag),
      ['PSH', 'ACK'],
    );
    assert.deepEqual(
      s.fields.map((f) => f.name),
      ['seq', 'ack', 'len', 'win'],
    );
  });

  it('formats a parsed line without dropping a flag, field or mark given twice (the parser warns, TF110)', () => {
    const head = 'client C\nserver S\nC -> S: SYN seq=x\n';
    const cases: [string, string][] = [
      ['S -> C: ACK syn  SYN seq=y ack=x+1', 'S -> C: SYN SYN ACK seq=y ack=x+1'],
      ['S -> C: SYN ACK seq=y ack=x+1 sackOK sackOK', 'S -> C: SYN ACK seq=y ack=x+1 sackOK sackOK'],
      ['S -> C: SYN ACK seq=y cookie  ack=x+1 cookie', 'S -> C: SYN ACK seq=y cookie ack=x+1 cookie'],
      ['S -> C: SYN ACK sackOK seq=y ack=x+1 SACKOK', 'S -> C: SYN ACK sackOK seq=y ack=x+1 SACKOK'],
      ['S -> C: SYN ACK seq=y ack=x+1 seq=z', 'S -> C: SYN ACK seq=y ack=x+1 seq=z'],
      ['? ?  S -> C: SYN+ACK seq=y ack=x+1', '? ? S -> C: SYN ACK seq=y ack=x+1'],
    ];
    for (const [written, formatted] of cases) {
      const r = parse(`${head}${written}`);
      assert.deepEqual(
        r.diagnostics.map((d) => d.code),
        ['TF110'],
        written,
      );
      const s = r.document.statements.filter((t): t is SegmentStmt => t.kind === 'segment').at(-1)!;
      const out = segmentLine(segmentLineParts(s, written));
      assert.equal(out, formatted, written);
      // It reads back as the same segment, with the same warning.
      const again = parse(`${head}${out}`);
      assert.deepEqual(
        again.diagnostics.map((d) => d.code),
        ['TF110'],
        out,
      );
      const t = again.document.statements.filter((x): x is SegmentStmt => x.kind === 'segment').at(-1)!;
      assert.deepEqual([[...t.flagNames].sort(), t.fields.map((f) => f.name), t.inferred], [[...s.flagNames].sort(), s.fields.map((f) => f.name), s.inferred]);
    }
  });
});
