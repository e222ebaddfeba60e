import assert from 'node:assert/strict';
import { check, messageOf, parse, toMermaid, toMermaidIn } from '../../src/core/index.js';
import { presentation } from '../../src/core/outputs/presentation.js';
import { applyEdits, codes, expectClean, expectProblems, lines, run } from '../helpers/flow.js';
import { parseMermaid } from '../helpers/mermaidParse.js';

/** One short HTTP-like exchange on connection `c<i>`: handshake, request, response, the client closes first. */
function shortConnection(i: number): string {
  const x = `x${i}`;
  const y = `y${i}`;
  return lines(
    `connection c${i} as "10.0.0.1:${40000 + i}"`,
    `C -> S: SYN seq=${x}`,
    `S -> C: SYN ACK seq=${y} ack=${x}+1`,
    `C -> S: ACK seq=${x}+1 ack=${y}+1`,
    `C -> S: PSH ACK seq=${x}+1 ack=${y}+1 "GET / HTTP/1.0\\r\\n\\r\\n"`,
    `S -> C: PSH ACK seq=${y}+1 ack=${x}+19 len=100`,
    `C -> S: FIN ACK seq=${x}+19 ack=${y}+101`,
    `S -> C: FIN ACK seq=${y}+101 ack=${x}+20`,
    `C -> S: ACK seq=${x}+20 ack=${y}+102`,
    'C is TIME_WAIT',
    'S is CLOSED',
  );
}

const HOSTS = lines('client C as "10.0.0.1"', 'server S as "10.0.0.2:80"');

/** The server closes first (it ends in TIME_WAIT, the client CLOSED): the usual HTTP/1.0 server. */
const SERVER_CLOSES = lines(
  'connection c1 as "10.0.0.1:40000"',
  'C -> S: SYN seq=x',
  'S -> C: SYN ACK seq=y ack=x+1',
  'C -> S: ACK seq=x+1 ack=y+1',
  'S -> C: FIN ACK seq=y+1 ack=x+1',
  'C -> S: FIN ACK seq=x+1 ack=y+2',
  'S -> C: ACK seq=y+2 ack=x+2',
  'S is TIME_WAIT',
  'C is CLOSED',
);

describe('connection: parsing', () => {
  it('reads a name, an optional label and an optional reuses, in either order', () => {
    const { document, diagnostics } = parse(lines('connection c1 as "10.0.0.1:40000"', 'connection c2 reuses c1 as "x"', 'connection c3'));
    assert.deepEqual(diagnostics, []);
    const got = document.statements.map((s) => (s.kind === 'connection' ? [s.name.text, s.label?.value, s.reuses?.text] : []));
    assert.deepEqual(got, [
      ['c1', '10.0.0.1:40000', undefined],
      ['c2', 'x', 'c1'],
      ['c3', undefined, undefined],
    ]);
  });

  it('says what is missing or extra on a connection line', () => {
    expectProblems(lines('client C', 'server S', 'connection'), ['TF108@3']);
    expectProblems(lines('client C', 'server S', 'connection c1 reuses'), ['TF108@3']);
    expectProblems(lines('client C', 'server S', 'connection c1 port 40000'), ['TF108@3']);
  });

  it('keeps a participant named connection: its claims, calls and segments mean what they did', () => {
    expectClean(lines('client connection', 'server S', 'connection -> S: SYN', 'connection is SYN_SENT', 'S -> connection: SYN ACK', 'connection -> S: ACK'));
    expectClean(lines('client C', 'server connection', 'connection listen'));
  });
});

