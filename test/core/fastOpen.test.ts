/**
 * TCP Fast Open (RFC 7413) under `stack linux fastopen`: a cookie request and its answer, data on
 * a SYN accepted (the SYN+ACK acknowledges ISN+1+len, the server may answer before the handshake
 * completes, as Linux does) or refused (the client sends the data again), and the rules that stay
 * without Fast Open.
 */
import assert from 'node:assert/strict';
import { formatSeq, messageOf } from '../../src/core/index.js';
import { codes, expectClean, expectFinal, expectProblems, lines, run } from '../helpers/flow.js';

const TFO = ['stack linux fastopen', 'client C', 'server S'];

describe('RFC 7413: TCP Fast Open', () => {
  it('a cookie request on the SYN is answered by a SYN+ACK with cookie=, the handshake as usual (§4.1.1)', () => {
    const r = expectClean(
      lines(
        ...TFO,
        'C -> S: SYN seq=x mss=1460 sackOK ts=100 ecr=0 wscale=7 cookie',
        'S -> C: SYN ACK seq=y ack=x+1 mss=1460 sackOK ts=500 ecr=100 wscale=7 cookie=a1b2c3d4e5f60708',
        'C -> S: ACK seq=x+1 ack=y+1 ts=101 ecr=500',
      ),
    );
    expectFinal(r, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
    // A bare `cookie` on the SYN+ACK asks for nothing: only a client asks.
    expectProblems(lines(...TFO, 'C -> S: SYN seq=x cookie', 'S -> C: SYN ACK seq=y ack=x+1 cookie'), ['TF122@5']);
    // A cookie on a SYN+ACK answering a SYN without the option is a warning.
    expectProblems(lines(...TFO, 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1 cookie=c1'), ['TF206@5']);
  });

  it('the client sends data on its SYN: SND.NXT is ISN+1+len', () => {
    const r = run(lines(...TFO, 'C -> S: SYN seq=u len=100 cookie=c1'));
    assert.equal(formatSeq(r.simulation.final['C']!.sndNxt!), 'u+101');
  });

  it('accepted: the SYN+ACK acknowledges ISN+1+len and the data is delivered in SYN_RECEIVED (§4.2.2)', () => {
    const syn = lines(...TFO, 'C -> S: SYN seq=u len=100 cookie=c1', 'S -> C: SYN ACK seq=v ack=u+101');
    const r = run(syn);
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    const after = r.simulation.steps.at(-1)!.after['S']!;
    assert.equal(after.state, 'SYN_RECEIVED');
    assert.equal(formatSeq(after.rcvNxt!), 'u+101');
    const done = expectClean(lines(syn, 'C -> S: ACK seq=u+101 ack=v+1'));
    expectFinal(done, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
    // The ack left out: Linux accepts a valid cookie, so the inferred ack is ISN+1+len.
    const inferred = run(lines(...TFO, 'C -> S: SYN seq=u len=100 cookie=c1', 'S -> C: SYN ACK seq=v', 'C -> S: ACK seq=u+101 ack=v+1'));
    assert.deepEqual(codes(inferred, ['error', 'warning']), []);
  });

  it('accepted: the server may send its answer before the handshake completes, as Linux does', () => {
    const r = expectClean(
      lines(
        ...TFO,
        'C -> S: SYN seq=u len=100 cookie=c1',
        'S -> C: SYN ACK seq=v ack=u+101',
        'S -> C: PSH ACK seq=v+1 ack=u+101 len=50',
        'C -> S: ACK seq=u+101 ack=v+51',
        'C is ESTABLISHED',
        'S is ESTABLISHED',
      ),
    );
    expectFinal(r, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
    // Without Fast Open's acceptance, data before ESTABLISHED stays an error.
    assert.ok(
      codes(run(lines(...TFO, 'C -> S: SYN seq=u len=100 cookie=c1', 'S -> C: SYN ACK seq=v ack=u+1', 'S -> C: PSH ACK seq=v+1 ack=u+1 len=50')), [
        'error',
      ]).includes('TF200@6'),
    );
  });

  it('refused: the SYN+ACK acknowledges ISN+1 and the client sends the data again, with no TF401 (§4.2.2)', () => {
    const r = expectClean(
      lines(
        ...TFO,
        'C -> S: SYN seq=u cookie=c1 "hello"',
        'S -> C: SYN ACK seq=v ack=u+1 cookie=c2',
        'C -> S: PSH ACK seq=u+1 ack=v+1 "hello"',
        'S -> C: ACK seq=v+1 ack=u+6',
      ),
    );
    expectFinal(r, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
    // Other octets at that number are still no retransmission.
    expectProblems(lines(...TFO, 'C -> S: SYN seq=u cookie=c1 "hello"', 'S -> C: SYN ACK seq=v ack=u+1', 'C -> S: PSH ACK seq=u+1 ack=v+1 "world"'), [
      'TF407@6',
    ]);
  });

  it('any other ack is TF402 or TF403, as without Fast Open', () => {
    expectProblems(lines(...TFO, 'C -> S: SYN seq=u len=100 cookie=c1', 'S -> C: SYN ACK seq=v ack=u+50'), ['TF402@5']);
  });

  it('without fastopen, without a cookie, or with only a request, the SYN+ACK does not acknowledge the data (TF402 and TF707)', () => {
    for (const [stack, cookie, why] of [
      ['stack linux', ' cookie=c1', /no `fastopen` option/],
      ['stack linux fastopen', '', /no cookie/],
      ['stack linux fastopen', ' cookie', /only asks for a cookie/],
    ] as const) {
      const r = run(lines(stack, 'client C', 'server S', `C -> S: SYN seq=u len=100${cookie}`, 'S -> C: SYN ACK seq=v ack=u+101'));
      assert.deepEqual(codes(r, ['error']), ['TF402@5'], `${stack}${cookie}`);
      const hint = r.diagnostics.find((d) => d.code === 'TF707');
      assert.ok(hint, `${stack}${cookie}: TF707`);
      assert.match(messageOf(hint), why);
      expectClean(
        lines(stack, 'client C', 'server S', `C -> S: SYN seq=u len=100${cookie}`, 'S -> C: SYN ACK seq=v ack=u+1', 'C -> S: ACK seq=u+1 ack=v+1 len=100'),
      );
    }
  });

  it('fastopen exists only with linux and freebsd (TF120); a cookie without it is ignored (TF708)', () => {
    expectProblems('stack rfc9293 fastopen', ['TF120@1']);
    expectClean('stack freebsd fastopen');
    const r = run(lines('stack linux', 'client C', 'server S', 'C -> S: SYN seq=x cookie'));
    assert.deepEqual(
      codes(r, ['information']).filter((c) => c.startsWith('TF708')),
      ['TF708@4'],
    );
  });

  it('a cookie the server issued earlier in the flow needs no note; one from before the flow gets TF706', () => {
    const first = ['C -> S: SYN seq=x cookie', 'S -> C: SYN ACK seq=y ack=x+1 cookie=c1', 'C -> S: ACK seq=x+1 ack=y+1', 'C -> S: RST seq=x+1', 'S listen'];
    const again = lines(...TFO, ...first, 'C -> S: SYN seq=u len=100 cookie=c1', 'S -> C: SYN ACK seq=v ack=u+101');
    assert.ok(!codes(run(again)).some((c) => c.startsWith('TF706')));
    // A later connection of the same flow (`connection`): the server host issued the cookie on the first.
    const twoConnections = run(
      lines(
        ...TFO,
        'connection c1',
        'C -> S: SYN seq=x cookie',
        'S -> C: SYN ACK seq=y ack=x+1 cookie=c1',
        'C -> S: ACK seq=x+1 ack=y+1',
        'connection c2',
        'C -> S: SYN seq=u len=100 cookie=c1',
        'S -> C: SYN ACK seq=v ack=u+101',
        'C -> S: ACK seq=u+101 ack=v+1',
      ),
    );
    assert.deepEqual(codes(twoConnections, ['error', 'warning']), []);
    assert.ok(!codes(twoConnections).some((c) => c.startsWith('TF706')));
    const before = run(lines(...TFO, 'C -> S: SYN seq=u len=100 cookie=c9', 'S -> C: SYN ACK seq=v ack=u+101'));
    assert.deepEqual(
      codes(before, ['information']).filter((c) => c.startsWith('TF706')),
      ['TF706@4'],
    );
  });
});
