/**
 * The audit of issue 25's rules against real TCP: flows written by hand from the RFCs' text
 * (RFC 7323 PAWS, RFC 9293's window update, RFC 6191, RFC 5961, RFC 7413) under each profile,
 * and the differences Linux showed when the differential fuzz (`npm run fuzz:kernel`) played
 * the same situations against the kernel, each with the kernel function it comes from. Each
 * test states what a real TCP of the profile does, and fails when the checker says otherwise.
 */
import assert from 'node:assert/strict';
import { codes, describeDiagnostics, expectClean, lines, run } from '../helpers/flow.js';

/** A raw injector A (any TSval, any numbers) and a simulated server S with timestamps; A's last TSval, S's TS.Recent, is 2000. */
const injected = (stack: string, ...more: string[]): string =>
  lines(
    `stack ${stack}`,
    'peer A raw',
    'server S',
    'A -> S: SYN seq=1000 ts=1000 ecr=0',
    'S -> A: SYN ACK seq=y ack=1001 ts=500 ecr=1000',
    'A -> S: ACK seq=1001 ack=y+1 ts=2000 ecr=500',
    ...more,
  );
/** Does S still owe an answer at the end (TF600)? */
const owes = (text: string): boolean => codes(run(text)).some((c) => c.startsWith('TF600@'));

describe('audit: PAWS under stack linux (net/ipv4/tcp_input.c, tcp_validate_incoming)', () => {
  it('a duplicate pure ACK at RCV.NXT a few ticks older than TS.Recent passes PAWS (tcp_disordered_ack_check): nothing is owed', () => {
    const flow = injected('linux', 'A -> S: ACK seq=1001 ack=y+1 ts=1959 ecr=500');
    assert.equal(owes(flow), false, describeDiagnostics(run(flow)));
  });

  it('rfc9293: the same ACK fails PAWS (RFC 7323 §5.3 R1) and a duplicate ACK is owed', () => {
    assert.equal(owes(injected('rfc9293', 'A -> S: ACK seq=1001 ack=y+1 ts=1959 ecr=500')), true);
  });

  it('linux: more than tcp_tsval_replay() (240 ticks at the minimum RTO) older, it fails: a duplicate ACK is owed', () => {
    assert.equal(owes(injected('linux', 'A -> S: ACK seq=1001 ack=y+1 ts=1000 ecr=500')), true);
    expectClean(injected('linux', 'A -> S: ACK seq=1001 ack=y+1 ts=1000 ecr=500', 'S -> A: ACK seq=y+1 ack=1001 ts=501 ecr=2000'));
  });

  it('linux: a pure ACK that would change the window is no disordered ACK: it fails PAWS', () => {
    assert.equal(owes(injected('linux', 'A -> S: ACK seq=1001 ack=y+1 win=0 ts=1990 ecr=500')), true);
  });

  it('linux: data a few ticks older fails PAWS (only a pure ACK is "disordered")', () => {
    assert.equal(owes(injected('linux', 'A -> S: PSH ACK seq=1001 ack=y+1 len=5 ts=1990 ecr=500')), true);
  });

  it('linux: an old pure ACK below RCV.NXT that fails PAWS is dropped without an answer (SKB_DROP_REASON_TCP_RFC7323_PAWS_ACK)', () => {
    const base = ['A -> S: PSH ACK seq=1001 ack=y+1 len=10 ts=3000 ecr=500', 'S -> A: ACK seq=y+1 ack=1011 ts=501 ecr=3000'];
    const flow = injected('linux', ...base, 'A -> S: ACK seq=1001 ack=y+1 ts=1000 ecr=500');
    assert.equal(owes(flow), false, describeDiagnostics(run(flow)));
    assert.equal(owes(injected('rfc9293', ...base, 'A -> S: ACK seq=1001 ack=y+1 ts=1000 ecr=500')), true);
  });

  it('linux: a second pure ACK failing PAWS within 500 ms gets no duplicate ACK (tcp_oow_rate_limited); after 500 ms it does', () => {
    const old = 'A -> S: ACK seq=1001 ack=y+1 ts=10 ecr=500';
    const answer = 'S -> A: ACK seq=y+1 ack=1001 ts=501 ecr=2000';
    expectClean(injected('linux', old, answer, old));
    assert.equal(owes(injected('linux', old, answer, old)), false);
    assert.equal(owes(injected('linux', old, answer, 'wait 600ms', old)), true);
    // Data is never limited: "not likely part of an ACK loop".
    assert.equal(owes(injected('linux', old, answer, 'A -> S: PSH ACK seq=1001 ack=y+1 len=3 ts=10 ecr=500')), true);
  });

  it('linux: the duplicate ACK for a pure ACK outside the window and a challenge ACK share one clock (last_oow_ack_time)', () => {
    const outside = 'A -> S: ACK seq=901001 ack=y+1 ts=3000 ecr=500';
    const flow = injected('linux', outside, 'S -> A: ACK seq=y+1 ack=1001 ts=501 ecr=2000', 'A -> S: RST seq=1100');
    // The in-window RST comes less than 500 ms after the duplicate ACK: no challenge ACK.
    assert.equal(owes(flow), false, describeDiagnostics(run(flow)));
    assert.equal(owes(injected('rfc9293', outside, 'S -> A: ACK seq=y+1 ack=1001 ts=501 ecr=2000', 'A -> S: RST seq=1100')), true);
  });
});