describe('connection: one flow, several connections', () => {
  it('checks twenty short connections to one listener clean under linux, each client ending in TIME_WAIT', () => {
    const text = lines('stack linux', HOSTS, ...Array.from({ length: 20 }, (_, i) => shortConnection(i + 1)));
    const r = expectClean(text);
    const conns = r.simulation.connections;
    assert.equal(conns.length, 20);
    assert.deepEqual(
      conns.map((c) => [c.name, c.label, c.final['C']?.state, c.final['S']?.state]),
      Array.from({ length: 20 }, (_, i) => [`c${i + 1}`, `10.0.0.1:${40001 + i}`, 'TIME_WAIT', 'CLOSED']),
    );
  });

  it('starts every connection with the server in LISTEN: its listener is never used up', () => {
    const r = expectClean(lines(HOSTS, shortConnection(1), 'connection c2', 'S is LISTEN', 'C is CLOSED', 'C -> S: SYN seq=u', 'S is SYN_RECEIVED'), {
      stack: 'linux',
    });
    assert.equal(r.simulation.connections[1]!.final['S']!.state, 'SYN_RECEIVED');
  });

  it('judges segments, calls and claims in the current connection while several are open at once', () => {
    const text = lines(
      'stack linux',
      HOSTS,
      'connection c1',
      'C -> S: SYN seq=x',
      'S -> C: SYN ACK seq=y ack=x+1',
      'connection c2',
      'C -> S: SYN seq=u',
      'connection c1',
      'C -> S: ACK seq=x+1 ack=y+1',
      'C is ESTABLISHED',
      'connection c2',
      'C is SYN_SENT',
      'S -> C: SYN ACK seq=v ack=u+1',
      'C -> S: ACK seq=u+1 ack=v+1',
      'connection c1',
      'C -> S: PSH ACK seq=x+1 ack=y+1 "hi"',
      'connection c2',
      'C -> S: PSH ACK seq=u+1 ack=v+1 "there"',
      'S -> C: ACK seq=v+1 ack=u+6',
      'connection c1',
      'S -> C: ACK seq=y+1 ack=x+3',
      'C close',
      'C -> S: FIN ACK seq=x+3 ack=y+1',
      'connection c2',
      'C is ESTABLISHED',
      'S is ESTABLISHED',
    );
    const r = run(text);
    assert.deepEqual(codes(r, ['error', 'warning']), [], r.diagnostics.map((d) => messageOf(d)).join('\n'));
    const [c1, c2] = r.simulation.connections;
    assert.equal(c1!.final['C']!.state, 'FIN_WAIT_1');
    assert.equal(c2!.final['C']!.state, 'ESTABLISHED');
  });

  it('judges a segment against its own connection: an ack of the other connection is wrong', () => {
    // c2's handshake acknowledges c1's ISN: the server of c2 sent 9000, not 5000.
    const text = lines(
      HOSTS,
      'connection c1',
      'C -> S: SYN seq=1000',
      'S -> C: SYN ACK seq=5000 ack=1001',
      'connection c2',
      'C -> S: SYN seq=2000',
      'S -> C: SYN ACK seq=9000 ack=2001',
      'C -> S: ACK seq=2001 ack=5001',
    );
    const r = run(text);
    assert.ok(
      codes(r, ['error']).some((c) => c.endsWith('@9')),
      codes(r).join(' '),
    );
  });

  it('says a wrong state claim about the current connection, not another one', () => {
    const text = lines(
      HOSTS,
      'connection c1',
      'C -> S: SYN seq=x',
      'S -> C: SYN ACK seq=y ack=x+1',
      'C -> S: ACK seq=x+1 ack=y+1',
      'connection c2',
      'C is ESTABLISHED',
    );
    const r = expectProblems(text, ['TF500@8']);
    assert.match(messageOf(r.diagnostics.find((d) => d.code === 'TF500')!), /C is CLOSED here, not ESTABLISHED/);
  });

  it('runs every connection’s TIME_WAIT down during a wait, and says so only for the current one', () => {
    const text = lines(
      'stack linux',
      HOSTS,
      shortConnection(1),
      'connection c2',
      'C -> S: SYN seq=u',
      'S -> C: SYN ACK seq=v ack=u+1',
      'C -> S: ACK seq=u+1 ack=v+1',
      'wait 60s',
      'connection c1',
      'C is CLOSED',
    );
    const r = expectClean(text);
    const waitStep = r.simulation.steps.find((s) => s.stmt.kind === 'wait')!;
    assert.deepEqual(waitStep.changes, [{ name: 'C', from: 'TIME_WAIT', to: 'CLOSED', connection: 'c1' }]);
    assert.equal(r.simulation.connections[0]!.final['C']!.state, 'CLOSED');
    // Half the time: c1's client is still in TIME_WAIT, and no TF703 names it from c2.
    const half = run(lines('stack linux', HOSTS, shortConnection(1), 'connection c2', 'wait 30s', 'connection c1', 'C is TIME_WAIT'));
    assert.deepEqual(codes(half), []);
  });

  it('keeps a flow without connection lines one unnamed connection', () => {
    const r = expectClean(lines('client C', 'server S', 'C -> S: SYN', 'S -> C: SYN ACK', 'C -> S: ACK'));
    assert.deepEqual(
      r.simulation.connections.map((c) => c.name),
      [''],
    );
    assert.ok(r.simulation.steps.every((s) => s.connection === ''));
  });

  it('gives the first connection the declared starting states, and later ones their role’s', () => {
    const text = lines(
      'client C state ESTABLISHED',
      'server S state ESTABLISHED',
      'connection old',
      'C -> S: FIN ACK',
      'connection c2',
      'C is CLOSED',
      'S is LISTEN',
    );
    const r = run(text);
    assert.deepEqual(codes(r, ['error', 'warning']), []);
    assert.equal(r.simulation.connections[0]!.final['C']!.state, 'FIN_WAIT_1');
  });
});

