/**
 * Segments that arrive later than they were sent (`@label` … `arrives label`), in another order,
 * twice or never, and segments the capture did not see (`?`). The rules are RFC 9293's: the
 * sender is judged when it sends (§3.9 SEND, §3.4 numbers), the receiver when the segment
 * arrives (§3.10.7 with its state then), and what the receiver owes starts at the arrival.
 */

import assert from 'node:assert/strict';
import { messageOf } from '../../src/core/index.js';
import { codes, expectClean, expectFinal, expectProblems, lines, run } from '../helpers/flow.js';

/** A and B synchronized: A's next octet is 1000, B's 5000; both have received everything. */
const EST = lines('peer A state ESTABLISHED', 'peer B state ESTABLISHED', 'A -> B: ACK seq=1000 ack=5000', 'B -> A: ACK seq=5000 ack=1000');

describe('arrivals: parsing', () => {
  it('reads @label at the end of a segment line and arrives <label> as a statement', () => {
    const r = expectClean(lines(EST, 'A -> B: PSH ACK seq=1000 ack=5000 "hello" @d1', 'arrives d1', 'B -> A: ACK seq=5000 ack=1005'));
    const seg = r.document.statements[4]!;
    assert.equal(seg.kind, 'segment');
    assert.equal(seg.kind === 'segment' && seg.label?.text, 'd1');
    assert.equal(seg.kind === 'segment' && seg.payload?.value, 'hello');
    const arr = r.document.statements[5]!;
    assert.equal(arr.kind, 'arrives');
    assert.deepEqual(arr.kind === 'arrives' && arr.label.range, { line: 5, start: 8, end: 10 });
  });

  it('reports a lone @, a label that is not a name, text after a label, and arrives without a label', () => {
    expectProblems(lines(EST, 'A -> B: ACK seq=1000 ack=5000 @'), ['TF108@5']);
    expectProblems(lines(EST, 'A -> B: ACK seq=1000 ack=5000 @1'), ['TF108@5']);
    expectProblems(lines(EST, 'A -> B: ACK seq=1000 ack=5000 @d1 len=3', 'arrives d1'), ['TF108@5']);
    expectProblems(lines(EST, 'arrives'), ['TF108@5']);
    expectProblems(lines(EST, 'A -> B: ACK seq=1000 ack=5000 @d1', 'arrives d1 d2'), ['TF108@6']);
  });

  it('keeps a participant named arrives working with is', () => {
    expectClean(lines('client arrives', 'server S', 'arrives -> S: SYN seq=1', 'arrives is SYN_SENT'));
  });

  it('reads ? before a segment, alone or with &, in either order', () => {
    const r = run(
      lines(EST, '? A -> B: ACK seq=1000 ack=5000', 'A -> B: ACK seq=1000 ack=5000', '& ? B -> A: ACK seq=5000 ack=1000', '? & A -> B: ACK seq=1000 ack=5000'),
    );
    const segs = r.document.statements.filter((s) => s.kind === 'segment').slice(2);
    assert.deepEqual(
      segs.map((s) => s.kind === 'segment' && [s.inferred, s.crossing]),
      [
        [true, false],
        [false, false],
        [true, true],
        [true, true],
      ],
    );
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    expectProblems(lines(EST, '? ? A -> B: ACK seq=1000 ack=5000'), ['TF110@5']);
    expectProblems(lines(EST, '? title x'), ['TF108@5']);
  });
});

