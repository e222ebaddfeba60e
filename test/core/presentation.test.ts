/** Present mode's steps from the checker's trace: which statements are steps, and the numbers each endpoint holds after them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { check } from '../../src/core/index.js';
import { presentation } from '../../src/core/outputs/presentation.js';
import { toMermaid } from '../../src/core/index.js';
import { maskNumbers } from '../../src/webview/presentView.js';

const steps = (text: string) => presentation(check(text)).steps;
const example = (name: string): string => readFileSync(`examples/${name}`, 'utf8');

describe('presentation steps', () => {
  it('one step per segment, call and wait; state claims, notes and sections are not steps', () => {
    const s = steps(
      'client C\nserver S\n== open ==\nC -> S: SYN seq=x\nnote over C: hi\nS -> C: SYN ACK seq=y ack=x+1\nC -> S: ACK seq=x+1 ack=y+1\nC is ESTABLISHED\nC close\nwait 1s',
    );
    assert.deepEqual(
      s.map((x) => [x.line, x.kind]),
      [
        [3, 'segment'],
        [5, 'segment'],
        [6, 'segment'],
        [8, 'call'],
        [9, 'wait'],
      ],
    );
    assert.equal(s[3]!.from, 'C', 'a call says who calls');
    assert.deepEqual([s[3]!.before['C']!.state, s[3]!.after['C']!.state], ['ESTABLISHED', 'FIN_WAIT_1']);
  });

  it("states and SND.NXT/RCV.NXT before and after each segment, the receiver's change included", () => {
    const [syn, synAck] = steps(example('three-way-handshake.tcpflow'));
    assert.deepEqual(syn!.before, { Client: { state: 'CLOSED' }, Server: { state: 'LISTEN' } });
    assert.deepEqual(syn!.after, { Client: { state: 'SYN_SENT', sndNxt: 'x+1' }, Server: { state: 'SYN_RECEIVED', rcvNxt: 'x+1' } });
    assert.deepEqual(synAck!.after['Client'], { state: 'ESTABLISHED', sndNxt: 'x+1', rcvNxt: 'y+1' });
    assert.deepEqual([synAck!.from, synAck!.to, synAck!.lost], ['Server', 'Client', false]);
  });

  it('a lost segment changes only its sender; TIME_WAIT ends with the wait', () => {
    const lost = steps(example('lost-syn.tcpflow'));
    assert.equal(lost[0]!.lost, true);
    assert.deepEqual([lost[0]!.after['Client']!.state, lost[0]!.after['Server']!.state], ['SYN_SENT', 'LISTEN']);
    assert.equal(lost[1]!.kind, 'wait');
    const close = steps(example('four-way-close.tcpflow'));
    const last = close[close.length - 1]!;
    assert.deepEqual([last.kind, last.before['Client']!.state, last.after['Client']!.state], ['wait', 'TIME_WAIT', 'CLOSED']);
  });

  it('crossing segments are steps of their own, in order', () => {
    const s = steps(example('simultaneous-open.tcpflow'));
    assert.deepEqual(
      s.map((x) => `${x.from}>${x.to}`),
      ['A>B', 'B>A', 'A>B', 'B>A'],
    );
    assert.deepEqual([s[1]!.after['A']!.state, s[1]!.after['B']!.state], ['SYN_RECEIVED', 'SYN_RECEIVED']);
  });

  it("each segment step carries its label's numbers as drawn, wrong ones with their ✗ mark, and the quiz hides exactly those", () => {
    const r = check(['client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x', 'C -> S: PSH seq=x+1 "hi"'].join('\n'));
    const steps = presentation(r).steps;
    assert.deepEqual(steps[1]!.numbers, [
      { drawn: 'seq=y', hidden: 'seq=?' },
      { drawn: 'ack=x ✗ x+1', hidden: 'ack=?' },
    ]);
    // The diagram draws exactly these parts (the structure, not a pattern over the text).
    const text = toMermaid(r, {}).text;
    for (const st of steps) for (const n of st.numbers ?? []) assert.ok(text.includes(n.drawn), n.drawn);
    assert.equal(maskNumbers('SYN+ACK seq=y ack=x ✗ x+1', steps[1]!.numbers), 'SYN+ACK seq=? ack=?');
    // A missing ACK's expected value is drawn after a ✗, and hidden with the space before it.
    const refused = check(['client C', 'peer S', 'C -> S: SYN seq=100', 'S -> C: RST seq=0'].join('\n'));
    const rst = presentation(refused).steps[1]!;
    assert.deepEqual(
      rst.numbers?.map((n) => n.drawn),
      ['seq=0', '✗ ack=101'],
    );
    assert.ok(toMermaid(refused, {}).text.includes('RST ✗ RST+ACK seq=0 ✗ ack=101'));
    assert.equal(maskNumbers('RST ✗ RST+ACK seq=0 ✗ ack=101', rst.numbers), 'RST ✗ RST+ACK seq=?');
  });
});
