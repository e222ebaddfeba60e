/**
 * The rules of issue 25 ("trust, to the last rule"), each written from the RFC's text or, for a
 * `stack linux` rule, from the Linux source it cites: PAWS, window updates, TIME-WAIT reuse,
 * Linux's timers, the sending rules, the severities the policy asks for, and the messages.
 * Each flow states what a real TCP of the profile does; the test fails when the checker says
 * otherwise.
 */
import assert from 'node:assert/strict';
import { messageOf } from '../../src/core/index.js';
import { codes, expectClean, expectFinal, lines, run } from '../helpers/flow.js';

const TS_HANDSHAKE = [
  'client C',
  'server S',
  'C -> S: SYN seq=x ts=100 ecr=0',
  'S -> C: SYN ACK seq=y ack=x+1 ts=500 ecr=100',
  'C -> S: ACK seq=x+1 ack=y+1 ts=101 ecr=500',
];
const errorsOf = (text: string): string[] => codes(run(text), ['error']);
const messagesOf = (text: string, code: string): string[] =>
  run(text)
    .diagnostics.filter((d) => d.code === code)
    .map((d) => messageOf(d));

describe('RFC 7323 §5.3: PAWS', () => {
  // A raw injector may send any TSval; the simulated receiver is the one judged.
  const injected = (stack: string, tsval: number): string =>
    lines(
      `stack ${stack}`,
      'peer A raw',
      'server S',
      'A -> S: SYN seq=1000 ts=100 ecr=0',
      'S -> A: SYN ACK seq=y ack=1001 ts=500 ecr=100',
      'A -> S: ACK seq=1001 ack=y+1 ts=200 ecr=500',
      `A -> S: PSH ACK seq=1001 ack=y+1 len=10 ts=${tsval} ecr=500`,
    );

  for (const stack of ['rfc9293', 'linux', 'freebsd']) {
    it(`${stack}: a segment whose TSval is older than TS.Recent is dropped, its data not delivered, and a duplicate ACK echoing TS.Recent goes back`, () => {
      const flow = injected(stack, 150);
      expectClean(lines(flow, 'S -> A: ACK seq=y+1 ack=1001 ts=501 ecr=200', 'S is ESTABLISHED'));
      // Acknowledging the dropped data is acknowledging what never arrived.
      assert.deepEqual(errorsOf(lines(flow, 'S -> A: ACK seq=y+1 ack=1011 ts=501 ecr=150')), ['TF402@8']);
    });
  }

  it('a segment with a TSval at or above TS.Recent is accepted as usual', () => {
    expectClean(lines(injected('rfc9293', 200), 'S -> A: ACK seq=y+1 ack=1011 ts=501 ecr=200'));
  });

  it('linux: a TSval one tick below TS.Recent still passes (TCP_PAWS_WINDOW is 1, tcp_paws_check)', () => {
    expectClean(lines(injected('linux', 199), 'S -> A: ACK seq=y+1 ack=1011 ts=501 ecr=199'));
  });

  it('rfc9293: one tick below TS.Recent is older, so it is dropped', () => {
    expectClean(lines(injected('rfc9293', 199), 'S -> A: ACK seq=y+1 ack=1001 ts=501 ecr=200'));
  });

  it('a RST is not subject to PAWS (RFC 7323 §5.3 R1; Linux accepts a RST that fails PAWS)', () => {
    const flow = lines(
      'peer A raw',
      'server S',
      'A -> S: SYN seq=1000 ts=100 ecr=0',
      'S -> A: SYN ACK seq=y ack=1001 ts=500 ecr=100',
      'A -> S: ACK seq=1001 ack=y+1 ts=200 ecr=500',
      'A -> S: RST seq=1001 ts=150',
    );
    // Reset from ESTABLISHED: this connection is CLOSED (the listener is another socket).
    expectFinal(run(flow), { S: 'CLOSED' });
  });

  it('TS.Recent moves only with a segment at or below Last.ACK.sent (RFC 7323 §4.3): data after a gap does not move it', () => {
    // d2 arrives first, out of order (its seq is above the ACK S last sent): TS.Recent stays 101,
    // so d1's older TSval 102 passes PAWS and fills the gap.
    expectClean(
      lines(
        ...TS_HANDSHAKE,
        'C -> S: PSH ACK seq=x+1 ack=y+1 len=10 ts=102 ecr=500 @d1',
        'C -> S: PSH ACK seq=x+11 ack=y+1 len=10 ts=103 ecr=500',
        'S -> C: ACK seq=y+1 ack=x+1 ts=501 ecr=101',
        'arrives d1',
        'S -> C: ACK seq=y+1 ack=x+21 ts=502 ecr=102',
      ),
    );
  });

  it("a sender's TSval that runs backwards is an error: no real TCP sends it, and the peer's PAWS drops it (RFC 7323 §5.4)", () => {
    const flow = lines(...TS_HANDSHAKE, 'C -> S: PSH ACK seq=x+1 ack=y+1 len=10 ts=90 ecr=500');
    assert.deepEqual(errorsOf(flow), ['TF418@6']);
  });
});