describe('arrivals: label bookkeeping', () => {
  it('TF118: a lost segment takes no label, and its arrives says nothing more', () => {
    const r = expectProblems(lines(EST, 'A -x B: ACK seq=1000 ack=5000 len=10 @d1', 'arrives d1'), ['TF118@5']);
    const d = r.diagnostics.find((x) => x.code === 'TF118')!;
    assert.match(messageOf(d), /never arrives/);
    assert.equal(d.fixes.length, 1);
    expectFinal(r, { B: 'ESTABLISHED' });
  });

  it('TF119: a label used twice; the second segment arrives at once', () => {
    const r = expectProblems(
      lines(
        EST,
        'A -> B: ACK seq=1000 ack=5000 len=10 @d1',
        'A -> B: ACK seq=1010 ack=5000 len=10 @d1',
        'B -> A: ACK seq=5000 ack=1000',
        'arrives d1',
        'B -> A: ACK seq=5000 ack=1020',
      ),
      ['TF119@6'],
    );
    assert.match(messageOf(r.diagnostics.find((x) => x.code === 'TF119')!), /line 5/);
  });

  it('TF302: an arrival of a label never sent, or sent only further down', () => {
    const r = run(
      lines(
        EST,
        'A -> B: ACK seq=1000 ack=5000 len=10 @d1',
        'arrives d2',
        'arrives d3',
        'A -> B: ACK seq=1010 ack=5000 len=10 @d3',
        'arrives d1',
        'arrives d3',
      ),
    );
    assert.deepEqual(codes(r, ['error']), ['TF302@6', 'TF302@7']);
    const [unknown, later] = r.diagnostics.filter((d) => d.code === 'TF302');
    assert.match(messageOf(unknown!), /Did you mean 'd1'/);
    assert.match(messageOf(later!), /sent later, on line 8/);
    assert.match(messageOf(later!, 'ko'), /8행/);
  });

  it('TF602: a label that never arrives is in flight at the end (information), and its receiver never judged it', () => {
    const r = run(lines(EST, 'A -> B: ACK seq=1000 ack=5000 len=10 @d1'));
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    assert.ok(codes(r).includes('TF602@5'), codes(r).join());
    assert.equal(r.simulation.final['B']?.rcvNxt?.offset, 1000);
  });
});

