/**
 * TCP options against the RFCs' words and what Linux sends: SACK (RFC 2018, D-SACK RFC 2883),
 * timestamps and window scale (RFC 7323). Each test is a flow a user writes (or the importer
 * writes from a capture) and the verdict they see.
 */
import assert from 'node:assert/strict';
import { messageOf } from '../../src/core/index.js';
import { codes, expectClean, expectProblems, lines, run } from '../helpers/flow.js';

/** A Linux handshake with every option, as `tcpdump` shows a fresh Linux 6.x connect(). */
const LINUX_HS = [
  'stack linux',
  'client C',
  'server S',
  'C -> S: SYN seq=x win=64240 mss=1460 sackOK ts=1000 ecr=0 wscale=7',
  'S -> C: SYN ACK seq=y ack=x+1 win=65160 mss=1460 sackOK ts=5000 ecr=1000 wscale=7',
  'C -> S: ACK seq=x+1 ack=y+1 win=502 ts=1001 ecr=5000',
];

describe('TCP options: the language', () => {
  it('sackOK and cookie are bare words in any case and any place among flags and fields', () => {
    for (const l of ['C -> S: SYN sackOK seq=x', 'C -> S: SYN seq=x sackOK', 'C -> S: sackok SYN seq=x', 'C -> S: SYN SACKOK seq=x']) {
      const r = run(lines('client C', 'server S', l));
      assert.deepEqual(codes(r, ['error', 'warning']), [], l);
      const seg = r.document.statements.find((s) => s.kind === 'segment');
      assert.ok(seg?.kind === 'segment' && seg.fields.some((f) => f.name === 'sackOK' && f.bare), l);
    }
  });

  it('reads sack blocks, timestamps and cookies; malformed values are TF103', () => {
    const r = run(lines(...LINUX_HS, 'S -> C: ACK seq=y+1 ack=x+1 sack=x+1001:x+2001,x+3001:x+4001 ts=5001 ecr=1001'));
    const seg = r.document.statements.at(-1);
    assert.ok(seg?.kind === 'segment');
    const sack = seg.fields.find((f) => f.name === 'sack');
    assert.deepEqual(
      sack?.blocks?.map((b) => [b.left.symbol?.text, b.left.offset, b.right.offset]),
      [
        ['x', 1001, 2001],
        ['x', 3001, 4001],
      ],
    );
    for (const bad of ['sack=x+1', 'sack=', 'ts=4294967296', 'ts=x', 'cookie=']) {
      assert.ok(codes(run(lines('client C', 'server S', `C -> S: SYN seq=x ${bad}`))).includes('TF103@3'), bad);
    }
    const cookie = run('C -> S: SYN seq=x cookie=0a1b2c3d4e5f6071').document.statements[0];
    assert.ok(cookie?.kind === 'segment' && cookie.fields.find((f) => f.name === 'cookie')?.cookie === '0a1b2c3d4e5f6071');
  });

  it('wscale=15 is an error (RFC 7323 §2.3), and the receiver uses 14', () => {
    const r = run(lines('client C', 'server S', 'C -> S: SYN seq=x wscale=15', 'S -> C: SYN ACK seq=y ack=x+1 wscale=7', 'C -> S: ACK seq=x+1 ack=y+1 win=2'));
    assert.deepEqual(codes(r, ['error']), ['TF103@3']);
    assert.match(messageOf(r.diagnostics.find((d) => d.code === 'TF103')!), /RFC 7323 §2\.3/);
    assert.equal(r.simulation.final['C']!.rcvWnd, 2 * 2 ** 14);
  });
});

