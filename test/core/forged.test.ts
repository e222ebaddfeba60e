/**
 * Forged segments (`Attacker as C -> S: …`): a third party with no TCB of its own sends a
 * segment with C's addresses, and S judges it as if C had sent it (RFC 5961's blind in-window
 * attacks). The expectations are RFC 5961's (§3 RST, §4 SYN, §5 data, §7 rate limit under
 * Linux's tcp_send_challenge_ack) and RFC 793's for the `rfc793` profile.
 */
import assert from 'node:assert/strict';
import { check, toMermaid } from '../../src/core/index.js';
import { toMermaidIn } from '../../src/core/outputs/mermaidLang.js';
import { segmentLine, segmentLineParts } from '../../src/core/language/segmentLine.js';
import { parse } from '../../src/core/language/parser.js';
import { codes, expectClean, expectFinal, lines, run } from '../helpers/flow.js';

const OPEN = (stack = 'rfc9293'): string[] => [
  `stack ${stack}`,
  'client C',
  'server S',
  'C -> S: SYN seq=x',
  'S -> C: SYN ACK seq=y ack=x+1',
  'C -> S: ACK seq=x+1 ack=y+1',
];

describe('forged segments: RFC 5961 §3, a blind RST', () => {
  it('an in-window RST that is not exactly RCV.NXT gets a challenge ACK (to C, who never sent it); S stays ESTABLISHED', () => {
    const r = expectClean(lines(...OPEN(), 'Attacker as C -> S: RST seq=x+100', 'S -> C: ACK seq=y+1 ack=x+1', 'S is ESTABLISHED', 'C is ESTABLISHED'));
    expectFinal(r, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
  });

  it('the challenge ACK is owed (an ACK of RCV.NXT, which may ride on data)', () => {
    const r = run(lines(...OPEN(), 'Attacker as C -> S: RST seq=x+100'));
    assert.ok(codes(r).includes('TF600@7'), 'S still owes the challenge ACK at the end');
  });

  it('a RST exactly at RCV.NXT resets S; C knows nothing of it and its next segment meets a closed connection', () => {
    const r = run(
      lines(...OPEN(), 'Attacker as C -> S: RST seq=x+1', 'S is CLOSED', 'C is ESTABLISHED', 'C -> S: PSH ACK seq=x+1 ack=y+1 len=5', 'S -> C: RST seq=y+1'),
    );
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    // C learns of it only from S's RST.
    expectFinal(r, { C: 'CLOSED', S: 'CLOSED' });
  });

  it('a RST outside the window is dropped without an answer', () => {
    const r = run(lines(...OPEN(), 'Attacker as C -> S: RST seq=x+100000'));
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    assert.ok(codes(r).includes('TF301@7'));
    expectFinal(r, { S: 'ESTABLISHED' });
  });

  it('rfc793: any in-window RST resets (no challenge ACK)', () => {
    expectFinal(run(lines(...OPEN('rfc793'), 'Attacker as C -> S: RST seq=x+100')), { C: 'ESTABLISHED', S: 'CLOSED' });
  });
});

describe('forged segments: RFC 5961 §4, a blind SYN', () => {
  it('a SYN on a synchronized connection gets a challenge ACK, whatever its sequence number', () => {
    expectClean(lines(...OPEN(), 'Attacker as C -> S: SYN seq=12345', 'S -> C: ACK seq=y+1 ack=x+1', 'S is ESTABLISHED'));
  });

  it('rfc793: an in-window SYN resets the connection', () => {
    const r = run(lines(...OPEN('rfc793'), 'Attacker as C -> S: SYN seq=x+10'));
    expectFinal(r, { S: 'CLOSED' });
    assert.ok(codes(r).includes('TF600@7'), 'S owes the RST');
  });
});

describe('forged segments: RFC 5961 §5, blind data injection', () => {
  it('data whose ACK is below SND.UNA − MAX.SND.WND is dropped and answered with a challenge ACK', () => {
    // C advertises 1000 octets (MAX.SND.WND for S); S's SND.UNA is y+1001 once C acknowledges.
    const flow = lines(
      'client C',
      'server S',
      'C -> S: SYN seq=x win=1000',
      'S -> C: SYN ACK seq=y ack=x+1',
      'C -> S: ACK seq=x+1 ack=y+1 win=1000',
      'S -> C: PSH ACK seq=y+1 ack=x+1 len=1000',
    );
    const base = lines(flow, 'C -> S: ACK seq=x+1 ack=y+1001 win=1000');
    // An ACK 2000 below SND.UNA cannot be C's.
    expectClean(lines(base, 'Attacker as C -> S: PSH ACK seq=x+1 ack=y-999 len=10', 'S -> C: ACK seq=y+1001 ack=x+1'));
    // Within the bound it is a duplicate ACK: the data is taken.
    expectClean(lines(base, 'Attacker as C -> S: PSH ACK seq=x+1 ack=y+501 len=10', 'S -> C: ACK seq=y+1001 ack=x+11'));
  });

  it('data with an acceptable ACK in the window is taken: the attack succeeds, and S acknowledges it', () => {
    expectClean(lines(...OPEN(), 'Attacker as C -> S: PSH ACK seq=x+1 ack=y+1 len=10', 'S -> C: ACK seq=y+1 ack=x+11'));
  });
});

describe('forged segments: RFC 5961 §7 under stack linux (tcp_send_challenge_ack)', () => {
  const two = (between: string[]): string =>
    lines(...OPEN('linux'), 'Attacker as C -> S: RST seq=x+100', 'S -> C: ACK seq=y+1 ack=x+1', ...between, 'Attacker as C -> S: RST seq=x+200');

  it('a second challenge ACK within 500 ms is not sent', () => {
    const r = run(two([]));
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    assert.ok(codes(r).includes('TF301@9'), 'the second RST is dropped without an answer');
  });

  it('after 500 ms the next one is answered again', () => {
    const r = run(lines(two(['wait 1s']), 'S -> C: ACK seq=y+1 ack=x+1'));
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    assert.ok(!codes(r).includes('TF301@10'));
  });

  it('rfc9293 sets no such limit', () => {
    const r = run(lines(two([]).replace('stack linux', 'stack rfc9293'), 'S -> C: ACK seq=y+1 ack=x+1'));
    assert.deepEqual(codes(r, ['error', 'warning']), []);
  });
});

describe('forged segments: the language', () => {
  it('the third party is not a participant: two endpoints stay two, and it is drawn with a lifeline of its own', () => {
    const r = check(lines(...OPEN(), 'Attacker as C -> S: RST seq=x+100', 'S -> C: ACK seq=y+1 ack=x+1'));
    assert.deepEqual(
      r.simulation.participants.map((p) => p.name),
      ['C', 'S'],
    );
    assert.deepEqual(r.simulation.thirdParties, ['Attacker']);
    const m = toMermaid(r, {}).text;
    assert.match(m, /participant P3 as Attacker/);
    assert.match(m, /P3->>P2: RST seq=x\+100 \(forged as C\)/);
    assert.match(toMermaidIn(r, {}, 'ko').text, /P3->>P2: RST seq=x\+100 \(C의 주소로 위조\)/);
  });

  it('an endpoint does not forge: TF214', () => {
    assert.deepEqual(codes(run(lines(...OPEN(), 'C as S -> C: RST seq=y+1')), ['error']), ['TF214@7']);
  });

  it('marks combine with it, and Format Document keeps `as`', () => {
    const text = lines(...OPEN(), '? Attacker   as C ->  S:  RST seq=x+100');
    const seg = parse(text).document.statements.find((s) => s.kind === 'segment' && s.spoofs);
    assert.ok(seg && seg.kind === 'segment');
    assert.equal(seg.spoofs?.text, 'C');
    assert.equal(seg.inferred, true);
    assert.equal(segmentLine(segmentLineParts(seg, text.split('\n')[6]!)), '? Attacker as C -> S: RST seq=x+100');
  });

  it("'as' without the endpoint's name is a syntax error, not a crash", () => {
    const r = run(lines(...OPEN(), 'Attacker as -> S: RST seq=1'));
    assert.ok(codes(r, ['error']).some((c) => c.startsWith('TF1')));
  });
});
