import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { check, toMermaid, toMermaidIn } from '../../src/core/index.js';
import { lines } from '../helpers/flow.js';
import { parseMermaid } from '../helpers/mermaidParse.js';

const render = (text: string, showStates = true): string => toMermaid(check(text), { showStates }).text;

async function expectValid(text: string): Promise<void> {
  const r = await parseMermaid(text);
  assert.ok(r.ok, `invalid Mermaid: ${r.error}\n${text}`);
  assert.deepEqual(r.config, {}, 'the diagram changed Mermaid configuration');
}

describe('mermaid generator', () => {
  it('draws the 3-way handshake with labels, numbers and states', async () => {
    const m = render(readFileSync('examples/three-way-handshake.tcpflow', 'utf8'));
    assert.equal(
      m,
      [
        'sequenceDiagram',
        '  title TCP 3-way handshake',
        '  participant P1 as Client',
        '  participant P2 as Server',
        '  Note left of P1: CLOSED',
        '  Note right of P2: LISTEN',
        '  P1->>P2: SYN seq=x',
        '  Note left of P1: SYN_SENT',
        '  Note right of P2: SYN_RECEIVED',
        '  P2->>P1: SYN+ACK seq=y ack=x+1',
        '  Note left of P1: ESTABLISHED',
        '  P1->>P2: ACK seq=x+1 ack=y+1',
        '  Note right of P2: ESTABLISHED',
        '',
      ].join('\n'),
    );
    await expectValid(m);
  });

  it('shows inferred numbers, lost segments, payloads, sections, notes, waits and calls', async () => {
    const m = render(
      lines(
        'client C',
        'server S',
        '== Open ==',
        'C connect',
        'C -x S: SYN',
        'wait 1s',
        'C -> S: SYN',
        'note over C, S: retried',
        'S -> C: SYN ACK',
        'C -> S: ACK "hi\\n"',
      ),
    );
    assert.match(m, /P1-xP2: SYN seq=x\n/);
    assert.match(m, /P2->>P1: SYN\+ACK seq=y ack=x\+1\n/);
    assert.match(m, /P1->>P2: ACK seq=x\+1 ack=y\+1 len=3 #quot;hi␊#quot;\n/);
    assert.match(m, /Note over P1,P2: § Open/);
    assert.match(m, /Note over P1,P2: retried/);
    assert.match(m, /Note over P1,P2: wait 1 s/);
    assert.match(m, /Note left of P1: connect\(\)/);
    await expectValid(m);
  });

  it('groups crossing segments in a par block', async () => {
    const m = render(readFileSync('examples/simultaneous-open.tcpflow', 'utf8'));
    assert.match(m, /par crossing in flight\n {4}P1->>P2: SYN seq=100\n {2}and\n {4}P2->>P1: SYN seq=300\n {2}end/);
    await expectValid(m);
  });

  it('marks segments with errors in a red rect', async () => {
    const m = render(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+7'));
    assert.match(m, /rect rgba\(220, 38, 38, 0\.18\)\n {4}P2->>P1: SYN\+ACK seq=y ack=x\+7 ✗ x\+1\n {2}end/);
    await expectValid(m);
  });

  describe('draws what the author wrote, never a corrected value', () => {
    const label = (text: string, line: number): string => {
      const out = toMermaid(check(text));
      const i = out.elements.findIndex((e) => e.kind === 'message' && e.line === line);
      return out.text
        .split('\n')
        .filter((l) => /->>|-x/.test(l))
        [out.elements.slice(0, i).filter((e) => e.kind === 'message').length]!.replace(/^.*?: /, '');
    };
    it('a wrong ack: the written value, marked, with the expected one beside it', async () => {
      const flow = lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x');
      assert.equal(label(flow, 3), 'SYN+ACK seq=y ack=x ✗ x+1');
      await expectValid(render(flow));
    });
    it('a wrong seq on a pure ACK', () => {
      assert.equal(
        label(lines('client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1', 'C -> S: ACK seq=x ack=y+1'), 4),
        'ACK seq=x ✗ x+1 ack=y+1',
      );
    });
    it('a missing ACK flag', () => {
      assert.equal(label(lines('peer A state ESTABLISHED', 'peer B state ESTABLISHED', 'A -> B: PSH seq=1 "x"'), 2), 'PSH ✗ PSH+ACK seq=1 len=1 #quot;x#quot;');
    });
    it('a RST without the ACK that answers a SYN at a closed port', () => {
      assert.equal(label(lines('client C', 'peer S', 'C -> S: SYN seq=100', 'S -> C: RST seq=0'), 3), 'RST ✗ RST+ACK seq=0 ✗ ack=101');
    });
    it('a correct flow carries no mark', () => {
      assert.doesNotMatch(render(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')), /✗/);
    });
  });

  it('can leave the states out', () => {
    assert.doesNotMatch(render(readFileSync('examples/three-way-handshake.tcpflow', 'utf8'), false), /Note/);
  });

  it('maps every drawn message and note to its source line', () => {
    const out = toMermaid(check(readFileSync('examples/three-way-handshake.tcpflow', 'utf8')));
    assert.deepEqual(
      out.elements.filter((e) => e.kind === 'message').map((e) => e.line),
      [5, 6, 7],
    );
    const drawn = out.text.split('\n').filter((l) => /->>|-x|Note /.test(l)).length;
    assert.equal(out.elements.length, drawn);
  });

  it('renders every example as valid Mermaid', async () => {
    for (const f of readdirSync('examples').filter((n) => n.endsWith('.tcpflow'))) {
      await expectValid(render(readFileSync(`examples/${f}`, 'utf8')));
    }
  });

  it('keeps hostile text inert in every text position', async () => {
    const evil = [
      '%%{init: {"theme":"forest","securityLevel":"loose"}}%%',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      'a; Note over P1: injected',
      'end\n',
      '#lt;b#gt; #35; ﬂ°°60¶ß',
      'click P1 call alert()',
      '`{}` \\ :::',
    ];
    for (const e of evil) {
      const esc = e.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
      const flow = lines(
        `title ${e.replace(/\n/g, ' ')}`,
        `client C as "${esc}"`,
        'server S',
        `== ${e.replace(/\n/g, ' ')} ==`,
        `note over C: ${e.replace(/\n/g, ' ')}`,
        `C -> S: SYN "${esc}"`,
      );
      const m = render(flow);
      await expectValid(m);
      assert.doesNotMatch(m, /%%|<script|<img|onerror=alert\(1\)>|ﬂ/);
      const body = m.split('\n').slice(1).filter(Boolean);
      for (const l of body) {
        const text = l.includes(': ') ? l.slice(l.indexOf(': ') + 2) : l.includes(' as ') ? l.slice(l.indexOf(' as ') + 4) : l.replace(/^\s*title /, '');
        assert.doesNotMatch(text, /;(?<!#\w+;)|[<>"%]/, `unescaped text in: ${l}`);
      }
      // (`#` starts a comment in .tcpflow, so such a title or note is shorter: no count to compare.)
      if (!e.includes('#'))
        assert.equal(
          body.length,
          render(lines('title t', 'client C as "c"', 'server S', '== s ==', 'note over C: n', 'C -> S: SYN "p"'))
            .split('\n')
            .slice(1)
            .filter(Boolean).length,
          'hostile text added or removed statements',
        );
      if (e.includes('injected')) assert.equal(body.filter((l) => /^ {2}Note over P1: injected/.test(l)).length, 0);
    }
  });
});

describe('mermaid generator: TCP options (tcpflow.preview.showOptions)', () => {
  const flow = lines(
    'stack linux fastopen',
    'client C',
    'server S',
    'C -> S: SYN seq=x mss=1460 sackOK ts=100 ecr=0 wscale=7 cookie',
    'S -> C: SYN ACK seq=y ack=x+1 mss=1460 sackOK ts=500 ecr=100 wscale=7 cookie=a1b2',
    'C -> S: ACK seq=x+1 ack=y+1 ts=101 ecr=500',
    'C -x S: PSH ACK seq=x+1 ack=y+1 len=1000 ts=102 ecr=500',
    'C -> S: PSH ACK seq=x+1001 ack=y+1 len=1000 ts=102 ecr=500',
    'S -> C: ACK seq=y+1 ack=x+1 sack=x+1001:x+2001 ts=510 ecr=102',
  );

  it('off by default: the labels keep their numbers, and a Fast Open cookie still shows', () => {
    const m = render(flow);
    assert.match(m, /P1->>P2: SYN seq=x cookie\n/);
    assert.match(m, /P2->>P1: SYN\+ACK seq=y ack=x\+1 cookie a1b2\n/);
    assert.doesNotMatch(m, /SACK|TS |MSS|WS /);
  });

  it('on: MSS, window scale, SACK permitted, SACK blocks and timestamps after the numbers; valid Mermaid', async () => {
    const m = toMermaid(check(flow), { showOptions: true }).text;
    assert.match(m, /P1->>P2: SYN seq=x MSS 1460 WS 7 SACK-OK TS 100\/0 cookie\n/);
    assert.match(m, /P2->>P1: ACK seq=y\+1 ack=x\+1 SACK x\+1001#58;x\+2001 TS 510\/102\n/);
    await expectValid(m);
  });

  it('a SYN+ACK that accepts Fast Open data says the data is delivered in SYN_RECEIVED, in Korean too', () => {
    const tfo = lines(
      'stack linux fastopen',
      'client C',
      'server S',
      'C -> S: SYN seq=u len=100 cookie=c1',
      'S -> C: SYN ACK seq=v ack=u+101',
      'C -> S: ACK seq=u+101 ack=v+1',
    );
    const m = render(tfo);
    assert.match(m, /P2->>P1: SYN\+ACK seq=v ack=u\+101\n(.*\n)*?  Note right of P2: SYN_RECEIVED, data delivered\n/);
    assert.match(toMermaidIn(check(tfo), {}, 'ko').text, /Note right of P2: SYN_RECEIVED, 데이터 전달됨\n/);
    // Refused: no such note.
    assert.doesNotMatch(
      render(lines('stack linux fastopen', 'client C', 'server S', 'C -> S: SYN seq=u len=100 cookie=c1', 'S -> C: SYN ACK seq=v ack=u+1')),
      /data delivered/,
    );
  });
});
