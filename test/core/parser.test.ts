import assert from 'node:assert/strict';
import type { SegmentStmt } from '../../src/core/language/ast.js';
import { parse } from '../../src/core/language/parser.js';

const codesOf = (text: string): string[] => parse(text).diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`);
const segment = (text: string): SegmentStmt => parse(text).document.statements.find((s) => s.kind === 'segment') as SegmentStmt;

describe('parser', () => {
  it('parses every statement of the language', () => {
    const doc = parse(
      [
        'title My flow',
        'stack linux',
        'client C as "The client" state CLOSED',
        'server S',
        '== Open ==',
        'S listen',
        'C connect',
        'C -> S: SYN seq=x win=65535 mss=1460 wscale=7',
        '& S -x C: SYN, ACK seq=y ack=x+1',
        'C is SYN-SENT',
        'wait 500ms',
        'note over C, S: text # comment',
        'note left of C: left',
      ].join('\n'),
    );
    assert.deepEqual(doc.diagnostics, []);
    assert.deepEqual(
      doc.document.statements.map((s) => s.kind),
      ['title', 'stack', 'participant', 'participant', 'section', 'call', 'call', 'segment', 'segment', 'assert', 'wait', 'note', 'note'],
    );
  });

  it('accepts every flag separator and the note notation', () => {
    for (const f of ['SYN ACK', 'SYN+ACK', 'SYN,ACK', 'SYN/ACK', 'SYN-ACK', 'syn ack']) {
      assert.deepEqual(
        segment(`A -> B: ${f}`).flags.map((x) => x.flag),
        ['SYN', 'ACK'],
        f,
      );
    }
    const s = segment('Client > Server : TCP SYN');
    assert.equal(s.compatArrow, true);
    assert.ok(s.tcpPrefix);
  });

  it('gives exact ranges for names, flags, fields and values', () => {
    const s = segment('A -> B: SYN seq=x+1 "hi"');
    assert.deepEqual(s.from.range, { line: 0, start: 0, end: 1 });
    assert.deepEqual(s.flags[0]!.range.start, 8);
    const f = s.fields[0]!;
    assert.equal(f.name, 'seq');
    assert.equal(f.value!.symbol!.text, 'x');
    assert.equal(f.value!.offset, 1);
    assert.deepEqual([f.range.start, f.range.end], [12, 19]);
    assert.equal(s.payload!.value, 'hi');
  });

  it('keeps every range of the compact segment nodes, and a node read twice is the same node', () => {
    const s = segment('  Client -x Server: SYN  ACK seq=x+1 ack=1000 win=0 "hi" # c');
    const at = (r: { line: number; start: number; end: number }): [number, number] => [r.start, r.end];
    assert.deepEqual(at(s.range), [2, 56]);
    assert.deepEqual(at(s.from.range), [2, 8]);
    assert.deepEqual(at(s.to.range), [12, 18]);
    assert.deepEqual(at(s.arrowRange), [9, 11]);
    assert.deepEqual(
      s.flags.map((f) => [f.flag, ...at(f.range)]),
      [
        ['SYN', 20, 23],
        ['ACK', 25, 28],
      ],
    );
    assert.deepEqual(at(s.flagsRange!), [20, 28]);
    assert.deepEqual(s.flagNames, ['SYN', 'ACK']);
    assert.deepEqual([s.fromText, s.toText], ['Client', 'Server']);
    const [seq, ack, win] = s.fields;
    assert.deepEqual(
      [at(seq!.range), at(seq!.nameRange), at(seq!.value!.range), at(seq!.value!.symbol!.range)],
      [
        [29, 36],
        [29, 32],
        [33, 36],
        [33, 34],
      ],
    );
    assert.deepEqual([ack!.value!.offset, ack!.value!.symbol, at(ack!.value!.range)], [1000, undefined, [41, 45]]);
    assert.equal(win!.value!.offset, 0);
    assert.deepEqual(at(s.payload!.range), [52, 56]);
    assert.equal(s.from, s.from);
    assert.equal(s.flags, s.flags);
    assert.deepEqual(at(segment('A > B: SYN').arrowRange), [2, 3]);
    const bad = segment('A -> B: SYN seq=');
    assert.equal(bad.fields[0]!.value, undefined);
    assert.deepEqual(at(bad.fields[0]!.range), [12, 16]);
  });

  it('marks crossing segments and rejects & without a segment before it', () => {
    const doc = parse('A -> B: SYN\n& B -> A: SYN');
    assert.equal((doc.document.statements[1] as SegmentStmt).crossing, true);
    assert.deepEqual(codesOf('title t\n& B -> A: SYN'), ['TF114@2:1']);
  });

  it('reports unknown flags, states, fields and statements with suggestions', () => {
    const r = parse('A -> B: SYM seq=1\nA is ESTABLISHD\nA -> B: ACK sq=1\nA si CLOSED\ntitel x');
    const d = r.diagnostics.map((x) => [x.code, x.args['suggestion']]);
    assert.deepEqual(d, [
      ['TF101', 'SYN'],
      ['TF102', 'ESTABLISHED'],
      ['TF109', 'seq'],
      ['TF100', 'is'],
      ['TF100', undefined],
    ]);
    assert.equal(r.diagnostics[0]!.fixes[0]!.edits[0]!.newText, 'SYN');
  });

  it('recovers line by line: one bad line never hides the rest', () => {
    const r = parse('A -> B: SYN seq=\n@@@ garbage\nB -> A: SYN ACK\n"unterminated\nA is NOWHERE\nA -> B: ACK');
    assert.deepEqual(
      r.document.statements.map((s) => s.kind),
      ['segment', 'segment', 'assert', 'segment'],
    );
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`),
      ['TF103@1', 'TF100@2', 'TF100@4', 'TF102@5'],
    );
  });

  it('checks number ranges and value forms', () => {
    assert.deepEqual(codesOf('A -> B: SYN seq=4294967296'), ['TF103@1:17']);
    assert.deepEqual(codesOf('A -> B: SYN seq=4294967295'), []);
    assert.deepEqual(codesOf('A -> B: ACK len=x'), ['TF103@1:17']);
    assert.deepEqual(codesOf('A -> B: ACK seq=1 seq=2'), ['TF110@1:19']);
  });

  it('reads durations in MSL, seconds, milliseconds and minutes', () => {
    const d = parse('wait 2MSL\nwait 60s\nwait 500ms\nwait 1.5s\nwait 4min\nwait soon').document.statements.map((s) => (s.kind === 'wait' ? s.duration : null));
    assert.deepEqual(d, [{ msl: 2 }, { ms: 60000 }, { ms: 500 }, { ms: 1500 }, { ms: 240000 }]);
    assert.deepEqual(codesOf('wait soon'), ['TF116@1:6']);
  });

  it('needs at least one flag on a segment', () => {
    assert.deepEqual(
      codesOf('A -> B: seq=1').map((c) => c.split('@')[0]),
      ['TF108'],
    );
  });

  it('reads participants with label, state and raw', () => {
    const p = parse('peer Tester as "packetdrill" state ESTABLISHED raw').document.statements[0]!;
    assert.equal(p.kind, 'participant');
    if (p.kind !== 'participant') return;
    assert.equal(p.label!.value, 'packetdrill');
    assert.equal(p.initialState!.state, 'ESTABLISHED');
    assert.equal(p.raw, true);
  });

  it('treats CR, CRLF and LF line ends alike', () => {
    assert.equal(parse('title a\r\nA -> B: SYN\rB -> A: SYN ACK\n').document.statements.length, 3);
  });
});