describe('audit: the window update under each profile (RFC 9293 §3.10.7.4; FreeBSD tcp_input.c step6; Linux tcp_may_update_window)', () => {
  // B's ACK of 1100 with window 100 was sent first and arrives after B's ACK of 1100 with window 3000.
  const sameAck = (stack: string, lateWin: number): string =>
    lines(
      `stack ${stack}`,
      'peer A state ESTABLISHED',
      'peer B state ESTABLISHED',
      'A -> B: PSH ACK seq=1000 ack=5000 len=100',
      `B -> A: ACK seq=5000 ack=1100 win=${lateWin} @late`,
      'B -> A: ACK seq=5000 ack=1100 win=3000',
      'arrives late',
      'A -> B: PSH ACK seq=1100 ack=5000 len=2000',
    );
  const errors = (text: string): string[] => codes(run(text), ['error']);

  it('rfc9293: SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK: the smaller window replaces it, and 2000 octets no longer fit (TF409)', () => {
    assert.deepEqual(errors(sameAck('rfc9293', 100)), ['TF409@8']);
  });

  it('freebsd: with the same SEG.SEQ and SEG.ACK only a larger window replaces SND.WND ("pure window update"): the 2000 octets fit', () => {
    expectClean(sameAck('freebsd', 100));
  });

  it('freebsd: a larger window on the same SEG.SEQ and SEG.ACK is taken', () => {
    const flow = lines(
      'stack freebsd',
      'peer A state ESTABLISHED',
      'peer B state ESTABLISHED',
      'A -> B: PSH ACK seq=1000 ack=5000 len=100',
      'B -> A: ACK seq=5000 ack=1100 win=100',
      'B -> A: ACK seq=5000 ack=1100 win=3000',
      'A -> B: PSH ACK seq=1100 ack=5000 len=2000',
    );
    expectClean(flow);
  });

  it('linux: a zero window on the same SEG.SEQ and SEG.ACK is taken (tcp_may_update_window: `!nwin`)', () => {
    assert.deepEqual(errors(sameAck('linux', 0)), ['TF409@8']);
  });

  for (const stack of ['rfc9293', 'linux', 'freebsd']) {
    it(`${stack}: a window carried by an ACK below SND.UNA is not taken (a duplicate; "it can be ignored")`, () => {
      expectClean(
        lines(
          `stack ${stack}`,
          'peer A state ESTABLISHED',
          'peer B state ESTABLISHED',
          'A -> B: PSH ACK seq=1000 ack=5000 len=50',
          'B -> A: ACK seq=5000 ack=1050 win=60 @late',
          'A -> B: PSH ACK seq=1050 ack=5000 len=50',
          'B -> A: ACK seq=5000 ack=1100 win=3000',
          'arrives late',
          'A -> B: PSH ACK seq=1100 ack=5000 len=2000',
        ),
      );
    });
  }
});