describe('RFC 9293 §3.10.7.4: the window update (SND.WL1, SND.WL2)', () => {
  // A late ACK: B sent it before the newer ACK, and it arrives after it.
  const lateAck = (stack: string, late: 'below' | 'same'): string =>
    lines(
      `stack ${stack}`,
      'peer A state ESTABLISHED',
      'peer B state ESTABLISHED',
      ...(late === 'below'
        ? ['A -> B: PSH ACK seq=1000 ack=5000 len=50', 'B -> A: ACK seq=5000 ack=1050 win=100 @late', 'A -> B: PSH ACK seq=1050 ack=5000 len=50']
        : ['A -> B: PSH ACK seq=1000 ack=5000 len=100', 'B -> A: ACK seq=5000 ack=1100 win=100 @late']),
      'B -> A: ACK seq=5000 ack=1100 win=3000',
      'arrives late',
      'A -> B: PSH ACK seq=1100 ack=5000 len=2000',
    );

  for (const stack of ['rfc9293', 'linux']) {
    it(`${stack}: an ACK below SND.UNA is a duplicate and changes no window`, () => {
      expectClean(lateAck(stack, 'below'));
    });
  }

  it('rfc9293: a segment with SEG.SEQ = SND.WL1 and SEG.ACK = SND.WL2 replaces the window, even a smaller one', () => {
    // The late ACK acknowledges as much as the newer one: WL1 = SEG.SEQ, WL2 =< SEG.ACK.
    assert.deepEqual(errorsOf(lateAck('rfc9293', 'same')), ['TF409@8']);
  });

  it('linux: with SEG.SEQ = SND.WL1 and the same ACK, only a larger (or zero) window replaces it (tcp_may_update_window)', () => {
    expectClean(lateAck('linux', 'same'));
  });

  it('a window from an older segment (SEG.SEQ < SND.WL1) is not taken', () => {
    const flow = lines(
      'peer A state ESTABLISHED',
      'peer B state ESTABLISHED',
      'A -> B: ACK seq=1000 ack=5000',
      'B -> A: PSH ACK seq=5000 ack=1000 len=10 win=100 @old',
      'B -> A: PSH ACK seq=5010 ack=1000 len=10 win=3000',
      'A -> B: ACK seq=1000 ack=5000',
      'arrives old',
      'A -> B: PSH ACK seq=1000 ack=5020 len=2000',
    );
    assert.deepEqual(errorsOf(flow), []);
  });
});

