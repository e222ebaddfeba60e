/**
 * Every row of the transition table, exercised by a flow: endpoint A starts in the row's
 * state, the row's event happens, and A must end in the row's next state with no error.
 */
import assert from 'node:assert/strict';
import { TRANSITIONS } from '../../src/core/model/transitions.js';
import { expectClean, expectFinal, lines } from '../helpers/flow.js';

const EST = lines('peer A state ESTABLISHED', 'peer B state ESTABLISHED');
const FIN_WAIT_1 = lines(EST, 'A -> B: FIN ACK seq=1000 ack=5000');
const FIN_WAIT_2 = lines(FIN_WAIT_1, 'B -> A: ACK seq=5000 ack=1001');
const CLOSE_WAIT = lines(EST, 'B -> A: FIN ACK seq=5000 ack=1000', 'A -> B: ACK seq=1000 ack=5001');
const LAST_ACK = lines(CLOSE_WAIT, 'A -> B: FIN ACK seq=1000 ack=5001');
const CLOSING = lines(EST, 'A -> B: FIN ACK seq=1000 ack=5000', '& B -> A: FIN ACK seq=5000 ack=1000');
const TIME_WAIT = lines(FIN_WAIT_2, 'B -> A: FIN ACK seq=5000 ack=1001', 'A -> B: ACK seq=1001 ack=5001');
// B as a raw injector: for RSTs a real peer in that situation would not send (an attacker, a middlebox).
const RAW = lines('peer A state ESTABLISHED', 'peer B raw');
const RAW_CLOSING = lines(RAW, 'A -> B: FIN ACK seq=1000 ack=5000', 'B -> A: FIN ACK seq=5000 ack=1000');
const RAW_LAST_ACK = lines(RAW, 'B -> A: FIN ACK seq=5000 ack=1000', 'A -> B: FIN ACK seq=1000 ack=5001');
const RAW_TIME_WAIT = lines(RAW, 'A -> B: FIN ACK seq=1000 ack=5000', 'B -> A: FIN ACK seq=5000 ack=1001', 'A -> B: ACK seq=1001 ack=5001');
const SYN_RCVD = lines('server A', 'client B', 'B -> A: SYN seq=100');
const SYN_SENT = lines('client A', 'server B', 'A -x B: SYN seq=100');