describe('audit: RFC 7323 §5.5, outdated timestamps', () => {
  // After 24 days idle TS.Recent is invalid: the PAWS test fails, and the segment is accepted
  // anyway (Linux tcp_paws_check: TCP_PAWS_24DAYS; FreeBSD tcp_input.c: TCP_PAWS_IDLE).
  for (const stack of ['rfc9293', 'linux', 'freebsd']) {
    it(`${stack}: after more than 24 days idle, a segment with an older TSval is accepted`, () => {
      expectClean(injected(stack, 'wait 35000min', 'A -> S: PSH ACK seq=1001 ack=y+1 len=10 ts=1500 ecr=500', 'S -> A: ACK seq=y+1 ack=1011 ts=501 ecr=1500'));
    });
  }
  it('rfc9293: before 24 days it is still dropped', () => {
    assert.equal(owes(injected('rfc9293', 'wait 60min', 'A -> S: PSH ACK seq=1001 ack=y+1 len=10 ts=1500 ecr=500')), true);
  });
});

describe('audit: RFC 5961 §5.2 and an ACK of data never sent, under stack linux (tcp_ack, tcp_rcv_state_process)', () => {
  const acked = [
    'S -> A: PSH ACK seq=y+1 ack=1001 len=100 ts=501 ecr=2000',
    'A -> S: ACK seq=1001 ack=y+101 ts=2001 ecr=501',
    'S close',
    'S -> A: FIN ACK seq=y+101 ack=1001 ts=502 ecr=2001',
    'A -> S: ACK seq=1001 ack=y+102 ts=2002 ecr=502',
    'S is FIN_WAIT_2',
  ];
  it('an ACK of something not yet sent gets a challenge ACK (`if (after(ack, tp->snd_nxt)) tcp_send_challenge_ack()`), rate-limited', () => {
    const ahead = 'A -> S: ACK seq=1001 ack=y+500 ts=2001 ecr=500';
    assert.equal(owes(injected('linux', ahead)), true);
    expectClean(injected('linux', ahead, 'S -> A: ACK seq=y+1 ack=1001 ts=501 ecr=2001'));
    // A second one within 500 ms: no answer; rfc9293 answers each (§3.10.7.4).
    assert.equal(owes(injected('linux', ahead, 'S -> A: ACK seq=y+1 ack=1001 ts=501 ecr=2001', ahead)), false);
    assert.equal(owes(injected('rfc9293', ahead, 'S -> A: ACK seq=y+1 ack=1001 ts=501 ecr=2001', ahead)), true);
  });

  it('in FIN_WAIT_2 an ACK too far below SND.UNA is dropped with a challenge ACK too ("accept old ack during closing", Linux 6.8+)', () => {
    const flow = injected('linux', ...acked, 'A -> S: PSH ACK seq=1001 ack=y-1000 len=5 ts=2003 ecr=502');
    assert.equal(owes(flow), true, describeDiagnostics(run(flow)));
    expectClean(lines(flow, 'S -> A: ACK seq=y+102 ack=1001 ts=503 ecr=2002'));
  });
});

describe('audit: forged segments under each profile (RFC 5961 §3–§5, `Attacker as C -> S:`)', () => {
  const open = (stack: string): string[] => [
    `stack ${stack}`,
    'client C',
    'server S',
    'C -> S: SYN seq=x',
    'S -> C: SYN ACK seq=y ack=x+1',
    'C -> S: ACK seq=x+1 ack=y+1',
    'C -> S: PSH ACK seq=x+1 ack=y+1 len=100',
    'S -> C: ACK seq=y+1 ack=x+101',
  ];
  for (const stack of ['rfc9293', 'linux', 'freebsd']) {
    it(`${stack}: a blind RST in the window but not at RCV.NXT gets a challenge ACK (§3.2); C, who sent nothing, takes it as a duplicate ACK`, () => {
      const r = expectClean(
        lines(...open(stack), 'Attacker as C -> S: RST seq=x+5000', 'S -> C: ACK seq=y+1 ack=x+101', 'C is ESTABLISHED', 'S is ESTABLISHED'),
      );
      assert.deepEqual(codes(r, ['error', 'warning']), []);
    });

    it(`${stack}: a blind RST+ACK exactly at RCV.NXT resets S (§3.2: "reset the connection")`, () => {
      const r = run(lines(...open(stack), 'Attacker as C -> S: RST ACK seq=x+101 ack=y+1', 'S is CLOSED', 'C is ESTABLISHED'));
      assert.deepEqual(codes(r, ['error', 'warning']), []);
    });

    it(`${stack}: a blind SYN with any sequence number gets a challenge ACK (§4.2)`, () => {
      expectClean(lines(...open(stack), 'Attacker as C -> S: SYN seq=77777', 'S -> C: ACK seq=y+1 ack=x+101', 'S is ESTABLISHED'));
    });

    it(`${stack}: blind data inside the window with an acceptable ACK is taken (§5: the attack succeeds) and acknowledged`, () => {
      expectClean(lines(...open(stack), 'Attacker as C -> S: PSH ACK seq=x+101 ack=y+1 len=10', 'S -> C: ACK seq=y+1 ack=x+111'));
    });
  }

  it('rfc9293: blind data whose ACK is below SND.UNA − MAX.SND.WND is dropped and answered with a challenge ACK (§5.2)', () => {
    const flow = lines(
      ...open('rfc9293').slice(0, 6),
      'S -> C: PSH ACK seq=y+1 ack=x+1 len=70000 win=65535',
      'C -> S: ACK seq=x+1 ack=y+70001 win=65535',
      'Attacker as C -> S: PSH ACK seq=x+1 ack=y-100 len=10',
      'S -> C: ACK seq=y+70001 ack=x+1',
    );
    const r = run(flow);
    assert.deepEqual(
      codes(r, ['error', 'warning']).filter((c) => !c.startsWith('TF409')),
      [],
      describeDiagnostics(r),
    );
  });
});