describe('TIME-WAIT and a new SYN (RFC 6191; Linux tcp_timewait_state_process, tcp_twsk_unique)', () => {
  const closedByServer = (stack: string, ts: boolean): string[] => [
    `stack ${stack}`,
    'client C',
    'server S',
    'connection c1',
    `C -> S: SYN seq=x${ts ? ' ts=100 ecr=0' : ''}`,
    `S -> C: SYN ACK seq=y ack=x+1${ts ? ' ts=500 ecr=100' : ''}`,
    `C -> S: ACK seq=x+1 ack=y+1${ts ? ' ts=101 ecr=500' : ''}`,
    `S -> C: FIN ACK seq=y+1 ack=x+1${ts ? ' ts=501 ecr=101' : ''}`,
    `C -> S: FIN ACK seq=x+1 ack=y+2${ts ? ' ts=102 ecr=501' : ''}`,
    `S -> C: ACK seq=y+2 ack=x+2${ts ? ' ts=502 ecr=102' : ''}`,
    'S is TIME_WAIT',
    'connection c2 reuses c1',
  ];

  it('linux: a SYN with a newer TSval opens the new connection whatever its sequence number', () => {
    const r = expectClean(
      lines(
        ...closedByServer('linux', true),
        'C -> S: SYN seq=x-1000 ts=200 ecr=0',
        'S -> C: SYN ACK seq=z ack=x-999 ts=600 ecr=200',
        'C -> S: ACK seq=x-999 ack=z+1 ts=201 ecr=600',
        'S is ESTABLISHED',
      ),
    );
    expectFinal(r, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
  });

  it('linux: a SYN whose TSval is older than TS.Recent fails PAWS: TIME_WAIT answers with its ACK, even above RCV.NXT', () => {
    const r = expectClean(
      lines(...closedByServer('linux', true), 'C -> S: SYN seq=x+1000 ts=50 ecr=0', 'S -> C: ACK seq=y+2 ack=x+2 ts=503 ecr=102', 'S is TIME_WAIT'),
    );
    expectFinal(r, { S: 'TIME_WAIT' });
  });

  it('linux: without timestamps the sequence number decides (above RCV.NXT opens)', () => {
    expectClean(
      lines(
        ...closedByServer('linux', false),
        'C -> S: SYN seq=x+1000',
        'S -> C: SYN ACK seq=z ack=x+1001',
        'C -> S: ACK seq=x+1001 ack=z+1',
        'S is ESTABLISHED',
      ),
    );
  });

  it('rfc9293: when TIME-WAIT ends by 2MSL, the new SYN meets the listener again', () => {
    expectClean(
      lines(
        ...closedByServer('rfc9293', false).filter((l) => !l.startsWith('connection c2')),
        'wait 2MSL',
        'connection c2 reuses c1',
        'C -> S: SYN seq=u',
        'S -> C: SYN ACK seq=v ack=u+1',
        'C -> S: ACK seq=u+1 ack=v+1',
        'S is ESTABLISHED',
      ),
    );
  });

  it("rfc9293: a SYN below RCV.NXT gets a challenge ACK; the client's RST ends TIME-WAIT; its SYN again meets the listener (RFC 5961 §4.2)", () => {
    const r = run(
      lines(
        ...closedByServer('rfc9293', false),
        'C -> S: SYN seq=x-1000',
        'S -> C: ACK seq=y+2 ack=x+2',
        'C -> S: RST seq=x+2',
        'S is CLOSED', // this connection's TIME-WAIT is gone; S's listener is not
        'C -> S: SYN seq=x-1000',
        'S -> C: SYN ACK seq=v ack=x-999',
        'C -> S: ACK seq=x-999 ack=v+1',
      ),
    );
    assert.deepEqual(codes(r, ['error']), []);
    expectFinal(r, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
  });

  const closedByClient = (ts: boolean): string[] => [
    'stack linux',
    'client C',
    'server S',
    'connection c1',
    `C -> S: SYN seq=x${ts ? ' ts=100 ecr=0' : ''}`,
    `S -> C: SYN ACK seq=y ack=x+1${ts ? ' ts=500 ecr=100' : ''}`,
    `C -> S: ACK seq=x+1 ack=y+1${ts ? ' ts=101 ecr=500' : ''}`,
    `C -> S: FIN ACK seq=x+1 ack=y+1${ts ? ' ts=102 ecr=500' : ''}`,
    `S -> C: FIN ACK seq=y+1 ack=x+2${ts ? ' ts=501 ecr=102' : ''}`,
    `C -> S: ACK seq=x+2 ack=y+2${ts ? ' ts=103 ecr=501' : ''}`,
    'C is TIME_WAIT',
    'connection c2 reuses c1',
  ];

  it('linux: a client reuses its own TIME-WAIT four-tuple only when that connection used timestamps (tcp_twsk_unique)', () => {
    const flow = lines(...closedByClient(false), 'C -> S: SYN seq=u', 'S -> C: SYN ACK seq=v ack=u+1', 'C -> S: ACK seq=u+1 ack=v+1');
    assert.deepEqual(errorsOf(flow), ['TF213@13']);
    expectClean(
      lines(
        ...closedByClient(true),
        'C -> S: SYN seq=u ts=2000 ecr=0',
        'S -> C: SYN ACK seq=v ack=u+1 ts=3000 ecr=2000',
        'C -> S: ACK seq=u+1 ack=v+1 ts=2001 ecr=3000',
      ),
    );
  });
});

describe("Linux's timers (stack linux)", () => {
  const finWait2 = [
    'stack linux',
    'client C',
    'server S',
    'C -> S: SYN seq=x',
    'S -> C: SYN ACK seq=y ack=x+1',
    'C -> S: ACK seq=x+1 ack=y+1',
    'C close',
    'C -> S: FIN ACK seq=x+1 ack=y+1',
    'S -> C: ACK seq=y+1 ack=x+2',
    'C is FIN_WAIT_2',
  ];

  it('an orphaned FIN-WAIT-2 (the application closed) ends silently after tcp_fin_timeout, 60 s; a late FIN then meets a closed port', () => {
    const r = expectClean(lines(...finWait2, 'wait 61s', 'C is CLOSED', 'S -> C: FIN ACK seq=y+1 ack=x+2', 'C -> S: RST seq=x+2'));
    expectFinal(r, { C: 'CLOSED', S: 'CLOSED' });
  });

  it("reuse after FIN-WAIT-2: the new SYN meets the old socket, still synchronized, and gets an ACK; the client's RST clears it and its next SYN gets through", () => {
    const r = expectClean(
      lines(
        ...finWait2.map((l) => (l === 'client C' ? 'client C\nserver S\nconnection c1' : l)).filter((l) => l !== 'server S'),
        'wait 61s',
        'C is CLOSED',
        'S is CLOSE_WAIT',
        'connection c2 reuses c1',
        'C -> S: SYN seq=u',
        'S -> C: ACK seq=y+1 ack=x+2',
        'C -> S: RST seq=x+2',
        'S is CLOSED',
        'wait 1s',
        'C -> S: SYN seq=u',
        'S -> C: SYN ACK seq=v ack=u+1',
        'C -> S: ACK seq=u+1 ack=v+1',
      ),
    );
    expectFinal(r, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
  });

  it('a four-tuple whose both ends are still open cannot be reused (TF210)', () => {
    const flow = lines(
      ...finWait2.map((l) => (l === 'client C' ? 'client C\nserver S\nconnection c1' : l)).filter((l) => l !== 'server S'),
      'connection c2 reuses c1',
      'C -> S: SYN seq=u',
    );
    assert.ok(errorsOf(flow).some((c) => c.startsWith('TF210')));
  });

  it('before tcp_fin_timeout it is still FIN-WAIT-2', () => {
    expectClean(lines(...finWait2, 'wait 30s', 'C is FIN_WAIT_2', 'S -> C: FIN ACK seq=y+1 ack=x+2', 'C -> S: ACK seq=x+2 ack=y+2', 'C is TIME_WAIT'));
  });

  it('a half-close (a FIN without close) is not orphaned: FIN-WAIT-2 stays', () => {
    expectClean(lines(...finWait2.filter((l) => l !== 'C close'), 'wait 61s', 'C is FIN_WAIT_2'));
  });

  it('rfc9293 has no such timer', () => {
    expectClean(lines(...finWait2.filter((l) => l !== 'stack linux'), 'wait 61s', 'C is FIN_WAIT_2'));
  });

  it("a SYN+ACK whose ecr is not between the SYN's TSval and now is answered with a RST, and SYN-SENT stays (tcp_rcv_synsent_state_process)", () => {
    const flow = lines('stack linux', 'client C', 'server S', 'C -> S: SYN seq=x ts=100 ecr=0', 'S -> C: SYN ACK seq=y ack=x+1 ts=500 ecr=50');
    assert.deepEqual(errorsOf(flow), ['TF420@5']);
    const r = run(lines(flow, 'C -> S: RST seq=x+1', 'C is SYN_SENT'));
    assert.deepEqual(codes(r, ['error']), ['TF420@5']);
    expectFinal(r, { C: 'SYN_SENT' });
  });

  it('rfc9293: the same SYN+ACK is accepted with a warning (an echo of a TSval never sent)', () => {
    const r = run(lines('client C', 'server S', 'C -> S: SYN seq=x ts=100 ecr=0', 'S -> C: SYN ACK seq=y ack=x+1 ts=500 ecr=50'));
    assert.deepEqual(codes(r, ['error']), []);
    assert.ok(codes(r, ['warning']).includes('TF417@4'));
  });
});

describe('RFC 9293 §3.10.8: the user timeout', () => {
  const EST = ['stack linux', 'client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: ACK seq=x+1 ack=y+1'];

  it("`timeout` deletes the TCB without a segment; the peer's late FIN meets a closed port and gets a RST", () => {
    const r = expectClean(
      lines(...EST, 'C -x S: PSH ACK seq=x+1 ack=y+1 len=10', 'C timeout', 'C is CLOSED', 'S -> C: FIN ACK seq=y+1 ack=x+1', 'C -> S: RST seq=x+1'),
    );
    expectFinal(r, { C: 'CLOSED', S: 'CLOSED' });
  });

  it('sends nothing: a RST after it is not owed, and in CLOSED or LISTEN it is not possible (TF201)', () => {
    assert.ok(errorsOf(lines(...EST, 'C timeout', 'C -> S: RST seq=x+1')).includes('TF200@8'));
    assert.deepEqual(errorsOf(lines('client C', 'server S', 'S timeout')), ['TF201@3']);
  });
});

describe('Sending rules (RFC 9293 §3.2, §3.10.2, §3.10.4; RFC 1122 §4.2.2.15)', () => {
  const HS = ['client C', 'server S', 'C -> S: SYN seq=x mss=1460', 'S -> C: SYN ACK seq=y ack=x+1 mss=1460'];

  it('MSS on a segment without SYN is an error (MUST-65)', () => {
    assert.deepEqual(errorsOf(lines(...HS, 'C -> S: ACK seq=x+1 ack=y+1 mss=1460')), ['TF205@5']);
    expectClean(lines(...HS, 'C -> S: ACK seq=x+1 ack=y+1'));
  });

  it('data does not leave SYN-RECEIVED without Fast Open: a SEND is queued until ESTABLISHED', () => {
    assert.deepEqual(errorsOf(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'S -> C: PSH ACK seq=y+1 ack=x+1 len=10')), [
      'TF200@5',
    ]);
  });

  it('a FIN with data pending waits in SYN-RECEIVED too; a bare FIN may go (§3.10.4)', () => {
    assert.deepEqual(
      errorsOf(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'S -> C: FIN PSH ACK seq=y+1 ack=x+1 len=10')),
      ['TF200@5'],
    );
    expectClean(
      lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'S -> C: FIN ACK seq=y+1 ack=x+1', 'C -> S: ACK seq=x+1 ack=y+2'),
    );
  });

  it('a retransmission may carry the unacknowledged octets and new ones after them (repacketizing)', () => {
    expectClean(
      lines(
        'peer A state ESTABLISHED',
        'peer B state ESTABLISHED',
        'A -> B: PSH ACK seq=1000 ack=5000 len=100',
        'A -x B: PSH ACK seq=1100 ack=5000 len=100',
        'B -> A: ACK seq=5000 ack=1100',
        'wait 1s',
        'A -> B: PSH ACK seq=1100 ack=5000 len=300',
        'B -> A: ACK seq=5000 ack=1400',
      ),
    );
  });

  it('a retransmission with different octets at the same sequence numbers is still an error', () => {
    const flow = lines(
      'peer A state ESTABLISHED',
      'peer B state ESTABLISHED',
      'A -x B: PSH ACK seq=1000 ack=5000 "abc"',
      'wait 1s',
      'A -> B: PSH ACK seq=1000 ack=5000 "xyz"',
    );
    assert.deepEqual(errorsOf(flow), ['TF407@5']);
  });
});

