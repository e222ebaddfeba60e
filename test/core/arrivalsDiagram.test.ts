/**
 * Arrivals and uncaptured segments in the outputs: the Mermaid drawing (the arrow where the
 * segment arrives, a note where it was sent, a duplicate drawn again, dashed uncaptured
 * segments), its Korean words, and present mode's steps.
 */

import assert from 'node:assert/strict';
import { check, toMermaid, toMermaidIn } from '../../src/core/index.js';
import { presentation } from '../../src/core/outputs/presentation.js';
import { lines } from '../helpers/flow.js';
import { parseMermaid } from '../helpers/mermaidParse.js';

const EST = lines('peer A state ESTABLISHED', 'peer B state ESTABLISHED');
const REORDER = lines(
  EST,
  'A -> B: PSH ACK seq=1000 ack=5000 len=100 @d1',
  'A -> B: PSH ACK seq=1100 ack=5000 len=100',
  'B -> A: ACK seq=5000 ack=1000',
  'arrives d1',
  'B -> A: ACK seq=5000 ack=1200',
  'arrives d1',
  '? B -> A: ACK seq=5000 ack=1200',
  '? A -x B: FIN ACK seq=1200 ack=5000',
);

async function expectValid(text: string): Promise<void> {
  const r = await parseMermaid(text);
  assert.ok(r.ok, `invalid Mermaid: ${r.error}\n${text}`);
}

describe('arrivals in the diagram', () => {
  it('draws the arrow where the segment arrives, a note where it was sent, the duplicate again, uncaptured segments dashed', async () => {
    const out = toMermaid(check(REORDER));
    assert.equal(
      out.text,
      [
        'sequenceDiagram',
        '  participant P1 as A',
        '  participant P2 as B',
        '  Note left of P1: ESTABLISHED',
        '  Note right of P2: ESTABLISHED',
        '  Note over P1: d1 sent',
        '  P1->>P2: PSH+ACK seq=1100 ack=5000 len=100',
        '  P2->>P1: ACK seq=5000 ack=1000',
        '  P1->>P2: d1#58; PSH+ACK seq=1000 ack=5000 len=100 (sent ↑ line 3)',
        '  P2->>P1: ACK seq=5000 ack=1200',
        '  P1->>P2: d1#58; PSH+ACK seq=1000 ack=5000 len=100 (sent ↑ line 3) (duplicate)',
        '  P2-->>P1: ACK seq=5000 ack=1200 (not captured)',
        '  P1--xP2: FIN+ACK seq=1200 ack=5000 (not captured)',
        '  Note left of P1: FIN_WAIT_1',
        '',
      ].join('\n'),
    );
    // Elements in drawing order, each with its source line (0-based): the arrivals on their arrives lines.
    assert.deepEqual(
      out.elements.map((e) => `${e.kind}@${e.line}`),
      ['note@0', 'note@1', 'note@2', 'message@3', 'message@4', 'message@5', 'message@6', 'message@7', 'message@8', 'message@9', 'note@9'],
    );
    await expectValid(out.text);
  });

  it('marks the arrival red when the segment has an error where it was sent', async () => {
    const out = toMermaid(check(lines(EST, 'A -> B: ACK seq=1000 ack=5000', 'A -> B: ACK seq=1005 ack=5000 len=10 @d1', 'arrives d1')));
    assert.match(out.text, /rect rgba\(220, 38, 38, 0\.18\)\n {4}P1->>P2: d1#58; ACK seq=1005 ✗ 1000 ack=5000 len=10 \(sent ↑ line 4\)\n {2}end/);
    assert.ok(out.elements.some((e) => e.kind === 'message' && e.line === 4 && e.error));
    await expectValid(out.text);
  });

  it('keeps an & group a par block, and draws its labelled member where it arrives', async () => {
    const out = toMermaid(
      check(lines('peer A', 'peer B', 'A -> B: SYN seq=100 @s1', '& B -> A: SYN seq=300', '& A -> B: ACK seq=101 ack=301 @x', 'arrives s1')),
    );
    assert.ok(!out.text.includes('par '), 'one drawn member: no par block');
    assert.match(out.text, /Note over P1: s1 sent\n {2}Note over P1: x sent\n {2}P2->>P1: SYN seq=300\n/);
    await expectValid(out.text);
    const two = toMermaid(check(lines('peer A', 'peer B', 'A -> B: SYN seq=100', '& B -> A: SYN seq=300', '& A -> B: SYN seq=100 @again')));
    assert.match(two.text, /Note over P1: again sent\n {2}par crossing in flight\n {4}P1->>P2: SYN seq=100\n {2}and\n {4}P2->>P1: SYN seq=300\n {2}end\n/);
    await expectValid(two.text);
  });

  it('says its own words in Korean, never touching the author’s', async () => {
    const ko = toMermaidIn(check(lines(REORDER, 'note over A: d1 sent (duplicate)')), {}, 'ko').text;
    assert.match(ko, /Note over P1: d1 보냄\n/);
    assert.match(ko, /len=100 \(↑ 3행에서 보냄\)\n/);
    assert.match(ko, /len=100 \(↑ 3행에서 보냄\) \(중복\)\n/);
    assert.match(ko, /P2-->>P1: ACK seq=5000 ack=1200 \(캡처에 없음\)\n/);
    assert.match(ko, /Note over P1: d1 sent \(duplicate\)\n/, "the author's note stays as written");
    await expectValid(ko);
  });

  it('present mode: a step where a labelled segment is sent and one where it arrives', () => {
    const p = presentation(check(lines(EST, 'A -> B: FIN ACK seq=1000 ack=5000 @f', 'arrives f')));
    assert.deepEqual(
      p.steps.map((s) => [s.line, s.kind, s.from, s.to, s.flight, s.before['A']?.state, s.after['A']?.state, s.before['B']?.state, s.after['B']?.state]),
      [
        [2, 'segment', 'A', 'B', 'sent', 'ESTABLISHED', 'FIN_WAIT_1', 'ESTABLISHED', 'ESTABLISHED'],
        [3, 'segment', 'A', 'B', 'arrives', 'FIN_WAIT_1', 'FIN_WAIT_1', 'ESTABLISHED', 'CLOSE_WAIT'],
      ],
    );
  });
});