describe('audit: several connections (RFC 9293 §3.10.7.4, RFC 6191, FreeBSD tcp_twcheck)', () => {
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

  it('freebsd: a SYN above the old RCV.NXT reopens TIME_WAIT (tcp_twcheck)', () => {
    expectClean(
      lines(
        ...closedByServer('freebsd', false),
        'C -> S: SYN seq=x+1000',
        'S -> C: SYN ACK seq=z ack=x+1001',
        'C -> S: ACK seq=x+1001 ack=z+1',
        'S is ESTABLISHED',
      ),
    );
  });

  it('freebsd: a SYN at or below it, even with a newer TSval, is dropped without an answer (the sequence number alone decides; no RFC 6191)', () => {
    const r = run(lines(...closedByServer('freebsd', true), 'C -> S: SYN seq=x-1000 ts=200 ecr=0', 'S is TIME_WAIT'));
    assert.deepEqual(codes(r, ['error', 'warning']), [], describeDiagnostics(r));
    assert.equal(owes(lines(...closedByServer('freebsd', true), 'C -> S: SYN seq=x-1000 ts=200 ecr=0')), false);
  });

  it('rfc9293: a SYN with a newer TSval in TIME_WAIT is a SYN on a synchronized connection: a challenge ACK (RFC 6191 is not RFC 9293)', () => {
    expectClean(
      lines(...closedByServer('rfc9293', true), 'C -> S: SYN seq=x+1000 ts=200 ecr=0', 'S -> C: ACK seq=y+2 ack=x+2 ts=503 ecr=102', 'S is TIME_WAIT'),
    );
  });

  it('freebsd: a RST does not end TIME_WAIT (RFC 1337); a later SYN above RCV.NXT still reopens it', () => {
    const r = run(
      lines(
        ...closedByServer('freebsd', false),
        'Attacker as C -> S: RST seq=x+2',
        'S is TIME_WAIT',
        'C -> S: SYN seq=x+5000',
        'S -> C: SYN ACK seq=z ack=x+5001',
        'C -> S: ACK seq=x+5001 ack=z+1',
        'S is ESTABLISHED',
      ),
    );
    // The dropped RST is said (TF301, TF705: information); nothing is wrong.
    assert.deepEqual(codes(r, ['error', 'warning']), [], describeDiagnostics(r));
  });
});

describe('audit: TCP Fast Open under stack freebsd (RFC 7413)', () => {
  it('a cookie request, then data on the next connection’s SYN with that cookie, accepted: the SYN+ACK acknowledges ISN+1+len', () => {
    expectClean(
      lines(
        'stack freebsd fastopen',
        'client C',
        'server S',
        'connection c1',
        'C -> S: SYN seq=x cookie',
        'S -> C: SYN ACK seq=y ack=x+1 cookie=c1',
        'C -> S: ACK seq=x+1 ack=y+1',
        'connection c2',
        'C -> S: SYN seq=u len=20 cookie=c1',
        'S -> C: SYN ACK seq=v ack=u+21',
        'C -> S: ACK seq=u+21 ack=v+1',
        'S is ESTABLISHED',
      ),
    );
  });

  it('without `fastopen` FreeBSD drops the data on the SYN: acknowledging it is TF402', () => {
    const r = run(lines('stack freebsd', 'client C', 'server S', 'C -> S: SYN seq=u len=20 cookie=c1', 'S -> C: SYN ACK seq=v ack=u+21'));
    assert.ok(codes(r, ['error']).includes('TF402@5'), describeDiagnostics(r));
  });
});

