/**
 * The checker against RFC 9293's own words: for each rule, a flow a student might write, the
 * verdict the RFC gives (error on the line, or clean), and where each endpoint ends up — the
 * receiver of a wrong segment does what the RFC says with it, as written.
 */
import assert from 'node:assert/strict';
import { messageOf, toMermaid } from '../../src/core/index.js';
import { applyEdits, codes, expectClean, expectFinal, lines, run } from '../helpers/flow.js';

const errorsOn = (text: string): string[] => codes(run(text), ['error']);
const HS = ['client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: ACK seq=x+1 ack=y+1'];
const EST = ['peer A state ESTABLISHED', 'peer B state ESTABLISHED', 'A -> B: ACK seq=1000 ack=5000'];

describe('RFC 9293 §3.10.7.3: SYN-SENT and an unacceptable ACK', () => {
  it('a SYN+ACK acknowledging x instead of x+1 is an error; the client answers <SEQ=SEG.ACK><CTL=RST> and stays in SYN-SENT', () => {
    const flow = lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x');
    const r = run(flow);
    assert.deepEqual(codes(r, ['error']), ['TF403@4']);
    expectFinal(r, { C: 'SYN_SENT', S: 'SYN_RECEIVED' });
    // Its RST, as the RFC prescribes, adds no error; it lands below S's window and is ignored.
    const answered = run(lines(flow, 'C -> S: RST seq=x'));
    assert.deepEqual(codes(answered, ['error', 'warning']), ['TF403@4']);
    expectFinal(answered, { C: 'SYN_SENT', S: 'SYN_RECEIVED' });
  });

  it('an ACK beyond SND.NXT (x+2) is an error too, and the client stays in SYN-SENT owing the RST', () => {
    const r = run(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+2'));
    assert.deepEqual(codes(r, ['error']), ['TF402@4']);
    expectFinal(r, { C: 'SYN_SENT' });
    assert.ok(codes(r).includes('TF600@4'), 'C still owes the RST');
  });

  it('a RST without ACK does not reset SYN-SENT; one with the right ACK does', () => {
    const base = ['client C', 'peer T raw', 'C -> T: SYN seq=100'];
    expectFinal(run(lines(...base, 'T -> C: RST seq=0')), { C: 'SYN_SENT' });
    expectFinal(run(lines(...base, 'T -> C: RST ACK seq=0 ack=101')), { C: 'CLOSED' });
    expectFinal(run(lines(...base, 'T -> C: RST ACK seq=0 ack=100')), { C: 'SYN_SENT' });
  });
});

describe('RFC 9293 §3.10.7.4: SYN-RECEIVED and an unacceptable ACK', () => {
  it('the third ACK acknowledging y instead of y+1 is an error; the server answers with a RST and stays in SYN-RECEIVED', () => {
    const flow = lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: ACK seq=x+1 ack=y');
    const r = run(flow);
    assert.deepEqual(codes(r, ['error']), ['TF403@5']);
    expectFinal(r, { C: 'ESTABLISHED', S: 'SYN_RECEIVED' });
    const answered = run(lines(flow, 'S -> C: RST seq=y'));
    assert.deepEqual(codes(answered, ['error', 'warning']), ['TF403@5']);
    expectFinal(answered, { S: 'SYN_RECEIVED' });
  });

  it('the third ACK with seq=x (the SYN took x) is an error; the server drops it, owes an ACK, stays in SYN-RECEIVED', () => {
    const r = run(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: ACK seq=x ack=y+1'));
    assert.deepEqual(codes(r, ['error']), ['TF408@5']);
    expectFinal(r, { S: 'SYN_RECEIVED' });
    const d = r.diagnostics.find((x) => x.code === 'TF408')!;
    assert.match(messageOf(d), /SND\.NXT, x\+1/);
    assert.match(messageOf(d), /x was taken by C's SYN/);
    assert.equal(
      applyEdits(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: ACK seq=x ack=y+1'), d.fixes[0]!.edits).split(
        '\n',
      )[4],
      'C -> S: ACK seq=x+1 ack=y+1',
    );
  });
});

describe('RFC 9293 §3.10.7.4: SYN and FIN take one number, data its length', () => {
  const closing = [...EST, 'A close', 'A -> B: FIN ACK seq=1000 ack=5000'];
  it('a FIN acknowledged with its own number is an error, and the FIN stays unacknowledged', () => {
    const r = run(lines(...closing, 'B -> A: ACK seq=5000 ack=1000'));
    assert.deepEqual(codes(r, ['error']), ['TF403@6']);
    expectFinal(r, { A: 'FIN_WAIT_1', B: 'CLOSE_WAIT' });
    const d = r.diagnostics.find((x) => x.code === 'TF403')!;
    assert.match(messageOf(d), /SYN and FIN each take one sequence number, so the answer to `FIN seq=1000` acknowledges 1001 \(RCV\.NXT\)/);
    assert.match(messageOf(d, 'ko'), /FIN seq=1000/);
    expectFinal(expectClean(lines(...closing, 'B -> A: ACK seq=5000 ack=1001')), { A: 'FIN_WAIT_2' });
  });

  it('data acknowledged with seq+1 instead of seq+len is an error', () => {
    const r = run(lines(...EST, 'A -> B: PSH ACK seq=1000 ack=5000 "hello"', 'B -> A: ACK seq=5000 ack=1001'));
    assert.deepEqual(codes(r, ['error']), ['TF403@5']);
    assert.match(messageOf(r.diagnostics.find((x) => x.code === 'TF403')!), /`seq=1000` with 5 octets is acknowledged with 1005/);
    expectClean(lines(...EST, 'A -> B: PSH ACK seq=1000 ack=5000 "hello"', 'B -> A: ACK seq=5000 ack=1005'));
  });

  it("the last ACK after one's own FIN is one past the FIN (seq=5000 when the FIN took 5000 is an error)", () => {
    const flow = (n: number): string =>
      lines(
        ...EST,
        'B close',
        'B -> A: FIN ACK seq=5000 ack=1000',
        'A -> B: ACK seq=1000 ack=5001',
        'A close',
        'A -> B: FIN ACK seq=1000 ack=5001',
        `B -> A: ACK seq=${n} ack=1001`,
      );
    assert.deepEqual(errorsOn(flow(5000)), ['TF408@9']);
    expectFinal(expectClean(flow(5001)), { A: 'CLOSED', B: 'TIME_WAIT' });
  });
});

describe('RFC 9293 §3.1 and §3.10.7.4 fifth step: the ACK flag', () => {
  it('data without ACK after the handshake is an error, the receiver drops it, and the fix adds the flag', () => {
    const flow = lines(...HS, 'C -> S: PSH seq=x+1 "hi"');
    const r = run(flow);
    assert.deepEqual(codes(r, ['error']), ['TF202@6']);
    const step = r.simulation.steps.find((s) => s.line === 5)!;
    assert.ok(step.segment?.dropped, 'the receiver drops it');
    assert.equal(step.after['S']!.rcvNxt, step.before['S']!.rcvNxt);
    const d = r.diagnostics.find((x) => x.code === 'TF202')!;
    const fixed = applyEdits(flow, d.fixes[0]!.edits);
    assert.equal(fixed.split('\n')[5], 'C -> S: PSH ACK seq=x+1 "hi"');
    assert.deepEqual(errorsOn(fixed), []);
  });
});

describe('RFC 9293 §3.8.1: a retransmission repeats the octets', () => {
  it('"world" at the number where "hello" went is an error; the same octets after a loss are clean', () => {
    assert.deepEqual(errorsOn(lines(...EST, 'A -> B: ACK seq=1000 ack=5000 "hello"', 'A -> B: ACK seq=1000 ack=5000 "world"')), ['TF407@5']);
    assert.deepEqual(errorsOn(lines(...EST, 'A -x B: ACK seq=1000 ack=5000 "hello"', 'A -> B: ACK seq=1000 ack=5000 "world"')), ['TF407@5']);
    expectClean(lines(...EST, 'A -x B: ACK seq=1000 ack=5000 "hello"', 'A -> B: ACK seq=1000 ack=5000 "hello"', 'B -> A: ACK seq=5000 ack=1005'));
    // Repacketizing (RFC 1122 §4.2.2.15): the 5 lost octets and 4 new ones after them.
    assert.deepEqual(errorsOn(lines(...EST, 'A -x B: ACK seq=1000 ack=5000 len=5', 'A -> B: ACK seq=1000 ack=5000 len=9')), []);
  });

  it('octets already acknowledged are not sent again', () => {
    assert.deepEqual(
      errorsOn(lines(...EST, 'A -> B: ACK seq=1000 ack=5000 "hello"', 'B -> A: ACK seq=5000 ack=1005', 'wait 1s', 'A -> B: ACK seq=1000 ack=5000 "hello"')),
      ['TF408@7'],
    );
  });
});

describe('RFC 9293 §3.10.7.1–§3.10.7.4: the RST that answers', () => {
  it('a closed port answers a SYN with <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>: a plain RST is an error, with a fix', () => {
    const flow = lines('client C', 'peer S', 'C -> S: SYN seq=100', 'S -> C: RST seq=0');
    const r = run(flow);
    assert.deepEqual(codes(r, ['error']), ['TF406@4']);
    const fixed = applyEdits(flow, r.diagnostics.find((x) => x.code === 'TF406')!.fixes[0]!.edits);
    assert.equal(fixed.split('\n')[3], 'S -> C: RST ACK seq=0 ack=101');
    expectFinal(expectClean(fixed), { C: 'CLOSED' });
  });

  it('a segment with ACK at a closed port is answered with <SEQ=SEG.ACK><CTL=RST>, without the ACK flag', () => {
    const base = ['peer C raw', 'peer S', 'C -> S: ACK seq=5 ack=77'];
    expectClean(lines(...base, 'S -> C: RST seq=77'));
    assert.deepEqual(errorsOn(lines(...base, 'S -> C: RST ACK seq=77 ack=5')), ['TF406@4']);
  });

  it('sending the RST leaves LISTEN in LISTEN (§3.10.7.2)', () => {
    const r = expectClean(lines('peer C raw', 'server S', 'C -> S: ACK seq=5 ack=77', 'S -> C: RST seq=77', 'S is LISTEN'));
    expectFinal(r, { S: 'LISTEN' });
  });
});

describe('RFC 9293 §3.10.1: a new connection is a new TCB', () => {
  const closed = [
    ...HS,
    'C close',
    'C -> S: FIN ACK seq=x+1 ack=y+1',
    'S -> C: ACK seq=y+1 ack=x+2',
    'S close',
    'S -> C: FIN ACK seq=y+1 ack=x+2',
    'C -> S: ACK seq=x+2 ack=y+2',
  ];
  it('after the connection ends, a new SYN takes a new ISS and nothing of the old one carries over', () => {
    const r = expectClean(
      lines(
        ...closed,
        'wait 2MSL',
        'S listen',
        'C -> S: SYN seq=z',
        'S -> C: SYN ACK seq=w ack=z+1',
        'C -> S: ACK seq=z+1 ack=w+1',
        'C is ESTABLISHED',
        'S is ESTABLISHED',
      ),
    );
    const last = r.simulation.final;
    assert.equal(last['C']!.iss?.base, 'z');
    assert.equal(last['C']!.sndNxt?.base, 'z');
    assert.equal(last['S']!.rcvNxt?.base, 'z');
  });

  it('a new SYN into TIME-WAIT gets a challenge ACK; the new SYN-SENT answers it with a RST (clean)', () => {
    const r = expectClean(
      lines(
        ...closed,
        'C is TIME_WAIT',
        'S is CLOSED',
        'S -> C: SYN seq=v',
        'C -> S: ACK seq=x+2 ack=y+2',
        'S -> C: RST seq=y+2',
        'S is SYN_SENT',
        'C is CLOSED',
      ),
    );
    expectFinal(r, { S: 'SYN_SENT', C: 'CLOSED' });
  });
});

describe('RFC 9293 §3.10.7.4: a zero window still takes valid ACKs', () => {
  const zero = ['peer A state ESTABLISHED', 'peer B state ESTABLISHED', 'B -> A: ACK seq=5000 ack=1000 win=0', 'B close', 'B -> A: FIN ACK seq=5000 ack=1000'];
  it("a probe the closed window turns away still has its ACK processed: B's FIN is acknowledged, the octet dropped", () => {
    const r = run(lines(...zero, 'A -> B: ACK seq=1000 ack=5001 "x"'));
    expectFinal(r, { B: 'FIN_WAIT_2' });
    const probe = r.simulation.steps.find((s) => s.line === 5)!;
    assert.ok(probe.segment!.dropped, 'the octet does not fit');
    assert.equal(probe.after['B']!.rcvNxt, probe.before['B']!.rcvNxt);
    assert.ok(codes(r).includes('TF600@6'), 'B owes the ACK that tells A its window is still closed');
  });
  it('without the special allowance the FIN would stay unacknowledged: a probe with an old ack changes nothing', () => {
    expectFinal(run(lines(...zero, 'A -> B: ACK seq=1000 ack=5000 "x"')), { B: 'FIN_WAIT_1' });
  });
});

describe('one mistake, one error, with the right numbers', () => {
  it('a SYN+ACK sent as the third step gets one error, whose fix puts the owed ACK in its place', () => {
    const flow = lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: SYN ACK seq=x ack=y+1');
    const r = run(flow);
    assert.deepEqual(codes(r, ['error']), ['TF300@5']);
    const fixed = applyEdits(flow, r.diagnostics.find((x) => x.code === 'TF300')!.fixes[0]!.edits);
    assert.equal(fixed.split('\n')[4], 'C -> S: ACK seq=x+1 ack=y+1');
    expectClean(fixed);
  });

  it('a FIN sent again with SND.NXT says the FIN took its own number, never "next seq" below SND.NXT', () => {
    const r = run(lines(...EST, 'A close', 'A -> B: FIN ACK seq=1000 ack=5000', 'wait 1s', 'A -> B: FIN ACK seq=1001 ack=5000'));
    const d = r.diagnostics.find((x) => x.code === 'TF400')!;
    assert.match(messageOf(d), /A's FIN took 1000; sent again, a FIN carries the same number/);
  });

  it('a wrong state claim names the line that moved the endpoint', () => {
    const r = run(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S is ESTABLISHED'));
    const d = r.diagnostics.find((x) => x.code === 'TF500')!;
    assert.match(messageOf(d), /S left LISTEN at line 3, when the SYN of line 3 arrived/);
    assert.match(messageOf(d, 'ko'), /3행에서/);
  });
});

describe('the diagram draws what was written', () => {
  it('ack=x stays ack=x, marked, with x+1 beside it; the line is in the error colour', () => {
    const r = run(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x'));
    const m = toMermaid(r).text;
    assert.match(m, /P2->>P1: SYN\+ACK seq=y ack=x ✗ x\+1/);
    assert.doesNotMatch(m, /ack=x\+1(?! )/);
  });
});

describe("RFC 9293's own figures check clean and end where the RFC says", () => {
  it('Figure 6: the basic 3-way handshake, then data at the same seq as the third ACK', () => {
    const r = expectClean(
      lines(
        'client A',
        'server B',
        'A -> B: SYN seq=100',
        'B -> A: SYN ACK seq=300 ack=101',
        'A -> B: ACK seq=101 ack=301',
        'A -> B: ACK seq=101 ack=301 "data"',
        'B -> A: ACK seq=301 ack=105',
      ),
    );
    expectFinal(r, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
  });
  it('Figure 9: half-open discovery — the SYN gets an ACK of 100, SYN-SENT answers with RST seq=100, B is reset', () => {
    const r = expectClean(lines('peer A', 'peer B state ESTABLISHED', 'A -> B: SYN seq=400', 'B -> A: ACK seq=300 ack=100', 'A -> B: RST seq=100'));
    expectFinal(r, { A: 'SYN_SENT', B: 'CLOSED' });
  });
  it('Figure 10: data to a crashed peer is answered with <SEQ=SEG.ACK><CTL=RST>', () => {
    const r = expectClean(lines('peer A', 'peer B state ESTABLISHED', 'B -> A: ACK seq=300 ack=100 "data"', 'A -> B: RST seq=100'));
    expectFinal(r, { A: 'CLOSED', B: 'CLOSED' });
  });
  it('Figure 13: simultaneous close through CLOSING to TIME-WAIT on both sides', () => {
    const r = expectClean(
      lines(
        'peer A state ESTABLISHED',
        'peer B state ESTABLISHED',
        'A -> B: ACK seq=100 ack=300',
        'A close',
        'B close',
        'A -> B: FIN ACK seq=100 ack=300',
        '& B -> A: FIN ACK seq=300 ack=100',
        'A -> B: ACK seq=101 ack=301',
        '& B -> A: ACK seq=301 ack=101',
      ),
    );
    expectFinal(r, { A: 'TIME_WAIT', B: 'TIME_WAIT' });
  });
});

describe('RFC 9293 §3.8.6: new octets only inside the advertised window', () => {
  const est = ['client C state ESTABLISHED', 'server S state ESTABLISHED', 'S -> C: ACK seq=1 ack=1 win=4'];
  it('five octets into a window of four are an error; four are not; a zero window takes a one-octet probe only', () => {
    assert.deepEqual(errorsOn(lines(...est, 'C -> S: PSH ACK seq=1 ack=1 "hello"')), ['TF409@4']);
    expectClean(lines(...est, 'C -> S: PSH ACK seq=1 ack=1 "hell"', 'S -> C: ACK seq=1 ack=5 win=4'));
    const zero = ['client C state ESTABLISHED', 'server S state ESTABLISHED', 'S -> C: ACK seq=1 ack=1 win=0'];
    assert.deepEqual(errorsOn(lines(...zero, 'C -> S: PSH ACK seq=1 ack=1 "hi"')), ['TF409@4']);
    assert.deepEqual(errorsOn(lines(...zero, 'C -> S: PSH ACK seq=1 ack=1 "h"')), []);
  });
});

describe('messages name the lines of the file the flow is in', () => {
  it("inside a Markdown note (lineOffset), line numbers in messages are the note's", () => {
    const flow = lines('client C', 'server S', 'C -> S: SYN seq=x', 'S is ESTABLISHED');
    const plain = run(flow).diagnostics.find((d) => d.code === 'TF500')!;
    const inNote = run(flow, { lineOffset: 10 }).diagnostics.find((d) => d.code === 'TF500')!;
    assert.match(messageOf(plain), /at line 3,/);
    assert.match(messageOf(inNote), /at line 13, when the SYN of line 13 arrived/);
  });
});

describe('a check without a trace (tcpflow-cli check)', () => {
  it('gives the same diagnostics and final states as with one, and keeps no steps', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const flows = readdirSync('examples')
      .filter((f) => f.endsWith('.tcpflow'))
      .map((f) => readFileSync(`examples/${f}`, 'utf8'));
    flows.push(lines(...HS, 'C -> S: ACK seq=x+1 ack=y+1 "hello"', 'S -> C: ACK seq=y+1 ack=x+2', 'C close', 'C -> S: FIN seq=x+6'));
    flows.push(lines('peer A', 'peer B state TIME_WAIT', 'A -> B: RST seq=5', 'A -> B: SYN seq=9'));
    for (const flow of flows) {
      const full = run(flow);
      const bare = run(flow, { trace: false });
      assert.deepEqual(bare.diagnostics, full.diagnostics);
      assert.deepEqual(bare.simulation.final, full.simulation.final);
      assert.equal(bare.simulation.steps.length, 0);
    }
  });
});