describe('RFC 2018: SACK', () => {
  const lossy = [
    ...LINUX_HS,
    'C -> S: PSH ACK seq=x+1 ack=y+1 len=1000 ts=1002 ecr=5000',
    'C -x S: PSH ACK seq=x+1001 ack=y+1 len=1000 ts=1002 ecr=5000',
    'C -> S: PSH ACK seq=x+2001 ack=y+1 len=1000 ts=1002 ecr=5000',
  ];

  it('a block of data held out of order above RCV.NXT is clean; one of data never received is an error (§3, §4)', () => {
    expectClean(lines(...lossy, 'S -> C: ACK seq=y+1 ack=x+1001 sack=x+2001:x+3001 ts=5010 ecr=1002'));
    const r = expectProblems(lines(...lossy, 'S -> C: ACK seq=y+1 ack=x+1001 sack=x+2001:x+4001 ts=5010 ecr=1002'), ['TF415@10']);
    assert.match(messageOf(r.diagnostics.find((d) => d.code === 'TF415')!), /x\+3001…x\+4001/);
    // The hole itself (lost: never received) cannot be SACKed.
    expectProblems(lines(...lossy, 'S -> C: ACK seq=y+1 ack=x+1001 sack=x+1001:x+2001,x+2001:x+3001 ts=5010 ecr=1002'), ['TF415@10']);
  });

  it('two holes: blocks for both held stretches, most recent first, as Linux sends them', () => {
    expectClean(
      lines(
        ...lossy,
        'S -> C: ACK seq=y+1 ack=x+1001 sack=x+2001:x+3001 ts=5010 ecr=1002',
        'C -x S: PSH ACK seq=x+3001 ack=y+1 len=1000 ts=1003 ecr=5000',
        'C -> S: PSH ACK seq=x+4001 ack=y+1 len=1000 ts=1003 ecr=5010',
        'S -> C: ACK seq=y+1 ack=x+1001 sack=x+4001:x+5001,x+2001:x+3001 ts=5011 ecr=1002',
        'C -> S: PSH ACK seq=x+1001 ack=y+1 len=1000 ts=1010 ecr=5011',
        'S -> C: ACK seq=y+1 ack=x+3001 sack=x+4001:x+5001 ts=5012 ecr=1010',
        'C -> S: PSH ACK seq=x+3001 ack=y+1 len=1000 ts=1011 ecr=5012',
        'S -> C: ACK seq=y+1 ack=x+5001 ts=5013 ecr=1011',
        // A spurious retransmission crosses that ACK: the receiver reports the duplicate with a D-SACK below the ack (RFC 2883 §4).
        '& C -> S: PSH ACK seq=x+3001 ack=y+1 len=1000 ts=1300 ecr=5012',
        'S -> C: ACK seq=y+1 ack=x+5001 sack=x+3001:x+4001 ts=5014 ecr=1011',
      ),
    );
  });

  it('a FIN after a gap is held too: Linux SACKs its sequence number (a lost-data capture)', () => {
    expectClean(
      lines(
        ...LINUX_HS,
        'C -x S: PSH ACK seq=x+1 ack=y+1 len=5 ts=1002 ecr=5000',
        'C -> S: FIN ACK seq=x+6 ack=y+1 ts=1002 ecr=5000',
        'S -> C: ACK seq=y+1 ack=x+1 sack=x+6:x+7 ts=5007 ecr=1001',
        'C -> S: PSH ACK seq=x+1 ack=y+1 len=5 ts=1016 ecr=5007',
        'S -> C: ACK seq=y+1 ack=x+7 ts=5019 ecr=1016',
      ),
    );
    expectProblems(
      lines(
        ...LINUX_HS,
        'C -x S: PSH ACK seq=x+1 ack=y+1 len=5 ts=1002 ecr=5000',
        'C -> S: FIN ACK seq=x+6 ack=y+1 ts=1002 ecr=5000',
        'S -> C: ACK seq=y+1 ack=x+1 sack=x+6:x+8 ts=5007 ecr=1001',
      ),
      ['TF415@9'],
    );
  });

  it('a D-SACK inside the second block is accepted (RFC 2883 §4.2); a first block that is neither is TF415', () => {
    const held = [
      ...lossy,
      'S -> C: ACK seq=y+1 ack=x+1001 sack=x+2001:x+3001 ts=5010 ecr=1002',
      'C -> S: PSH ACK seq=x+2001 ack=y+1 len=500 ts=1003 ecr=5010',
    ];
    expectClean(lines(...held, 'S -> C: ACK seq=y+1 ack=x+1001 sack=x+2001:x+2501,x+2001:x+3001 ts=5011 ecr=1003'));
    expectProblems(lines(...held, 'S -> C: ACK seq=y+1 ack=x+1001 sack=x+3001:x+3501,x+2001:x+3001 ts=5011 ecr=1003'), ['TF415@12']);
  });

  it('sack= needs sackOK on both SYNs (§2): a warning otherwise', () => {
    const noSackOk = lossy.map((l) => l.replace(' sackOK', ''));
    expectProblems(lines(...noSackOk, 'S -> C: ACK seq=y+1 ack=x+1001 sack=x+2001:x+3001 ts=5010 ecr=1002'), ['TF207@10']);
    const onlyClient = lossy.map((l, i) => (i === 4 ? l.replace(' sackOK', '') : l));
    expectProblems(lines(...onlyClient, 'S -> C: ACK seq=y+1 ack=x+1001 sack=x+2001:x+3001 ts=5010 ecr=1002'), ['TF207@10']);
  });

  it('at most 4 blocks, 3 beside the timestamps (§3: 40 octets of options)', () => {
    const r = run(lines(...lossy, 'S -> C: ACK seq=y+1 ack=x+1001 sack=x+2001:x+2101,x+2201:x+2301,x+2401:x+2501,x+2601:x+2701 ts=5010 ecr=1002'));
    assert.deepEqual(codes(r, ['error']), ['TF208@10']);
    const noTs = run(
      lines(
        'client C raw',
        'server S state ESTABLISHED',
        'C -> S: ACK seq=1000 len=100',
        ...[1200, 1400, 1600, 1800, 2000].map((n) => `C -> S: ACK seq=${n} len=100`),
        'S -> C: ACK ack=1100 sack=1200:1300,1400:1500,1600:1700,1800:1900',
      ),
    );
    assert.deepEqual(codes(noTs, ['error', 'warning']), []);
    const five = run(
      lines(
        'client C raw',
        'server S state ESTABLISHED',
        'C -> S: ACK seq=1000 len=100',
        ...[1200, 1400, 1600, 1800, 2000].map((n) => `C -> S: ACK seq=${n} len=100`),
        'S -> C: ACK ack=1100 sack=1200:1300,1400:1500,1600:1700,1800:1900,2000:2100',
      ),
    );
    assert.deepEqual(codes(five, ['error', 'warning']), ['TF208@9']);
  });

  it('a reversed block is an error; sackOK on a segment that is no SYN is a warning', () => {
    expectProblems(lines(...lossy, 'S -> C: ACK seq=y+1 ack=x+1001 sack=x+3001:x+2001 ts=5010 ecr=1002'), ['TF416@10']);
    expectProblems(lines(...LINUX_HS, 'C -> S: ACK seq=x+1 ack=y+1 sackOK ts=1002 ecr=5000'), ['TF205@7']);
    expectProblems(lines(...LINUX_HS, 'C -> S: ACK seq=x+1 ack=y+1 wscale=7 ts=1002 ecr=5000'), ['TF205@7']);
  });
});