/** Flow, expected final state of A. Keys are `FROM/event` as in the table. */
const SCENARIOS: Record<string, [string, string]> = {
  'CLOSED/passive-open': [lines('peer A', 'peer B', 'A listen'), 'LISTEN'],
  'CLOSED/active-open': [lines('peer A', 'peer B', 'A -x B: SYN seq=1'), 'SYN_SENT'],
  'LISTEN/active-open': [lines('server A', 'client B', 'A -x B: SYN seq=1'), 'SYN_SENT'],
  'LISTEN/rcv-syn': [SYN_RCVD, 'SYN_RECEIVED'],
  'LISTEN/close': [lines('server A', 'client B', 'A close'), 'CLOSED'],
  'LISTEN/abort': [lines('server A', 'client B', 'A abort'), 'CLOSED'],
  'SYN_SENT/rcv-syn-ack': [
    lines('client A', 'server B', 'A -> B: SYN seq=100', 'B -> A: SYN ACK seq=300 ack=101', 'A -> B: ACK seq=101 ack=301'),
    'ESTABLISHED',
  ],
  'SYN_SENT/rcv-syn': [
    lines('peer A', 'peer B', 'A -> B: SYN seq=100', '& B -> A: SYN seq=300', 'A -> B: SYN ACK seq=100 ack=301', '& B -> A: SYN ACK seq=300 ack=101'),
    'ESTABLISHED',
  ],
  'SYN_SENT/rcv-rst': [lines('client A', 'peer B', 'A -> B: SYN seq=100', 'B -> A: RST ACK seq=0 ack=101'), 'CLOSED'],
  'SYN_SENT/close': [lines(SYN_SENT, 'A close'), 'CLOSED'],
  'SYN_SENT/abort': [lines(SYN_SENT, 'A abort'), 'CLOSED'],
  'SYN_RECEIVED/rcv-ack-of-syn': [lines(SYN_RCVD, 'A -> B: SYN ACK seq=300 ack=101', 'B -> A: ACK seq=101 ack=301'), 'ESTABLISHED'],
  'SYN_RECEIVED/rcv-rst': [lines(SYN_RCVD, 'A -> B: SYN ACK seq=300 ack=101', 'B abort', 'B -> A: RST seq=101'), 'LISTEN'],
  'SYN_RECEIVED/rcv-fin': [
    lines(SYN_RCVD, 'A -> B: SYN ACK seq=300 ack=101', 'B -x A: ACK seq=101 ack=301', 'B -> A: FIN ACK seq=101 ack=301', 'A -> B: ACK seq=301 ack=102'),
    'CLOSE_WAIT',
  ],
  'SYN_RECEIVED/close': [lines(SYN_RCVD, 'A -> B: SYN ACK seq=300 ack=101', 'A close', 'A -x B: FIN ACK seq=301 ack=101'), 'FIN_WAIT_1'],
  'SYN_RECEIVED/abort': [lines(SYN_RCVD, 'A -> B: SYN ACK seq=300 ack=101', 'A abort', 'A -x B: RST seq=301'), 'CLOSED'],
  'ESTABLISHED/rcv-fin': [CLOSE_WAIT, 'CLOSE_WAIT'],
  'ESTABLISHED/close': [lines(EST, 'A close', 'A -x B: FIN ACK seq=1000 ack=5000'), 'FIN_WAIT_1'],
  'ESTABLISHED/abort': [lines(EST, 'A abort', 'A -> B: RST seq=1000'), 'CLOSED'],
  'ESTABLISHED/rcv-rst': [lines(EST, 'B -> A: RST seq=5000'), 'CLOSED'],
  'FIN_WAIT_1/rcv-ack-of-fin': [FIN_WAIT_2, 'FIN_WAIT_2'],
  'FIN_WAIT_1/rcv-fin': [CLOSING, 'CLOSING'],
  'FIN_WAIT_1/rcv-rst': [lines(FIN_WAIT_1, 'B -> A: RST seq=5000'), 'CLOSED'],
  'FIN_WAIT_1/abort': [lines(FIN_WAIT_1, 'A abort', 'A -> B: RST seq=1001'), 'CLOSED'],
  'FIN_WAIT_2/rcv-fin': [TIME_WAIT, 'TIME_WAIT'],
  'FIN_WAIT_2/rcv-rst': [lines(FIN_WAIT_2, 'B -> A: RST seq=5000'), 'CLOSED'],
  'FIN_WAIT_2/abort': [lines(FIN_WAIT_2, 'A abort', 'A -> B: RST seq=1001'), 'CLOSED'],
  'CLOSE_WAIT/close': [LAST_ACK, 'LAST_ACK'],
  'CLOSE_WAIT/rcv-rst': [lines(CLOSE_WAIT, 'B -> A: RST seq=5001'), 'CLOSED'],
  'CLOSE_WAIT/abort': [lines(CLOSE_WAIT, 'A abort', 'A -> B: RST seq=1000'), 'CLOSED'],
  'CLOSING/rcv-ack-of-fin': [lines(CLOSING, 'B -> A: ACK seq=5001 ack=1001'), 'TIME_WAIT'],
  'CLOSING/rcv-rst': [lines(RAW_CLOSING, 'B -> A: RST seq=5001'), 'CLOSED'],
  'CLOSING/abort': [lines(CLOSING, 'A abort'), 'CLOSED'],
  'LAST_ACK/rcv-ack-of-fin': [lines(LAST_ACK, 'B -> A: ACK seq=5001 ack=1001'), 'CLOSED'],
  'LAST_ACK/rcv-rst': [lines(RAW_LAST_ACK, 'B -> A: RST seq=5001'), 'CLOSED'],
  'LAST_ACK/abort': [lines(LAST_ACK, 'A abort'), 'CLOSED'],
  'TIME_WAIT/rcv-rst': [lines(RAW_TIME_WAIT, 'B -> A: RST seq=5001'), 'CLOSED'],
  'TIME_WAIT/timeout': [lines(TIME_WAIT, 'wait 2MSL'), 'CLOSED'],
  'TIME_WAIT/abort': [lines(TIME_WAIT, 'A abort'), 'CLOSED'],
};

describe('transition table', () => {
  it('has a scenario for every row', () => {
    const rows = TRANSITIONS.map((t) => `${t.from}/${t.event}`);
    assert.deepEqual(
      rows.filter((r) => !(r in SCENARIOS)),
      [],
    );
    assert.deepEqual(
      Object.keys(SCENARIOS).filter((k) => !rows.includes(k)),
      [],
    );
  });

  for (const row of TRANSITIONS) {
    const key = `${row.from}/${row.event}`;
    it(`${row.from} --${row.event}--> ${row.to}`, () => {
      const [flow, expected] = SCENARIOS[key]!;
      const r = expectClean(flow);
      expectFinal(r, { A: expected });
      const expectedTo = row.to === 'LISTEN|CLOSED' ? 'LISTEN' : row.to;
      if (row.event !== 'rcv-syn' && key !== 'SYN_SENT/rcv-syn') assert.equal(expected, expectedTo);
      // The step that made the change names it.
      const changed = r.simulation.steps.flatMap((s) => s.changes).filter((c) => c.name === 'A' && c.from === row.from);
      assert.ok(changed.length > 0, `A never left ${row.from}`);
    });
  }
});