describe('connection: errors', () => {
  it('TF125: a segment before the first connection line of a flow that has them; the fix starts one', () => {
    const text = lines(HOSTS, 'C -> S: SYN seq=x', 'connection c2', 'C -> S: SYN seq=u');
    const r = expectProblems(text, ['TF125@3']);
    const fix = r.diagnostics.find((d) => d.code === 'TF125')!.fixes[0]!;
    expectClean(applyEdits(text, fix.edits));
  });

  it('TF124: a label or reuses on a return; the fix keeps the name', () => {
    const text = lines(
      HOSTS,
      'connection c1 as "a"',
      'C -> S: SYN seq=x',
      'connection c2',
      'connection c1 as "a"',
      'S -> C: SYN ACK seq=y ack=x+1',
      'C -> S: ACK seq=x+1 ack=y+1',
    );
    const r = expectProblems(text, ['TF124@6']);
    expectClean(applyEdits(text, r.diagnostics.find((d) => d.code === 'TF124')!.fixes[0]!.edits));
  });

  it('TF123: reuses of an unknown connection, with the nearest name offered', () => {
    const text = lines('stack linux', HOSTS, SERVER_CLOSES, 'connection c2 reuses c0', 'C -> S: SYN seq=x+100000');
    const r = expectProblems(text, ['TF123@13']);
    const d = r.diagnostics.find((x) => x.code === 'TF123')!;
    assert.equal(applyEdits(text, d.fixes[0]!.edits).split('\n')[12], 'connection c2 reuses c1');
  });

  it('TF210: reuses of a connection still open, naming who is open and in which state', () => {
    const text = lines(
      'stack linux',
      HOSTS,
      'connection c1',
      'C -> S: SYN seq=x',
      'S -> C: SYN ACK seq=y ack=x+1',
      'C -> S: ACK seq=x+1 ack=y+1',
      'connection c2 reuses c1',
      'C -> S: SYN seq=u',
    );
    const r = expectProblems(text, ['TF210@8']);
    assert.match(messageOf(r.diagnostics[0]!), /'c2' cannot reuse c1's four-tuple: C is still ESTABLISHED there/);
    assert.match(messageOf(r.diagnostics[0]!, 'ko'), /C가 그 연결에서 아직 ESTABLISHED 상태/);
    const fixed = applyEdits(text, r.diagnostics[0]!.fixes[0]!.edits);
    assert.equal(fixed.split('\n')[7], 'connection c2');
    expectClean(fixed);
  });

  it('TF211 and TF212: a four-tuple reused once belongs to the new connection', () => {
    const base = lines(
      'stack linux',
      HOSTS,
      SERVER_CLOSES,
      'connection c2 reuses c1',
      'C -> S: SYN seq=x+100000',
      'S -> C: SYN ACK seq=z ack=x+100001',
      'C -> S: ACK seq=x+100001 ack=z+1',
    );
    expectClean(base);
    expectProblems(lines(base, 'connection c3 reuses c1'), ['TF211@17']);
    expectProblems(lines(base, 'connection c1'), ['TF212@17']);
  });
});

describe('connection: reusing a TIME_WAIT four-tuple', () => {
  const REUSE = lines(
    HOSTS,
    SERVER_CLOSES,
    'connection c2 as "10.0.0.1:40000" reuses c1',
    'S is TIME_WAIT',
    'C -> S: SYN seq=x+100000',
    'S -> C: SYN ACK seq=z ack=x+100001',
    'C -> S: ACK seq=x+100001 ack=z+1',
    'S is ESTABLISHED',
    'C is ESTABLISHED',
  );

  for (const stack of ['linux', 'freebsd'] as const) {
    it(`${stack}: a SYN above the old connection's sequence space opens the new connection from TIME_WAIT`, () => {
      const r = expectClean(lines(`stack ${stack}`, REUSE));
      const [c1, c2] = r.simulation.connections;
      assert.equal(c1!.reusedBy?.name, 'c2');
      assert.equal(c1!.final['S']!.state, 'TIME_WAIT'); // as it was when c2 took the four-tuple over
      assert.equal(c2!.final['S']!.state, 'ESTABLISHED');
    });
  }

  it('linux: a SYN below the old RCV.NXT does not open one: TIME_WAIT answers with an ACK', () => {
    const text = lines('stack linux', HOSTS, SERVER_CLOSES, 'connection c2 reuses c1', 'C -> S: SYN seq=x-1000', 'S -> C: SYN ACK seq=z ack=x-999');
    const r = run(text);
    assert.ok(codes(r, ['error']).includes('TF300@15'), codes(r).join(' '));
  });

  it('linux and freebsd: a SYN exactly at the old RCV.NXT is not above it: no new connection', () => {
    // Linux answers it with an ACK of the old connection (tcp_timewait_state_process); FreeBSD drops it (tcp_twcheck: no ACK flag).
    const flow = (stack: string): string =>
      lines(`stack ${stack}`, HOSTS, SERVER_CLOSES, 'connection c2 reuses c1', 'C -> S: SYN seq=x+2', 'S -> C: SYN ACK seq=z ack=x+3');
    assert.deepEqual(codes(run(flow('linux')), ['error', 'warning']), ['TF300@15']);
    const bsd = run(flow('freebsd'));
    assert.deepEqual(codes(bsd, ['error', 'warning']), ['TF200@15']);
    assert.ok(codes(bsd).includes('TF301@14'), 'says the SYN was dropped');
  });

  it('once TIME_WAIT has run out (a wait of 2×MSL), the four-tuple is CLOSED and any SYN opens it', () => {
    const r = expectClean(
      lines(
        'stack linux',
        HOSTS,
        SERVER_CLOSES,
        'wait 60s',
        'S is CLOSED',
        'connection c2 reuses c1',
        'S is LISTEN',
        'C -> S: SYN seq=x-1000',
        'S -> C: SYN ACK seq=z ack=x-999',
        'C -> S: ACK seq=x-999 ack=z+1',
      ),
    );
    assert.equal(r.simulation.connections[1]!.final['S']!.state, 'ESTABLISHED');
  });

  it('rfc9293: a SYN in TIME_WAIT gets a challenge ACK (RFC 9293 §3.10.7.4, RFC 5961 §4), not a new connection', () => {
    const r = run(lines('stack rfc9293', REUSE));
    assert.ok(codes(r, ['error']).includes('TF300@16'), codes(r).join(' '));
    // What RFC 9293 does: TIME_WAIT answers with an ACK of the old connection, and the client (SYN_SENT) resets it, which ends TIME_WAIT.
    expectProblems(
      lines(
        'stack rfc9293',
        HOSTS,
        SERVER_CLOSES,
        'connection c2 reuses c1',
        'C -> S: SYN seq=x+100000',
        'S -> C: ACK seq=y+2 ack=x+2',
        'C -> S: RST seq=x+2',
        'S is CLOSED',
      ),
      [],
    );
  });

  it('a CLOSED end starts afresh: a server whose connection ended in CLOSED listens again', () => {
    const r = expectClean(lines('stack linux', HOSTS, shortConnection(1), 'connection c2 reuses c1', 'S is LISTEN', 'C is TIME_WAIT'));
    assert.equal(r.simulation.connections.length, 2);
  });

  it('linux: the client may open the four-tuple its own TIME_WAIT holds when it used timestamps (tcp_tw_reuse, tcp_twsk_unique); rfc9293 may not', () => {
    // The same connection with timestamps: each side's TSval counts up, its ecr echoes the peer's last one.
    let c = 100;
    let sv = 500;
    const stamped = shortConnection(1)
      .split('\n')
      .map((l) => (l.startsWith('C -> S') ? `${l} ts=${++c} ecr=${l.includes(' SYN ') ? 0 : sv}` : l.startsWith('S -> C') ? `${l} ts=${++sv} ecr=${c}` : l))
      .join('\n');
    const reopen = lines(
      HOSTS,
      stamped,
      'connection c2 reuses c1',
      'C -> S: SYN seq=u ts=5000 ecr=0',
      'S -> C: SYN ACK seq=v ack=u+1 ts=6000 ecr=5000',
      'C -> S: ACK seq=u+1 ack=v+1 ts=5001 ecr=6000',
    );
    expectClean(lines('stack linux', reopen));
    assert.ok(codes(run(lines('stack rfc9293', reopen)), ['error']).includes('TF200@16'));
    // Without timestamps Linux's connect() refuses the four-tuple (TF213).
    const plain = lines(
      HOSTS,
      shortConnection(1),
      'connection c2 reuses c1',
      'C -> S: SYN seq=u',
      'S -> C: SYN ACK seq=v ack=u+1',
      'C -> S: ACK seq=u+1 ack=v+1',
    );
    assert.deepEqual(codes(run(lines('stack linux', plain)), ['error']), ['TF213@16']);
  });
});

describe('connection: end of the flow', () => {
  it('TF600 per connection: names the connection, and its fix returns to it first', () => {
    const text = lines(
      HOSTS,
      'connection c1',
      'C -> S: SYN seq=x',
      'connection c2',
      'C -> S: SYN seq=u',
      'S -> C: SYN ACK seq=v ack=u+1',
      'C -> S: ACK seq=u+1 ack=v+1',
    );
    const r = run(text);
    const owed = r.diagnostics.filter((d) => d.code === 'TF600');
    assert.equal(owed.length, 1);
    assert.match(messageOf(owed[0]!), /S \(c1\) still owes/);
    assert.match(messageOf(owed[0]!, 'ko'), /S \(c1\)는/);
    const fixed = applyEdits(text, owed[0]!.fixes[0]!.edits);
    assert.deepEqual(fixed.split('\n').slice(-2), ['connection c1', 'S -> C: SYN ACK ack=x+1']);
    assert.deepEqual(codes(run(fixed), ['error', 'warning']), []);
  });

  it('TF601 points at the last line of its own connection', () => {
    const text = lines(
      HOSTS,
      'connection c1',
      'C -> S: SYN seq=x',
      'S -> C: SYN ACK seq=y ack=x+1',
      'C -> S: ACK seq=x+1 ack=y+1',
      'C -> S: PSH ACK seq=x+1 ack=y+1 "hello"',
      'connection c2',
      'C -> S: SYN seq=u',
      'S -> C: SYN ACK seq=v ack=u+1',
      'C -> S: ACK seq=u+1 ack=v+1',
    );
    const r = run(text);
    const d = r.diagnostics.filter((x) => x.code === 'TF601' || x.code === 'TF600');
    assert.deepEqual(
      d.map((x) => [x.code, x.range.start.line + 1]),
      [['TF600', 7]],
    );
  });
});

describe('connection: the diagram', () => {
  const TWO = lines(
    'stack linux',
    HOSTS,
    'connection c1 as "10.0.0.1:40000"',
    'C -> S: SYN seq=x',
    'S -> C: SYN ACK seq=y ack=x+1',
    'C -> S: ACK seq=x+1 ack=y+1',
    'connection c2',
    'C -> S: SYN seq=u',
    'connection c1',
    'C -> S: FIN ACK seq=x+1 ack=y+1',
    'S -> C: FIN ACK seq=y+1 ack=x+2',
    'C -> S: ACK seq=x+2 ack=y+2',
    'connection c2',
    'S -> C: SYN ACK seq=v ack=u+1',
    'C -> S: ACK seq=u+1 ack=v+1',
    'wait 60s',
  );

  it('draws one pair of lifelines, a band per stretch of a connection, arrows and states with its name', async () => {
    const m = toMermaid(check(TWO)).text;
    assert.equal((m.match(/participant /g) ?? []).length, 2);
    const bands = [...m.matchAll(/^ {2}rect (rgba\([^)]*\))$/gm)].map((x) => x[1]);
    assert.equal(bands.length, 4);
    assert.equal(bands[0], bands[2], 'c1 keeps its colour');
    assert.notEqual(bands[0], bands[1], 'c2 has another');
    assert.match(m, /Note over P1,P2: c1 \(10\.0\.0\.1#58;40000\)\n {2}P1->>P2: c1#58; SYN seq=x\n/);
    assert.match(m, /Note over P1,P2: c2\n {2}Note left of P1: c2#58; CLOSED\n {2}Note right of P2: c2#58; LISTEN\n {2}P1->>P2: c2#58; SYN seq=u/);
    assert.match(m, /Note left of P1: c1#58; TIME_WAIT/);
    // The wait in c2 ends c1's TIME_WAIT: the state note says whose it is.
    assert.match(m, /Note over P1,P2: wait 60 s\n {2}Note left of P1: c1#58; CLOSED\n {2}end\n$/);
    const parsed = await parseMermaid(m);
    assert.ok(parsed.ok, parsed.error);
  });

  it('draws a flow with one connection as before: no band, no prefix', () => {
    const m = toMermaid(check(lines(HOSTS, 'connection c1', 'C -> S: SYN seq=x'))).text;
    assert.doesNotMatch(m, /rect|c1/);
  });

  it('keeps the error band inside the connection band, and the Korean words after the prefix', async () => {
    const text = lines(HOSTS, 'connection c1', 'C -> S: SYN seq=x', 'connection c2', 'C -> S: SYN seq=u', 'S -> C: SYN ACK seq=v ack=u+5');
    const m = toMermaidIn(check(text), {}, 'ko').text;
    assert.match(m, /rect rgba\(220, 38, 38, 0\.18\)\n {4}P2->>P1: c2#58; SYN\+ACK seq=v ack=u\+5 ✗ u\+1\n {2}end\n {2}end\n$/);
    const parsed = await parseMermaid(m);
    assert.ok(parsed.ok, parsed.error);
    const noFlags = toMermaidIn(check(lines(HOSTS, 'connection c1', 'C -> S: SYN seq=x', 'connection c2', 'C -> S: SYM')), {}, 'ko').text;
    assert.doesNotMatch(noFlags, /no flags/);
  });

  it('present mode shows the current connection’s states at each step, and which connection it is', () => {
    const p = presentation(check(TWO));
    const fin = p.steps.find((s) => s.line === 10)!; // c1's FIN (lines are 0-based), while c2's client is in SYN_SENT
    assert.equal(fin.connection, 'c1');
    assert.equal(fin.before['C']!.state, 'ESTABLISHED');
    assert.equal(fin.after['C']!.state, 'FIN_WAIT_1');
    const synAck = p.steps.find((s) => s.line === 14)!;
    assert.equal(synAck.connection, 'c2');
    assert.equal(synAck.before['C']!.state, 'SYN_SENT');
  });
});