describe('RFC 7323: timestamps and window scale', () => {
  it('a Linux handshake with all options checks clean; the SYN says ecr=0 and the SYN+ACK echoes its TSval', () => {
    expectClean(lines(...LINUX_HS));
    expectProblems(lines('client C', 'server S', 'C -> S: SYN seq=x ts=1000 ecr=5'), ['TF419@3']);
    expectProblems(lines('client C', 'server S', 'C -> S: SYN seq=x ts=1000 ecr=0', 'S -> C: SYN ACK seq=y ack=x+1 ts=5000 ecr=999'), ['TF417@4']);
  });

  it('once both SYNs carried ts=, every segment but a RST carries it (§3.2)', () => {
    expectProblems(lines(...LINUX_HS, 'C -> S: PSH ACK seq=x+1 ack=y+1 len=10'), ['TF209@7']);
    // A RST may go without; a SYN without ts= means no timestamps at all.
    expectClean(lines(...LINUX_HS, 'C -> S: RST seq=x+1'));
    expectClean(lines('client C', 'server S', 'C -> S: SYN seq=x ts=1', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: ACK seq=x+1 ack=y+1'));
  });

  it('ecr echoes a TSval received: a delayed ACK may echo an older one, a value never sent is a warning (§4.3)', () => {
    const data = [...LINUX_HS, 'C -> S: PSH ACK seq=x+1 ack=y+1 len=10 ts=1002 ecr=5000', 'C -> S: PSH ACK seq=x+11 ack=y+1 len=10 ts=1003 ecr=5000'];
    expectClean(lines(...data, 'S -> C: ACK seq=y+1 ack=x+21 ts=5001 ecr=1002'));
    expectClean(lines(...data, 'S -> C: ACK seq=y+1 ack=x+21 ts=5001 ecr=1003'));
    expectProblems(lines(...data, 'S -> C: ACK seq=y+1 ack=x+21 ts=5001 ecr=1004'), ['TF417@9']);
    // A segment that was lost never delivered its TSval.
    expectProblems(lines(...LINUX_HS, 'C -x S: PSH ACK seq=x+1 ack=y+1 len=10 ts=1002 ecr=5000', 'S -> C: ACK seq=y+1 ack=x+1 ts=5001 ecr=1002'), ['TF417@8']);
  });

  it('a TSval never goes backwards; a retransmission carries a new one (§5.4)', () => {
    expectProblems(lines(...LINUX_HS, 'C -> S: PSH ACK seq=x+1 ack=y+1 len=10 ts=999 ecr=5000'), ['TF418@7']);
    expectClean(
      lines(
        ...LINUX_HS,
        'C -x S: PSH ACK seq=x+1 ack=y+1 len=10 "0123456789" ts=1002 ecr=5000',
        'C -> S: PSH ACK seq=x+1 ack=y+1 len=10 "0123456789" ts=1210 ecr=5000',
        'S -> C: ACK seq=y+1 ack=x+11 ts=5100 ecr=1210',
      ),
    );
    // The clock wraps around 2^32: 4294967295 → 3 is forwards.
    expectClean(
      lines(
        'client C',
        'server S',
        'C -> S: SYN seq=x ts=4294967295 ecr=0',
        'S -> C: SYN ACK seq=y ack=x+1 ts=7 ecr=4294967295',
        'C -> S: ACK seq=x+1 ack=y+1 ts=3 ecr=7',
      ),
    );
  });

  it('keep-alive probes and their answers check clean with timestamps (Linux: SND.NXT−1, a new TSval, the old echo)', () => {
    expectClean(
      lines(
        ...LINUX_HS,
        'C -> S: PSH ACK seq=x+1 ack=y+1 len=10 ts=1002 ecr=5000',
        'S -> C: ACK seq=y+1 ack=x+11 ts=5001 ecr=1002',
        'wait 75s',
        'C -> S: ACK seq=x+10 ack=y+1 ts=76000 ecr=5001',
        'S -> C: ACK seq=y+1 ack=x+11 ts=80000 ecr=1002',
        'C -> S: ACK seq=x+10 ack=y+1 ts=151000 ecr=80000',
      ),
    );
  });

  it('a SYN+ACK answers only the options the SYN offered (RFC 7323 §1.3, RFC 2018 §2)', () => {
    expectProblems(lines('client C', 'server S', 'C -> S: SYN seq=x mss=1460', 'S -> C: SYN ACK seq=y ack=x+1 sackOK ts=5 ecr=0 wscale=7'), [
      'TF206@4',
      'TF206@4',
      'TF206@4',
    ]);
  });

  it('ecr= without ts= is an error: the option carries both', () => {
    expectProblems(lines('client C', 'server S', 'C -> S: SYN seq=x ecr=0'), ['TF121@3']);
  });

  it('a flow that starts mid-connection cannot show what arrived before it: SACK blocks above RCV.NXT are accepted, blocks below it are not', () => {
    // As chrissanders' tcp_dupack capture imports: the capture starts with the receiver already holding data past a hole.
    expectClean(
      lines(
        'client C state ESTABLISHED',
        'server S state ESTABLISHED',
        'C -> S: ACK seq=x ack=y sack=y+5472:y+10944 ts=22247173 ecr=1332354',
        'S -x C: ACK seq=y ack=x len=10944',
        'S -> C: ACK seq=y+10944 ack=x len=1368 ts=1332355 ecr=22247164',
        'C -> S: ACK seq=x ack=y sack=y+5472:y+12312 ts=22247174 ecr=1332355',
      ),
    );
    expectProblems(
      lines(
        'client C state ESTABLISHED',
        'server S state ESTABLISHED',
        'S -> C: ACK seq=y ack=x len=100',
        'C -> S: ACK seq=x ack=y+100 sack=y+200:y+300,y+10:y+50',
      ),
      ['TF415@4'],
    );
  });

  it('a flow that starts mid-connection accepts older echoes, and warns of none it cannot judge', () => {
    expectClean(
      lines(
        'peer A state ESTABLISHED',
        'peer B state ESTABLISHED',
        'A -> B: ACK seq=1000 ack=5000 ts=300 ecr=70',
        'B -> A: ACK seq=5000 ack=1000 ts=80 ecr=300',
        'A -> B: ACK seq=1000 ack=5000 len=10 ts=301 ecr=75',
      ),
    );
  });
});
