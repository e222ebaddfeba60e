import assert from 'node:assert/strict';
import { messageOf } from '../../src/core/index.js';
import { applyEdits, codes, expectClean, expectFinal, expectProblems, lines, run } from '../helpers/flow.js';

const HS = lines('client C', 'server S', 'C -> S: SYN seq=100', 'S -> C: SYN ACK seq=300 ack=101', 'C -> S: ACK seq=101 ack=301');
const EST = lines('peer A state ESTABLISHED', 'peer B state ESTABLISHED');

/** The first fix of the first diagnostic with this code, applied. */
function fixed(text: string, code: string): string {
  const d = run(text).diagnostics.find((x) => x.code === code);
  assert.ok(d, `no ${code}`);
  assert.ok(d.fixes.length > 0, `${code} has no fix`);
  return applyEdits(text, d.fixes[0]!.edits);
}

describe('checker: sending', () => {
  it('rejects data from SYN_SENT, FIN from LISTEN, SYN from ESTABLISHED', () => {
    expectProblems(lines('client C', 'server S', 'C -x S: SYN seq=1', 'C -x S: ACK seq=2 "early"'), ['TF200@4']);
    expectProblems(lines('client C', 'server S', 'S -> C: FIN'), ['TF200@3']);
    expectProblems(lines(EST, 'A -> B: SYN seq=1'), ['TF200@3']);
  });

  it('rejects anything but SYN or RST from CLOSED, and a SYN+ACK nobody asked for', () => {
    expectProblems(lines('peer A', 'peer B', 'A -> B: ACK seq=1 ack=1'), ['TF200@3']);
    expectProblems(lines('client C', 'server S', 'S -> C: SYN ACK seq=1 ack=1'), ['TF200@3']);
  });

  it('says which flags a TCP never combines, and when ACK is missing', () => {
    assert.deepEqual(codes(run(lines('peer A', 'peer B', 'A -x B: SYN FIN seq=1')), ['error']), ['TF203@3']);
    assert.deepEqual(codes(run(lines(EST, 'A -> B: PSH seq=1 "x"')), ['error']), ['TF202@3']);
  });

  it('accepts application calls and checks them', () => {
    const r = expectClean(lines('peer C', 'peer S', 'S listen', 'C connect', 'C -> S: SYN', 'S -> C: SYN ACK', 'C -> S: ACK'));
    expectFinal(r, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
    expectProblems(lines(EST, 'A listen'), ['TF201@3']);
    expectProblems(lines('peer A', 'peer B', 'A connect', 'A connect'), ['TF201@4']);
    expectClean(lines('peer A', 'peer B', 'A close'));
  });
});

describe('checker: receiving and the answers owed', () => {
  it('wants SYN+ACK as the answer to a SYN in LISTEN, with an insertable fix', () => {
    const broken = lines('client C', 'server S', 'C -> S: SYN seq=100', 'S -> C: ACK seq=300 ack=101');
    const r = run(broken);
    assert.ok(codes(r, ['error']).includes('TF300@4'), codes(r).join());
    const d = r.diagnostics.find((x) => x.code === 'TF300')!;
    assert.match(messageOf(d), /S must first answer line 3 with SYN\+ACK/);
    assert.match(messageOf(d, 'ko'), /SYN\+ACK/);
    assert.equal(d.fixes[0]!.edits[0]!.newText, 'S -> C: SYN ACK ack=101\n');
  });

  it('wants a RST with SEQ=0 ACK=SEG.SEQ+1 from a closed port', () => {
    const good = expectClean(lines('client C', 'peer S', 'C -> S: SYN seq=100', 'S -> C: RST ACK seq=0 ack=101'));
    expectFinal(good, { C: 'CLOSED', S: 'CLOSED' });
    expectProblems(lines('client C', 'peer S', 'C -> S: SYN seq=100', 'S -> C: RST ACK seq=0 ack=100'), ['TF406@4']);
    expectProblems(lines('client C', 'peer S', 'C -> S: SYN seq=100', 'S -> C: SYN ACK seq=5 ack=101'), ['TF300@4']);
  });

  it('answers an ACK in LISTEN with RST SEQ=SEG.ACK', () => {
    expectClean(lines('peer C raw', 'server S', 'C -> S: ACK seq=5 ack=77', 'S -> C: RST seq=77'));
  });

  it('accepts the ACK of a FIN riding on the second FIN (3-segment close)', () => {
    const r = expectClean(lines(EST, 'A -> B: FIN ACK seq=1 ack=9', 'B -> A: FIN ACK seq=9 ack=2', 'A -> B: ACK seq=2 ack=10'));
    expectFinal(r, { A: 'TIME_WAIT', B: 'CLOSED' });
  });

  it('challenges an in-window RST that is not RCV.NXT (RFC 5961), resets on it with rfc793', () => {
    const base = lines('peer A state ESTABLISHED', 'peer B raw', 'A -> B: ACK seq=1000 ack=5000', 'B -> A: RST seq=5010');
    const r = run(base);
    expectFinal(r, { A: 'ESTABLISHED' });
    assert.ok(codes(r).includes('TF600@4'), 'A owes the challenge ACK');
    expectFinal(run(lines('stack rfc793', base)), { A: 'CLOSED' });
  });

  it('answers a SYN on an established connection with a challenge ACK', () => {
    const r = expectClean(
      lines('peer A state ESTABLISHED', 'peer B raw', 'A -> B: ACK seq=1000 ack=5000', 'B -> A: SYN seq=5000', 'A -> B: ACK seq=1000 ack=5000'),
    );
    expectFinal(r, { A: 'ESTABLISHED' });
  });

  it('treats a SYN+ACK to a closed-then-reopened… a SYN+ACK in LISTEN as needing a RST', () => {
    expectClean(lines('peer C raw', 'server S', 'C -> S: SYN ACK seq=1 ack=50', 'S -> C: RST seq=50'));
  });

  it('acks out-of-order data at once with the old RCV.NXT', () => {
    expectClean(
      lines(
        EST,
        'A -> B: ACK seq=100 ack=900',
        'A -x B: ACK seq=100 "hello"',
        'A -> B: ACK seq=105 "world"',
        'B -> A: ACK seq=900 ack=100',
        'A -> B: ACK seq=100 ack=900 "hello"',
        'B -> A: ACK seq=900 ack=110',
      ),
    );
  });
});

describe('checker: numbers', () => {
  it('finds a wrong ack and fixes it', () => {
    const broken = lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x');
    expectProblems(broken, ['TF403@4']);
    expectClean(fixed(broken, 'TF403'));
    expectProblems(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+2'), ['TF402@4']);
  });

  it('finds a gap in seq and a retransmission with nothing lost', () => {
    expectProblems(lines(HS, 'C -> S: ACK seq=105 ack=301 "data"'), ['TF400@6']);
    expectProblems(lines(HS, 'C -> S: ACK seq=101 ack=301 "data"', 'C -> S: ACK seq=101 ack=301 "data"'), ['TF401@7']);
    expectClean(lines(HS, 'C -x S: ACK seq=101 ack=301 "data"', 'C -> S: ACK seq=101 ack=301 "data"', 'S -> C: ACK seq=301 ack=105'));
  });

  it('counts data by UTF-8 bytes, SYN and FIN as one, ACK and RST as none', () => {
    expectClean(
      lines(HS, 'C -> S: ACK seq=101 ack=301 "안녕"', 'S -> C: ACK seq=301 ack=107', 'C -> S: FIN ACK seq=107 ack=301', 'S -> C: ACK seq=301 ack=108'),
    );
    expectProblems(lines(HS, 'C -> S: ACK seq=101 ack=301 len=3 "abcd"'), ['TF111@6']);
  });

  it('adds a teaching hint when ack = seq + 1 is used for data', () => {
    const r = run(lines(HS, 'C -> S: ACK seq=101 ack=301 "hello"', 'S -> C: ACK seq=301 ack=102'));
    // S acknowledged one octet of five: the rest stays unacknowledged at the end.
    assert.deepEqual(codes(r), ['TF601@7', 'TF403@7', 'TF701@7']);
  });

  it('warns about ack= without the ACK flag', () => {
    assert.deepEqual(codes(run(lines('client C', 'server S', 'C -> S: SYN seq=1 ack=5')), ['warning']), ['TF404@3']);
  });

  it('binds symbols on first use and does arithmetic modulo 2^32', () => {
    expectClean(lines('client C', 'server S', 'C -> S: SYN seq=4294967295', 'S -> C: SYN ACK seq=y ack=0', 'C -> S: ACK seq=0 ack=y+1'));
  });

  it('infers omitted numbers and shows them', () => {
    const r = expectClean(lines('client C', 'server S', 'C -> S: SYN', 'S -> C: SYN ACK', 'C -> S: ACK'));
    const labels = r.simulation.steps.filter((s) => s.segment).map((s) => [s.segment!.sent.seq, s.segment!.sent.ack]);
    assert.deepEqual(
      labels.map(([a, b]) => `${a?.base}${a?.offset}/${b ? `${b.base}${b.offset}` : '-'}`),
      ['x0/-', 'y0/x1', 'x1/y1'],
    );
  });
});

describe('checker: assertions, ending, hints', () => {
  it('flags a wrong state claim and fixes it to the simulated state', () => {
    const broken = lines(HS, 'S is SYN_RECEIVED');
    expectProblems(broken, ['TF500@6']);
    expectClean(fixed(broken, 'TF500'));
  });

  it('reports a handshake waiting for its last ACK as information, never an error', () => {
    const r = run(lines('client C', 'server S', 'C -> S: SYN seq=1', 'S -> C: SYN ACK seq=9 ack=2'));
    assert.deepEqual(codes(r), ['TF600@4']);
    assert.equal(r.diagnostics[0]!.severity, 'information');
  });

  it('reports an unacknowledged FIN at the end', () => {
    assert.deepEqual(codes(run(lines(EST, 'A -x B: FIN ACK seq=1 ack=1'))), ['TF601@3']);
  });

  it('explains CLOSE_WAIT claimed on the side that closed first', () => {
    const r = run(lines(EST, 'A -> B: FIN ACK seq=1 ack=9', 'A is CLOSE_WAIT'));
    assert.deepEqual(
      codes(r, ['error', 'information']).filter((c) => c !== 'TF600@3'),
      ['TF500@4', 'TF702@4'],
    );
  });

  it('keeps TIME_WAIT for 2MSL of the stack and says so', () => {
    const tw = lines(EST, 'A -> B: FIN ACK seq=1 ack=9', 'B -> A: FIN ACK seq=9 ack=2', 'A -> B: ACK seq=2 ack=10');
    const r = run(lines(tw, 'wait 60s', 'A is CLOSED'));
    assert.deepEqual(codes(r), ['TF703@6', 'TF500@7', 'TF703@7']);
    expectFinal(expectClean(lines('stack linux', tw, 'wait 60s', 'A is CLOSED')), { A: 'CLOSED' });
    assert.deepEqual(codes(run(lines(tw, 'wait 2MSL'))), ['TF704@6']);
  });

  it('keeps TIME_WAIT on a RST with the freebsd stack (RFC 1337)', () => {
    const flow = lines(
      'peer A state ESTABLISHED',
      'peer B raw',
      'A -> B: FIN ACK seq=1 ack=9',
      'B -> A: FIN ACK seq=9 ack=2',
      'A -> B: ACK seq=2 ack=10',
      'B -> A: RST seq=10',
    );
    expectFinal(run(flow), { A: 'CLOSED' });
    const r = run(lines('stack freebsd', flow));
    expectFinal(r, { A: 'TIME_WAIT' });
    assert.ok(codes(r).includes('TF705@7'));
  });

  it('hints at the 240 s TIME_WAIT claim in notes', () => {
    assert.deepEqual(codes(run(lines(EST, 'note over A: TIME_WAIT lasts 240 s'))), ['TF700@3']);
  });

  it('gently accepts the note notation with > and TCP', () => {
    const r = run(lines('Client > Server : TCP SYN', 'Server > Client : TCP SYN ACK', 'Client > Server : TCP ACK'));
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    assert.deepEqual([...new Set(codes(r, ['hint']).map((c) => c.split('@')[0]))], ['TF190', 'TF191']);
    expectFinal(r, { Client: 'ESTABLISHED', Server: 'ESTABLISHED' });
  });
});

describe('checker: participants and document structure', () => {
  it('takes the participants from the first segment when none are declared', () => {
    const r = expectClean(lines('Alice -> Bob: SYN', 'Bob -> Alice: SYN ACK', 'Alice -> Bob: ACK'));
    assert.deepEqual(
      r.simulation.participants.map((p) => `${p.name}:${p.role}`),
      ['Alice:client', 'Bob:server'],
    );
  });

  it('rejects a third participant, unknown and duplicate names, and self-segments', () => {
    expectProblems(lines('A -> B: SYN', 'C -> A: SYN'), ['TF105@2']);
    expectProblems(lines('client A', 'server B', 'A -> Bb: SYN'), ['TF106@3']);
    expectProblems(lines('client A', 'client A', 'server B', 'peer C'), ['TF112@2', 'TF105@4']);
    expectProblems(lines('client A', 'server B', 'A -> A: SYN'), ['TF113@3']);
  });

  it('allows one title and one stack line before the segments', () => {
    expectProblems(lines('title a', 'title b'), ['TF104@2']);
    expectProblems(lines('A -> B: SYN', 'stack linux'), ['TF117@2']);
    expectProblems(lines('stack bsd'), ['TF115@1']);
  });

  it('gives every message in Korean too', () => {
    const r = run(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+5', 'C is LISTEN'));
    for (const d of r.diagnostics) {
      const ko = messageOf(d, 'ko');
      assert.notEqual(ko, messageOf(d, 'en'));
      assert.match(ko, /[가-힣]/, ko);
      assert.doesNotMatch(ko, /\{\w+\}/);
    }
  });
});
