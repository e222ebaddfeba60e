/**
 * What a receiver's kernel does on purpose (issue 25, item 10): `dropped ["reason"]` — the
 * segment reached the host and its kernel discarded it (Linux's tcp_check_req leaves the request
 * in SYN_RECV, `inet_rsk(req)->acked = 1`, when the accept queue is full or TCP_DEFER_ACCEPT waits
 * for data) — and `resets ["reason"]`, the kernel's own reset (tcp_abort_on_overflow), which sends
 * ABORT's segment (RFC 9293 §3.10.5) though no application called abort.
 */
import assert from 'node:assert/strict';
import { check, messageOf, parse, presentation, toMermaid, toMermaidIn } from '../../src/core/index.js';
import { segmentLine, segmentLineParts } from '../../src/core/language/segmentLine.js';
import { applyEdits, codes, expectClean, expectFinal, expectProblems, lines, run } from '../helpers/flow.js';

const HANDSHAKE = ['client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1'];

describe('dropped: the receiver’s kernel discards a segment on purpose', () => {
  for (const stack of ['linux', 'rfc9293', 'freebsd']) {
    it(`${stack}: a handshake ACK its kernel drops leaves the server in SYN_RECEIVED owing nothing; data acknowledging the SYN+ACK completes the handshake`, () => {
      const r = expectClean(
        lines(
          `stack ${stack}`,
          ...HANDSHAKE,
          'C -> S: ACK seq=x+1 ack=y+1 dropped "accept queue full"',
          'S is SYN_RECEIVED',
          'C is ESTABLISHED',
          'C -> S: PSH ACK seq=x+1 ack=y+1 len=5 dropped "accept queue full"',
          'wait 300ms',
          'C -> S: PSH ACK seq=x+1 ack=y+1 len=5',
          'S is ESTABLISHED',
          'S -> C: ACK seq=y+1 ack=x+6',
        ),
      );
      expectFinal(r, { C: 'ESTABLISHED', S: 'ESTABLISHED' });
    });
  }

  it('a server still in SYN_RECEIVED resends its SYN+ACK and the client answers with an ACK (TCP_DEFER_ACCEPT); after a delivered ACK the same SYN+ACK is an error', () => {
    const defer = (ack: string): string =>
      lines(
        ...HANDSHAKE,
        ack,
        'wait 1s',
        'S -> C: SYN ACK seq=y ack=x+1',
        'C -> S: ACK seq=x+1 ack=y+1',
        'C -> S: PSH ACK seq=x+1 ack=y+1 len=18',
        'S -> C: ACK seq=y+1 ack=x+19',
      );
    expectClean(defer('C -> S: ACK seq=x+1 ack=y+1 dropped "TCP_DEFER_ACCEPT"'));
    assert.ok(codes(run(defer('C -> S: ACK seq=x+1 ack=y+1')), ['error']).includes('TF200@7'), 'a SYN+ACK from ESTABLISHED is not something TCP sends');
  });

  it('the data of a dropped segment is not delivered: acknowledging it is acknowledging what never arrived (TF402)', () => {
    const flow = lines(...HANDSHAKE, 'C -> S: ACK seq=x+1 ack=y+1', 'C -> S: PSH ACK seq=x+1 ack=y+1 len=5 dropped');
    expectProblems(lines(flow, 'S -> C: ACK seq=y+1 ack=x+6'), ['TF402@7']);
    expectClean(lines(flow, 'C -> S: PSH ACK seq=x+1 ack=y+1 len=5', 'S -> C: ACK seq=y+1 ack=x+6'));
  });

  it('for its sender a dropped segment is a loss: sending it again at once is no needless retransmission (TF401)', () => {
    const flow = (mark: string): string =>
      lines(...HANDSHAKE, 'C -> S: ACK seq=x+1 ack=y+1', `C -> S: PSH ACK seq=x+1 ack=y+1 len=5${mark}`, 'C -> S: PSH ACK seq=x+1 ack=y+1 len=5');
    assert.deepEqual(codes(run(flow(' dropped')), ['error', 'warning']), []);
    assert.deepEqual(codes(run(flow('')), ['error', 'warning']), ['TF401@7']);
  });

  it('a RST its kernel drops changes nothing: the connection stays open', () => {
    const r = expectClean(lines(...HANDSHAKE, 'C -> S: ACK seq=x+1 ack=y+1', 'C -> S: RST seq=x+1 dropped', 'S is ESTABLISHED'));
    expectFinal(r, { C: 'CLOSED', S: 'ESTABLISHED' });
  });

  it('arrives d1 dropped: a labelled segment is discarded where it arrives, and a later arrival of it is delivered', () => {
    const flow = lines(
      ...HANDSHAKE,
      'C -> S: ACK seq=x+1 ack=y+1',
      'C -> S: PSH ACK seq=x+1 ack=y+1 len=5 @d1',
      'arrives d1 dropped "receive buffer full"',
      'S is ESTABLISHED',
    );
    expectProblems(lines(flow, 'S -> C: ACK seq=y+1 ack=x+6'), ['TF402@9']);
    const r = expectClean(lines(flow, 'arrives d1', 'S -> C: ACK seq=y+1 ack=x+6'));
    const drop = r.simulation.steps.find((s) => s.line === 6)?.arrival;
    assert.deepEqual(drop?.kernelDrop, { reason: 'receive buffer full' });
  });

  it('a forged segment may be dropped by the receiver’s kernel too', () => {
    expectClean(lines(...HANDSHAKE, 'C -> S: ACK seq=x+1 ack=y+1', 'Eve as C -> S: RST seq=x+1 dropped', 'S is ESTABLISHED'));
  });

  it('TF126: `dropped` on a lost segment or on a labelled one, with a fix that removes it and leaves a clean parse', () => {
    const lost = lines(...HANDSHAKE, 'C -x S: ACK seq=x+1 ack=y+1 dropped "accept queue full"  # lost?');
    const labelled = lines(...HANDSHAKE, 'C -> S: ACK seq=x+1 ack=y+1 dropped @d1', 'arrives d1');
    for (const [text, why] of [
      [lost, /a lost segment \('-x'\) never reaches its receiver's host/],
      [labelled, /write 'arrives d1 dropped' there/],
    ] as const) {
      const r = check(text);
      const d = r.diagnostics.find((x) => x.code === 'TF126');
      assert.ok(d, `TF126 on ${text}`);
      assert.equal(d.severity, 'error');
      assert.match(messageOf(d), why);
      assert.doesNotMatch(messageOf(d, 'ko'), /\b(the|a|write)\b/, 'the Korean message is Korean');
      const fixed = applyEdits(text, d.fixes[0]!.edits);
      assert.ok(!/dropped/.test(fixed), fixed);
      assert.deepEqual(
        parse(fixed).diagnostics.map((x) => x.code),
        [],
      );
    }
    // The lost segment stays lost: the server owes nothing and stays SYN_RECEIVED.
    expectFinal(run(lost), { S: 'SYN_RECEIVED' });
    // Something else after `dropped` is TF108; removing `dropped` alone would not mend the line, so no fix is offered.
    assert.deepEqual(
      parse(lines(...HANDSHAKE, 'C -x S: ACK seq=x+1 ack=y+1 dropped "why" " @ d1'))
        .diagnostics.map((d) => `${d.code}:${d.fixes.length}`)
        .sort(),
      ['TF108:0', 'TF126:0'],
    );
  });

  it('reads `dropped` without a reason, keeps the reason as written, and says what else is wrong after it', () => {
    const seg = (text: string) => parse(lines(...HANDSHAKE, text)).document.statements.at(-1);
    const s1 = seg('C -> S: ACK seq=x+1 ack=y+1 dropped');
    assert.ok(s1?.kind === 'segment' && s1.dropped && s1.dropped.reason === undefined);
    const s2 = seg('C -> S: PSH ACK seq=x+1 ack=y+1 "hello" dropped "queue \\"full\\""');
    assert.ok(s2?.kind === 'segment' && s2.payload?.value === 'hello' && s2.dropped?.reason?.value === 'queue "full"');
    const bad = parse(lines(...HANDSHAKE, 'C -> S: ACK seq=x+1 ack=y+1 dropped "why" seq=3'));
    assert.deepEqual(
      bad.diagnostics.map((d) => d.code),
      ['TF108'],
    );
    assert.match(messageOf(bad.diagnostics[0]!), /after 'dropped'/);
    const arr = parse(lines(...HANDSHAKE, 'C -> S: ACK seq=x+1 ack=y+1 @d1', 'arrives d1 dropped "x" y')).diagnostics;
    assert.deepEqual(
      arr.map((d) => d.code),
      ['TF108'],
    );
  });

  it('Format Document keeps `dropped` and its reason where they belong', () => {
    for (const [written, formatted] of [
      ['C  ->  S : ACK   seq=x+1 ack=y+1   dropped   "accept queue full"', 'C -> S: ACK seq=x+1 ack=y+1 dropped "accept queue full"'],
      ['C -> S: ACK+PSH "hi" dropped', 'C -> S: PSH ACK "hi" dropped'],
    ] as const) {
      const s = parse(written).document.statements[0]!;
      assert.ok(s.kind === 'segment');
      assert.equal(segmentLine(segmentLineParts(s, written)), formatted);
    }
  });
});

describe('resets: the kernel’s own reset', () => {
  it('tcp_abort_on_overflow: the server’s kernel resets the connection in SYN_RECEIVED — a RST with SEQ=SND.NXT, and both ends CLOSED', () => {
    const r = expectClean(
      lines(
        'stack linux',
        ...HANDSHAKE,
        'C -> S: ACK seq=x+1 ack=y+1 dropped "accept queue full"',
        'S resets "accept queue full"',
        'S is CLOSED',
        'S -> C: RST seq=y+1',
        'C is CLOSED',
      ),
    );
    expectFinal(r, { C: 'CLOSED', S: 'CLOSED' });
  });

  it('owes the RST as abort does: without it the flow ends owing one, and a RST with other numbers is wrong', () => {
    const flow = lines(...HANDSHAKE, 'C -> S: ACK seq=x+1 ack=y+1', 'S resets');
    assert.ok(codes(run(flow)).includes('TF600@6'));
    assert.ok(codes(run(lines(flow, 'S -> C: RST seq=y+7')), ['error']).some((c) => c.startsWith('TF40')));
    expectClean(lines(flow, 'S -> C: RST ACK seq=y+1 ack=x+1'));
  });

  it('a listener or a closed endpoint has no connection to reset (TF201, saying "reset")', () => {
    const r = run(lines('client C', 'server S', 'S resets'));
    const d = r.diagnostics.find((x) => x.code === 'TF201');
    assert.ok(d);
    assert.equal(messageOf(d), 'S cannot reset in LISTEN.');
    assert.deepEqual(codes(run(lines(...HANDSHAKE, 'C abort', 'C resets')), ['error']), ['TF201@6']);
  });
});

describe('dropped and resets in the diagram and in present mode', () => {
  const flow = lines(
    ...HANDSHAKE,
    'C -> S: ACK seq=x+1 ack=y+1 dropped "accept queue full"',
    'C -> S: PSH ACK seq=x+1 ack=y+1 len=5 @d1',
    'arrives d1 dropped "<b>#1; end</b>"',
    'S resets "accept queue full"',
    'S -> C: RST seq=y+1',
  );

  it('draws the segment up to the receiver with a cross and says whose kernel dropped it, and why, as the author wrote it', () => {
    const text = toMermaid(check(flow)).text;
    assert.match(text, /^ {2}P1-xP2: ACK seq=x\+1 ack=y\+1 \(dropped by S's kernel#58; accept queue full\)$/m);
    const arrival = text.split('\n').find((l) => l.includes('d1#58;')) ?? '';
    assert.ok(arrival.trimStart().startsWith('P1-xP2: d1#58; PSH+ACK'), arrival);
    assert.doesNotMatch(arrival, /<b>|#1;/, 'the reason is text, not markup or an entity');
    assert.match(text, /^ {2}Note right of P2: kernel reset#58; accept queue full$/m);
    assert.doesNotMatch(text, /resets\(\)/);
  });

  it('says it in Korean with the author’s reason unchanged', () => {
    const ko = toMermaidIn(check(flow), {}, 'ko').text;
    assert.match(ko, /P1-xP2: ACK seq=x\+1 ack=y\+1 \(S의 커널이 버림#58; accept queue full\)$/m);
    assert.match(ko, /Note right of P2: 커널이 재설정#58; accept queue full$/m);
  });

  it('present mode marks the step as dropped by the kernel, at the line where it arrives', () => {
    const steps = presentation(check(flow)).steps;
    assert.equal(steps.find((s) => s.line === 4)?.droppedByKernel, true);
    assert.equal(steps.find((s) => s.line === 5)?.droppedByKernel, undefined, 'sent, in flight');
    assert.equal(steps.find((s) => s.line === 6)?.droppedByKernel, true);
    assert.equal(steps.find((s) => s.line === 3)?.droppedByKernel, undefined);
  });
});