describe('audit: PAWS in SYN-RECEIVED under stack linux (tcp_check_req)', () => {
  const handshake = (third: number): string =>
    lines(
      'stack linux',
      'peer A raw',
      'server S',
      'A -> S: SYN seq=1000 ts=1000 ecr=0',
      'S -> A: SYN ACK seq=y ack=1001 ts=500 ecr=1000',
      `A -> S: ACK seq=1001 ack=y+1 ts=${third} ecr=500`,
    );
  it('a third ACK one tick older than the SYN fails PAWS (tcp_paws_reject with no slack): an ACK back, SYN_RECEIVED stays', () => {
    const r = run(lines(handshake(999), 'S is SYN_RECEIVED'));
    assert.deepEqual(codes(r, ['error', 'warning']), [], describeDiagnostics(r));
    assert.equal(owes(handshake(999)), true);
    // The next third ACK echoes the SYN+ACK's TSval (one echoing the bare ACK's would be rejected: below).
    expectClean(lines(handshake(999), 'S -> A: ACK seq=y+1 ack=1001 ts=501 ecr=1000', 'A -> S: ACK seq=1001 ack=y+1 ts=1001 ecr=500', 'S is ESTABLISHED'));
  });
  it('a third ACK with the same or a newer TSval completes the hand-shake', () => {
    expectClean(lines(handshake(1000), 'S is ESTABLISHED'));
  });
});

describe("audit: a third ACK's TSecr under stack linux (tcp_check_req: snt_tsval_first … snt_tsval_last)", () => {
  const open = (ecr: number): string =>
    lines(
      'stack linux',
      'peer A raw',
      'server S',
      'A -> S: SYN seq=1000 ts=1000 ecr=0',
      'S -> A: SYN ACK seq=y ack=1001 ts=500 ecr=1000',
      `A -> S: ACK seq=1001 ack=y+1 ts=1001 ecr=${ecr}`,
    );
  it('a TSecr that echoes no SYN+ACK of the server is rejected: an ACK back, SYN_RECEIVED stays (LINUX_MIB_TSECRREJECTED)', () => {
    const r = run(lines(open(600), 'S is SYN_RECEIVED'));
    assert.deepEqual(
      codes(r, ['error', 'warning']).filter((c) => !c.startsWith('TF417')),
      [],
      describeDiagnostics(r),
    );
    assert.equal(owes(open(600)), true);
  });
  it("one that echoes the SYN+ACK's TSval completes the hand-shake; rfc9293 does not test it", () => {
    expectClean(lines(open(500), 'S is ESTABLISHED'));
    const r = run(lines(open(600).replace('stack linux', 'stack rfc9293'), 'S is ESTABLISHED'));
    assert.deepEqual(codes(r, ['error']), [], describeDiagnostics(r));
  });
});

describe('audit: a wrong ACK in SYN-RECEIVED (RFC 9293 §3.10.7.4; Linux tcp_check_req tests it first)', () => {
  for (const stack of ['rfc9293', 'linux', 'freebsd']) {
    it(`${stack}: an ACK of something not sent is answered with <SEQ=SEG.ACK><CTL=RST>, and SYN_RECEIVED stays`, () => {
      // Under linux its TSecr echoes no SYN+ACK either: the ACK field is judged first.
      const r = run(
        lines(
          `stack ${stack}`,
          'peer A raw',
          'server S',
          'A -> S: SYN seq=1000 ts=1000 ecr=0',
          'S -> A: SYN ACK seq=y ack=1001 ts=500 ecr=1000',
          'A -> S: ACK seq=1001 ack=y+2 ts=1001 ecr=900',
          'S -> A: RST seq=y+2',
          'S is SYN_RECEIVED',
        ),
      );
      assert.deepEqual(codes(r, ['error', 'warning']), [], describeDiagnostics(r));
    });
  }
});
