/**
 * Hostile shapes of input cost work in proportion to their size: each is checked at N and at 2N
 * and the work is counted (test/helpers/work.ts: the core's counter and every array element a
 * method is handed), never timed; 2N must cost well under 4× (quadratic) — under 2.6×. Each
 * shape also says what the user sees, so a fix that skips the work is caught too.
 */
import assert from 'node:assert/strict';
import { check, checkWith, DEFAULT_CHECK_SETTINGS, diagnosticsWith, messageOf, replaceTcpflowBlocks } from '../../src/core/index.js';
import { scanLine, TokenPool } from '../../src/core/language/scanner.js';
import { growth, growthMessage } from '../helpers/work.js';

const LINEAR = 2.6;

/** A connection with window scaling, so thousands of octets fit the window (SND.WND = 65535 << 7). */
const HEAD = [
  'client C',
  'server S',
  'C -> S: SYN seq=999 wscale=7',
  'S -> C: SYN ACK seq=5000 ack=1000 win=65535 wscale=7',
  'C -> S: ACK seq=1000 ack=5001 win=65535',
  'S -> C: ACK seq=5001 ack=1000 win=65535',
].join('\n');

const data = (i: number, arrow = '->', tail = ''): string => `C ${arrow} S: ACK seq=${1000 + i} ack=5001 len=1${tail}`;
const lines = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));

const shapes = {
  /** n labelled segments in flight, then each arriving (in order or in reverse). */
  labelled: (n: number, reverse: boolean): string =>
    [
      HEAD,
      ...lines(n, (i) => data(i, '->', ` @d${i}`)),
      ...lines(n, (i) => `arrives d${reverse ? n - 1 - i : i}`),
      `S -> C: ACK seq=5001 ack=${1000 + n}`,
    ].join('\n'),
  /** A lost segment, n segments queued behind it (out of order), the retransmission, the ACK of everything. */
  reassembly: (n: number): string => [HEAD, data(0, '-x'), ...lines(n, (i) => data(i + 1)), data(0), `S -> C: ACK seq=5001 ack=${1000 + n + 1}`].join('\n'),
  /** n labelled segments and n `arrives` lines naming labels nobody sent. */
  unknownArrivals: (n: number): string => [HEAD, ...lines(n, (i) => data(i, '->', ` @d${i}`)), ...lines(n, (i) => `arrives q${i}`)].join('\n'),
  /** n connections, then n connections that reuse names nobody started. */
  unknownReuses: (n: number): string =>
    ['client C', 'server S', ...lines(n, (i) => `connection c${i}\nC -> S: SYN seq=${i * 10}`), ...lines(n, (i) => `connection z${i} reuses q${i}`)].join('\n'),
  /** n connections left in TIME_WAIT, and a wait after each. */
  timeWaits: (n: number): string =>
    [
      'stack linux',
      'client C',
      'server S',
      ...lines(n, (i) =>
        [
          `connection c${i}`,
          `C -> S: SYN seq=${i * 10}`,
          `S -> C: SYN ACK seq=${i * 10 + 5} ack=${i * 10 + 1}`,
          `C -> S: FIN ACK seq=${i * 10 + 1} ack=${i * 10 + 6}`,
          `S -> C: FIN ACK seq=${i * 10 + 6} ack=${i * 10 + 2}`,
          `C -> S: ACK seq=${i * 10 + 2} ack=${i * 10 + 7}`,
          'wait 1ms',
        ].join('\n'),
      ),
    ].join('\n'),
  /** n connections whose SYNs leave their sequence numbers unnamed (each needs a fresh name). */
  freshNames: (n: number): string => ['client C', 'server S', ...lines(n, (i) => `connection c${i}\nC -> S: SYN`)].join('\n'),
  /** A note of n ```tcpflow blocks. */
  note: (n: number): string => ['# Notes', ...lines(n, (i) => `Part ${i}\n\n\`\`\`tcpflow\nclient C\nserver S\nC -> S: SYN seq=x\n\`\`\`\n`)].join('\n'),
};