describe('Severities the policy asks for', () => {
  const HS = ['client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: ACK seq=x+1 ack=y+1'];

  it('SYN options on a segment without SYN are errors (RFC 2018 §2, RFC 7323 §2.2: MUST only be sent in a SYN)', () => {
    assert.deepEqual(errorsOf(lines(...HS, 'C -> S: ACK seq=x+1 ack=y+1 sackOK wscale=7')), ['TF205@6', 'TF205@6']);
  });

  it('SACK blocks without permission are an error (RFC 2018 §4: MUST NOT be sent)', () => {
    assert.deepEqual(errorsOf(lines(...HS, 'C -> S: ACK seq=x+1 ack=y+1 sack=x+1:x+2')), ['TF207@6']);
  });

  it('a SYN+ACK option the SYN did not offer is an error (RFC 2018 §2, RFC 7323 §3.2)', () => {
    assert.deepEqual(errorsOf(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1 sackOK')), ['TF206@4']);
  });

  it('a timestamp missing once both SYNs carried one is an error (RFC 7323 §3.2: MUST be sent)', () => {
    assert.deepEqual(errorsOf(lines(...TS_HANDSHAKE, 'C -> S: PSH ACK seq=x+1 ack=y+1 len=10')), ['TF209@6']);
  });

  it("an ACK that uses another connection's numbers, which its receiver answers with a RST, is an error", () => {
    const flow = lines(
      'client C',
      'server S',
      'connection c1',
      'C -> S: SYN seq=x',
      'S -> C: SYN ACK seq=y ack=x+1',
      'C -> S: ACK seq=x+1 ack=y+1',
      'connection c2',
      'C -> S: SYN seq=u',
      'S -> C: SYN ACK seq=v ack=u+1',
      'C -> S: ACK seq=u+1 ack=y+1',
    );
    assert.deepEqual(errorsOf(flow), ['TF410@10']);
  });
});

describe('Messages', () => {
  it('a SACK block that starts at RCV.NXT names the octets it claims, not an empty range', () => {
    const m = messagesOf(
      lines('peer A state ESTABLISHED', 'peer B state ESTABLISHED', 'A -> B: ACK seq=1000 ack=5000', 'B -> A: ACK seq=5000 ack=1000 sack=1000:1100'),
      'TF415',
    );
    assert.equal(m.length, 1);
    assert.doesNotMatch(m[0]!, /1000…1000/);
    assert.match(m[0]!, /1000…1099|1000…1100/);
  });

  it('an ACK over a hole says which octets have not arrived, not that SYN and FIN take a number', () => {
    const m = messagesOf(
      lines(
        ...TS_HANDSHAKE.map((l) => l.replace(/ ts=\d+ ecr=\d+/, '')),
        'C -x S: PSH ACK seq=x+1 ack=y+1 len=10',
        'C -> S: PSH ACK seq=x+11 ack=y+1 len=10',
        'S -> C: ACK seq=y+1 ack=x+21',
      ),
      'TF402',
    );
    assert.equal(m.length, 1);
    assert.doesNotMatch(m[0]!, /SYN and FIN/);
    assert.match(m[0]!, /x\+1/);
    assert.match(m[0]!, /x\+11/);
  });
});

describe('RFC 5961 §5.2 and Linux tcp_ack(): an ACK too far below SND.UNA', () => {
  it('linux: data whose ACK is below SND.UNA − min(max_window, bytes_acked) is dropped and answered with a challenge ACK', () => {
    // B has had 1 + 100 octets acknowledged (its SYN and its data), so the bound is SND.UNA − 101.
    const raw = lines(
      'stack linux',
      'peer A raw',
      'server B',
      'A -> B: SYN seq=1000',
      'B -> A: SYN ACK seq=5000 ack=1001',
      'A -> B: ACK seq=1001 ack=5001',
      'B -> A: PSH ACK seq=5001 ack=1001 len=100',
      'A -> B: ACK seq=1001 ack=5101',
      'A -> B: PSH ACK seq=1001 ack=4000 len=10',
    );
    expectClean(lines(raw, 'B -> A: ACK seq=5101 ack=1001', 'B is ESTABLISHED'));
    assert.deepEqual(errorsOf(lines(raw, 'B -> A: ACK seq=5101 ack=1011')), ['TF402@10']);
  });

  it('an old ACK within that bound is a duplicate: the data is taken', () => {
    const raw = lines(
      'stack linux',
      'peer A raw',
      'server B',
      'A -> B: SYN seq=1000',
      'B -> A: SYN ACK seq=5000 ack=1001',
      'A -> B: ACK seq=1001 ack=5001',
      'B -> A: PSH ACK seq=5001 ack=1001 len=100',
      'A -> B: ACK seq=1001 ack=5101',
      'A -> B: PSH ACK seq=1001 ack=5050 len=10',
    );
    expectClean(lines(raw, 'B -> A: ACK seq=5101 ack=1011'));
  });
});