describe('arrivals: the receiver judges a segment when it arrives (RFC 9293 §3.10.7.4)', () => {
  it('reordering: the later segment waits in the reassembly queue, a duplicate ACK goes back, then the cumulative ACK', () => {
    const flow = (dup: string, cumulative: string): string =>
      lines(
        EST,
        'A -> B: PSH ACK seq=1000 ack=5000 len=100 @d1',
        'A -> B: PSH ACK seq=1100 ack=5000 len=100 @d2',
        'arrives d2',
        `B -> A: ACK seq=5000 ack=${dup}`,
        'arrives d1',
        `B -> A: ACK seq=5000 ack=${cumulative}`,
      );
    const r = expectClean(flow('1000', '1200'));
    expectFinal(r, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
    assert.equal(r.simulation.final['A']?.sndUna?.offset, 1200);
    // Acknowledging the queued octets before the hole is filled, or only the first segment after it:
    expectProblems(flow('1200', '1200'), ['TF402@8']);
    expectProblems(flow('1000', '1100'), ['TF403@10']);
  });

  it('the receiver owes its duplicate ACK from the arrival: before d2 arrives it owes nothing', () => {
    const r = run(lines(EST, 'A -> B: PSH ACK seq=1000 ack=5000 len=100 @d1', 'A -> B: PSH ACK seq=1100 ack=5000 len=100 @d2', 'arrives d2'));
    assert.ok(codes(r).includes('TF600@6'), codes(r).join()); // owed for the segment sent on line 6
    const step = r.simulation.steps.find((s) => s.stmt.kind === 'arrives')!;
    assert.equal(step.owed['B']?.[0]?.kind, 'ack');
    assert.equal(r.simulation.steps.find((s) => s.line === 5)!.owed['B']?.length ?? 0, 0);
  });

  it('duplicate arrival: an old segment arrives again, the receiver owes a duplicate ACK, and the sender did not retransmit (no TF401)', () => {
    const base = lines(EST, 'A -> B: PSH ACK seq=1000 ack=5000 len=100 @d1', 'arrives d1', 'B -> A: ACK seq=5000 ack=1100', 'arrives d1');
    const r = run(base);
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    assert.ok(codes(r).includes('TF600@5'), `B owes the duplicate ACK: ${codes(r).join()}`);
    expectClean(lines(base, 'B -> A: ACK seq=5000 ack=1100'));
    const dup = r.simulation.steps.filter((s) => s.stmt.kind === 'arrives');
    assert.deepEqual(
      dup.map((s) => s.arrival?.duplicate),
      [false, true],
    );
    // Without the label, writing the segment twice is a retransmission although nothing was lost:
    expectProblems(lines(EST, 'A -> B: PSH ACK seq=1000 ack=5000 len=100', 'A -> B: PSH ACK seq=1000 ack=5000 len=100', 'B -> A: ACK seq=5000 ack=1100'), [
      'TF401@6',
    ]);
  });

  it('fast retransmit after duplicate ACKs (RFC 5681 §3.2) is no "retransmission although nothing was lost"; the late original is a duplicate', () => {
    const flow = (dupacks: string[]): string =>
      lines(
        EST,
        'A -> B: PSH ACK seq=1000 ack=5000 len=100 @d1',
        'A -> B: PSH ACK seq=1100 ack=5000 len=100',
        'A -> B: PSH ACK seq=1200 ack=5000 len=100',
        'A -> B: PSH ACK seq=1300 ack=5000 len=100',
        ...dupacks,
        'A -> B: PSH ACK seq=1000 ack=5000 len=100',
        'B -> A: ACK seq=5000 ack=1400',
        'arrives d1',
        'B -> A: ACK seq=5000 ack=1400',
      );
    const r = expectClean(flow(['B -> A: ACK seq=5000 ack=1000', 'B -> A: ACK seq=5000 ack=1000', 'B -> A: ACK seq=5000 ack=1000']));
    assert.equal(r.simulation.final['A']?.sndUna?.offset, 1400);
    // Without the duplicate ACKs (and no time passing) the sender had no reason to send it again:
    const early = run(
      lines(
        EST,
        'A -> B: PSH ACK seq=1000 ack=5000 len=100 @d1',
        'A -> B: PSH ACK seq=1000 ack=5000 len=100',
        'B -> A: ACK seq=5000 ack=1100',
        'arrives d1',
        'B -> A: ACK seq=5000 ack=1100',
      ),
    );
    assert.deepEqual(codes(early, ['error', 'warning']), ['TF401@6']);
  });

  it('a delayed ACK arriving after more data was sent: judged against what its sender had when it sent it', () => {
    const r = expectClean(
      lines(
        EST,
        'A -> B: PSH ACK seq=1000 ack=5000 len=100',
        'B -> A: ACK seq=5000 ack=1100 @k1',
        'A -> B: PSH ACK seq=1100 ack=5000 len=100',
        'B -> A: ACK seq=5000 ack=1200',
        'arrives k1',
      ),
    );
    // The late ACK of 1100 does not take SND.UNA back from 1200 (§3.10.7.4: an old ACK is ignored).
    assert.equal(r.simulation.final['A']?.sndUna?.offset, 1200);
    // Sent after the second segment arrived, the same ack is stale: TF403 on the sender.
    expectProblems(
      lines(EST, 'A -> B: PSH ACK seq=1000 ack=5000 len=100', 'A -> B: PSH ACK seq=1100 ack=5000 len=100', 'B -> A: ACK seq=5000 ack=1100 @k1', 'arrives k1'),
      ['TF403@7'],
    );
  });

  it('full-duplex data in flight both ways: each side acknowledges what had arrived when it sent', () => {
    const r = expectClean(
      lines(
        EST,
        'A -> B: PSH ACK seq=1000 ack=5000 len=100 @a1',
        'B -> A: PSH ACK seq=5000 ack=1000 len=200 @b1',
        'arrives a1',
        'arrives b1',
        'A -> B: PSH ACK seq=1100 ack=5200 len=100 @a2',
        'B -> A: PSH ACK seq=5200 ack=1100 len=200 @b2',
        'arrives b2',
        'arrives a2',
        'A -> B: ACK seq=1200 ack=5400',
        'B -> A: ACK seq=5400 ack=1200',
      ),
    );
    expectFinal(r, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
    // B's ack=1000 on line 6 would be TF403 if B had received a1 first, as a flow without labels says:
    expectProblems(lines(EST, 'A -> B: PSH ACK seq=1000 ack=5000 len=100', 'B -> A: PSH ACK seq=5000 ack=1000 len=200'), ['TF403@6']);
  });

  it('a duplicate ACK seen by the sender after it sent more is no error on either side', () => {
    expectClean(
      lines(
        EST,
        'A -> B: PSH ACK seq=1000 ack=5000 len=100 @d1',
        'A -> B: PSH ACK seq=1100 ack=5000 len=100',
        'B -> A: ACK seq=5000 ack=1000 @dup',
        'A -> B: PSH ACK seq=1200 ack=5000 len=100 @d3',
        'arrives dup',
        'arrives d1',
        'arrives d3',
        'B -> A: ACK seq=5000 ack=1300',
      ),
    );
  });

  it('simultaneous close with 2 KB in flight each way: both ends go FIN-WAIT-1 → CLOSING → TIME-WAIT', () => {
    const r = expectClean(
      lines(
        'stack linux',
        EST,
        'A -> B: PSH ACK seq=1000 ack=5000 len=2048 @a1',
        'A -> B: FIN ACK seq=3048 ack=5000 @a2',
        'B -> A: PSH ACK seq=5000 ack=1000 len=2048 @b1',
        'B -> A: FIN ACK seq=7048 ack=1000 @b2',
        'A is FIN_WAIT_1',
        'B is FIN_WAIT_1',
        'arrives a1',
        'arrives b1',
        'arrives a2',
        'arrives b2',
        'A is CLOSING',
        'B is CLOSING',
        'A -> B: ACK seq=3049 ack=7049 @c1',
        'B -> A: ACK seq=7049 ack=3049 @c2',
        'arrives c1',
        'arrives c2',
        'A is TIME_WAIT',
        'B is TIME_WAIT',
      ),
    );
    expectFinal(r, { A: 'TIME_WAIT', B: 'TIME_WAIT' });
    const moves = r.simulation.steps.filter((s) => s.stmt.kind === 'arrives').flatMap((s) => s.changes.map((c) => `${c.name}:${c.from}>${c.to}@${s.line + 1}`));
    assert.deepEqual(moves, ['B:FIN_WAIT_1>CLOSING@14', 'A:FIN_WAIT_1>CLOSING@15', 'B:CLOSING>TIME_WAIT@20', 'A:CLOSING>TIME_WAIT@21']);
  });

  it('a FIN that overtakes the data waits for it: no CLOSE-WAIT until the data has arrived', () => {
    const r = expectClean(
      lines(
        EST,
        'A -> B: PSH ACK seq=1000 ack=5000 len=100 @d1',
        'A -> B: FIN ACK seq=1100 ack=5000',
        'B -> A: ACK seq=5000 ack=1000',
        'B is ESTABLISHED',
        'arrives d1',
        'B is CLOSE_WAIT',
        'B -> A: ACK seq=5000 ack=1101',
      ),
    );
    expectFinal(r, { A: 'FIN_WAIT_2', B: 'CLOSE_WAIT' });
  });

  it('a segment arriving into a state it no longer fits: data reaching a CLOSED endpoint is answered with a RST (§3.10.7.1)', () => {
    const base = lines(EST, 'A -> B: PSH ACK seq=1000 ack=5000 len=100 @d1', 'B -> A: RST seq=5000', 'A is CLOSED', 'B is CLOSED', 'arrives d1');
    const r = run(base);
    assert.ok(codes(r).includes('TF600@5'), `B owes the RST: ${codes(r).join()}`);
    expectClean(lines(base, 'B -> A: RST seq=5000'));
    expectProblems(lines(base, 'B -> A: RST seq=5100'), ['TF406@10']);
  });

  it('a duplicate FIN arriving after the receiver closed finds no connection: it owes a RST (§3.10.7.1)', () => {
    const base = lines(
      EST,
      'A -> B: FIN ACK seq=1000 ack=5000 @f',
      'arrives f',
      'B -> A: FIN ACK seq=5000 ack=1001',
      'A -> B: ACK seq=1001 ack=5001',
      'B is CLOSED',
      'arrives f',
    );
    const r = run(base);
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    assert.ok(codes(r).includes('TF600@5'), `B owes a RST for the FIN sent on line 5: ${codes(r).join()}`);
    expectClean(lines(base, 'B -> A: RST seq=5000'));
    // That RST (SEQ=SEG.ACK=5000) is below A's RCV.NXT 5001: A, in TIME_WAIT, ignores it.
    expectFinal(run(lines(base, 'B -> A: RST seq=5000')), { A: 'TIME_WAIT', B: 'CLOSED' });
  });

  it('the SYN a server has not received yet: it cannot answer it, and owes the SYN+ACK from the arrival on', () => {
    expectProblems(lines('client C', 'server S', 'C -> S: SYN seq=100 @s', 'S -> C: SYN ACK seq=300 ack=101', 'arrives s'), ['TF200@4']);
    const r = expectClean(
      lines(
        'client C',
        'server S',
        'C -> S: SYN seq=100 @s',
        'S is LISTEN',
        'arrives s',
        'S is SYN_RECEIVED',
        'S -> C: SYN ACK seq=300 ack=101',
        'C -> S: ACK seq=101 ack=301',
      ),
    );
    expectFinal(r, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
    expectProblems(lines('client C', 'server S', 'C -> S: SYN seq=100 @s', 'arrives s', 'S -> C: ACK seq=300 ack=101'), ['TF300@5']);
  });

  it('the sender judges the window as it last learned it: a zero window still in flight does not stop it yet', () => {
    // B shrinks its window to 100 octets; A, not knowing yet, sends 200 (RFC 9293 §3.8.6: SND.WND is what A last learned).
    expectClean(
      lines(
        EST,
        'B -> A: ACK seq=5000 ack=1000 win=100 @w',
        'A -> B: PSH ACK seq=1000 ack=5000 len=200',
        'B -> A: ACK seq=5000 ack=1200 @k',
        'arrives w',
        'arrives k',
      ),
    );
    expectProblems(
      lines(EST, 'B -> A: ACK seq=5000 ack=1000 win=100 @w', 'arrives w', 'A -> B: PSH ACK seq=1000 ack=5000 len=200', 'B -> A: ACK seq=5000 ack=1200'),
      ['TF409@7'],
    );
    // A reordered older segment does not bring back the older, larger window (SND.WL1).
    expectProblems(
      lines(
        EST,
        'B -> A: PSH ACK seq=5000 ack=1000 len=10 win=60000 @old',
        'B -> A: ACK seq=5010 ack=1000 win=100',
        'arrives old',
        'A -> B: PSH ACK seq=1000 ack=5010 len=200',
        'B -> A: ACK seq=5010 ack=1200',
      ),
      ['TF409@8'],
    );
  });

  it('an & group keeps its meaning, and a labelled member of it arrives at its own line', () => {
    const r = expectClean(
      lines(
        'peer A',
        'peer B',
        'A -> B: SYN seq=100 @s1',
        '& B -> A: SYN seq=300',
        'A is SYN_RECEIVED',
        'B is SYN_SENT',
        'arrives s1',
        'B is SYN_RECEIVED',
        'A -> B: SYN ACK seq=100 ack=301',
        '& B -> A: SYN ACK seq=300 ack=101',
      ),
    );
    expectFinal(r, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
  });

  it('a labelled segment arrives in the connection it was sent in, whichever connection is current', () => {
    const r = expectClean(
      lines(
        'client C',
        'server S',
        'connection c1',
        'C -> S: SYN seq=100',
        'S -> C: SYN ACK seq=300 ack=101',
        'C -> S: ACK seq=101 ack=301',
        'C -> S: FIN ACK seq=101 ack=301 @f',
        'connection c2',
        'C -> S: SYN seq=9000',
        'arrives f',
        'S -> C: SYN ACK seq=7000 ack=9001',
        'connection c1',
        'S is CLOSE_WAIT',
        'S -> C: ACK seq=301 ack=102',
      ),
    );
    const c1 = r.simulation.connections.find((c) => c.name === 'c1')!;
    assert.equal(c1.final['S']?.state, 'CLOSE_WAIT');
    assert.equal(r.simulation.connections.find((c) => c.name === 'c2')!.final['S']?.state, 'SYN_RECEIVED');
    assert.equal(r.simulation.steps.find((s) => s.line === 9)!.connection, 'c1', 'the arrives step shows the connection it arrives in');
  });

  it('says where the receiver moved: at the arrives line, naming the line that sent the segment', () => {
    const r = run(lines(EST, 'A -> B: FIN ACK seq=1000 ack=5000 @f', 'arrives f', 'B is ESTABLISHED'));
    const d = r.diagnostics.find((x) => x.code === 'TF500')!;
    assert.match(messageOf(d), /left ESTABLISHED at line 6, when the FIN\+ACK sent on line 5 arrived/);
    assert.match(messageOf(d, 'ko'), /5행에서 보낸/);
  });
});

describe('not captured: ?', () => {
  it('judges an inferred segment like any other, but its error is a warning TF303 with the original message', () => {
    const r = expectProblems(lines(EST, 'A -> B: ACK seq=1000 ack=5000 len=100', '? A -> B: ACK seq=1200 ack=5000 len=100', 'B -> A: ACK seq=5000 ack=1100'), [
      'TF303@6',
    ]);
    const d = r.diagnostics.find((x) => x.code === 'TF303')!;
    assert.equal(d.severity, 'warning');
    assert.match(messageOf(d), /^Inferred segment \(not in the capture.*TF400 seq=1200 is ahead of 1100/);
    assert.match(messageOf(d, 'ko'), /^추정한 세그먼트입니다.*TF400/);
    assert.equal(d.fixes[0]?.edits[0]?.newText, 'seq=1100');
    // The same line without ? is an error:
    expectProblems(lines(EST, 'A -> B: ACK seq=1000 ack=5000 len=100', 'A -> B: ACK seq=1200 ack=5000 len=100', 'B -> A: ACK seq=5000 ack=1100'), ['TF400@6']);
  });

  it('an inferred segment did happen: the receiver takes it', () => {
    const r = expectClean(
      lines(
        EST,
        'A -> B: ACK seq=1000 ack=5000 len=100',
        '? A -> B: ACK seq=1100 ack=5000 len=100',
        'A -> B: ACK seq=1200 ack=5000 len=100',
        'B -> A: ACK seq=5000 ack=1300',
      ),
    );
    assert.equal(r.simulation.final['B']?.rcvNxt?.offset, 1300);
  });

  it('combines with -x (not captured, and lost) and with @label', () => {
    expectClean(lines(EST, '? A -x B: ACK seq=1000 ack=5000 len=100', 'A -> B: ACK seq=1000 ack=5000 len=100', 'B -> A: ACK seq=5000 ack=1100'));
    expectClean(lines(EST, '? A -> B: ACK seq=1000 ack=5000 len=100 @d1', 'arrives d1', 'B -> A: ACK seq=5000 ack=1100'));
  });

  it('syntax errors on a ? line stay errors (the author wrote them, the capture did not guess them)', () => {
    expectProblems(lines(EST, '? A -> B: ACK seq=1000 ack=5000 bogus=1'), ['TF109@5']);
  });
});

describe('arrivals: the reference', () => {
  it("docs/language.md's examples of @label, arrives and ? check clean", async () => {
    const { readFileSync } = await import('node:fs');
    const doc = readFileSync(new URL('../../docs/language.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```tcpflow\n([^]*?)```/g)].map((m) => m[1]!).filter((b) => /@\w|^\? /m.test(b));
    assert.ok(blocks.length >= 2);
    for (const b of blocks) expectClean(b);
  });
});