describe('linear cost on hostile shapes (work counted, not timed)', function () {
  this.timeout(120_000);

  it('the scanner on one line of many empty strings ("" pairs)', () => {
    const pool = new TokenPool();
    const g = growth(
      (n) => '""'.repeat(n),
      20_000,
      (t) => scanLine(t, pool),
    );
    assert.ok(g.ratio < LINEAR, growthMessage(g));
    assert.equal(scanLine('""'.repeat(3), pool).count, 3);
  });

  it('160,000 labelled segments still in flight: checked, each one reported (no call-stack overflow)', () => {
    const n = 160_000;
    const text = [HEAD, ...lines(n, (i) => data(i, '->', ` @d${i}`))].join('\n');
    const codes = diagnosticsWith(text, DEFAULT_CHECK_SETTINGS).map((d) => d.code);
    assert.equal(codes.filter((c) => c === 'TF602').length, n);
    assert.deepEqual(
      codes.filter((c) => c !== 'TF602' && c !== 'TF601'),
      [],
    );
  });

  it('a ```tcpflow block whose diagram has 200,000 lines: the note is rewritten (no call-stack overflow)', () => {
    const diagram = Array.from({ length: 200_000 }, (_, i) => `  C->>S: ${i}`).join('\n');
    const out = replaceTcpflowBlocks('# Note\n\n```tcpflow\nC -> S: SYN\n```\nafter\n', () => diagram);
    const outLines = out.split('\n');
    assert.equal(outLines.length, 2 + 200_002 + 2);
    assert.equal(outLines[2], '```mermaid');
    assert.equal(outLines.at(-1), '');
    assert.equal(outLines.at(-2), 'after');
  });

  it('labelled segments arriving in order, and in reverse order (the reassembly queue)', () => {
    for (const reverse of [false, true]) {
      const g = growth(
        (n) => shapes.labelled(n, reverse),
        1500,
        (t) => diagnosticsWith(t, DEFAULT_CHECK_SETTINGS),
      );
      assert.ok(g.ratio < LINEAR, `${reverse ? 'reverse' : 'in order'}: ${growthMessage(g)}`);
      // Every octet arrived: the final ACK of all of them is right, and nothing else is said but the TF600 of the last ACK's answer.
      const errors = diagnosticsWith(shapes.labelled(300, reverse), DEFAULT_CHECK_SETTINGS).filter((d) => d.severity === 'error');
      assert.deepEqual(
        errors.map((d) => `${d.code} ${d.range.start.line}`),
        [],
      );
    }
  });

  it('a lost segment, thousands queued behind it, then the retransmission fills the gap', () => {
    const g = growth(shapes.reassembly, 2000, (t) => diagnosticsWith(t, DEFAULT_CHECK_SETTINGS));
    assert.ok(g.ratio < LINEAR, growthMessage(g));
    const d = diagnosticsWith(shapes.reassembly(500), DEFAULT_CHECK_SETTINGS);
    assert.deepEqual(
      d.filter((x) => x.severity === 'error').map((x) => x.code),
      [],
      'the ACK of every octet is the right one once the gap is filled',
    );
  });

  it('SACK blocks checked against a long reassembly queue', () => {
    // Every segment after the lost one is answered with a duplicate ACK whose SACK block covers all queued so far.
    const sacked = (n: number): string =>
      [
        'client C',
        'server S',
        'C -> S: SYN seq=999 wscale=7 sackOK',
        'S -> C: SYN ACK seq=5000 ack=1000 win=65535 wscale=7 sackOK',
        'C -> S: ACK seq=1000 ack=5001 win=65535',
        'S -> C: ACK seq=5001 ack=1000 win=65535',
        data(0, '-x'),
        ...lines(n, (i) => `${data(i + 1)}\nS -> C: ACK seq=5001 ack=1000 sack=1001:${1002 + i}`),
      ].join('\n');
    const g = growth(sacked, 1000, (t) => diagnosticsWith(t, DEFAULT_CHECK_SETTINGS));
    assert.ok(g.ratio < LINEAR, growthMessage(g));
    const codes = diagnosticsWith(sacked(50), DEFAULT_CHECK_SETTINGS).map((d) => d.code);
    assert.ok(!codes.includes('TF415'), `every block covers data that arrived: ${codes.join(' ')}`);
  });

  it('arrivals of labels nobody sent, among thousands of labels ("did you mean" weighs a bounded few)', () => {
    const g = growth(shapes.unknownArrivals, 1000, (t) => diagnosticsWith(t, DEFAULT_CHECK_SETTINGS));
    assert.ok(g.ratio < LINEAR, growthMessage(g));
    // Each still gets its suggestion: the label with the same number, however far back it was sent.
    const tf302 = diagnosticsWith(shapes.unknownArrivals(2000), DEFAULT_CHECK_SETTINGS).filter((d) => d.code === 'TF302');
    assert.equal(tf302.length, 2000);
    for (const i of [0, 7, 1234, 1999]) assert.match(messageOf(tf302[i]!), new RegExp(`Did you mean 'd${i}'\\?`));
  });

  it('`reuses` of connections nobody started, among thousands of connections', () => {
    const g = growth(shapes.unknownReuses, 1000, (t) => diagnosticsWith(t, DEFAULT_CHECK_SETTINGS));
    assert.ok(g.ratio < LINEAR, growthMessage(g));
    const tf123 = check(shapes.unknownReuses(300)).diagnostics.filter((d) => d.code === 'TF123');
    assert.equal(tf123.length, 300);
    assert.ok(
      tf123.every((d, i) => messageOf(d).includes(`Did you mean 'c${i}'?`)),
      messageOf(tf123[0]!),
    );
  });

  it('waits while thousands of connections sit in TIME_WAIT', () => {
    const g = growth(shapes.timeWaits, 500, (t) => diagnosticsWith(t, DEFAULT_CHECK_SETTINGS));
    assert.ok(g.ratio < LINEAR, growthMessage(g));
    // Linux's TIME_WAIT is 60 s: half of it later every client is still there, all of it later none is.
    const half = check(`${shapes.timeWaits(20)}\nwait 30s\nconnection c3\nC is TIME_WAIT`);
    assert.deepEqual(
      half.diagnostics.filter((d) => d.code === 'TF500').map((d) => messageOf(d)),
      [],
    );
    const r = check(`${shapes.timeWaits(20)}\nwait 30s\nconnection c3\nwait 30s\nC is CLOSED\nconnection c7\nC is CLOSED`);
    assert.deepEqual(
      r.diagnostics.filter((d) => d.code === 'TF500').map((d) => messageOf(d)),
      [],
    );
    const last = r.simulation.steps.filter((s) => s.stmt.kind === 'wait').at(-1)!;
    assert.deepEqual(
      last.changes.map((c) => `${c.name} ${c.from}→${c.to} ${c.connection ?? '(here)'}`),
      [
        'C TIME_WAIT→CLOSED (here)',
        ...Array.from({ length: 20 }, (_, i) => i)
          .filter((i) => i !== 3)
          .map((i) => `C TIME_WAIT→CLOSED c${i}`),
      ],
    );
  });

  it('thousands of unnamed sequence numbers (each needs a fresh name)', () => {
    const g = growth(shapes.freshNames, 1000, (t) => checkWith(t, DEFAULT_CHECK_SETTINGS));
    assert.ok(g.ratio < LINEAR, growthMessage(g));
  });

  it('render --format markdown of a note with thousands of blocks: one pass, every block replaced', () => {
    const g = growth(shapes.note, 2000, (t) => replaceTcpflowBlocks(t, () => 'sequenceDiagram'));
    assert.ok(g.ratio < LINEAR, growthMessage(g));
    const out = replaceTcpflowBlocks(shapes.note(3), (c) => `sequenceDiagram\n%% ${c.split('\n').length} lines`);
    assert.equal(out.match(/```mermaid\nsequenceDiagram\n%% 3 lines\n```/g)?.length, 3);
    assert.doesNotMatch(out, /tcpflow/);
  });
});
