/**
 * Property tests: random and mutated documents never make the checker throw, always give
 * valid Mermaid (real Mermaid's parser is the judge, and no text reaches its configuration),
 * and the cost grows linearly with the document (work counted, never timed).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { check, toMermaid } from '../../src/core/index.js';
import { parseMermaid } from '../helpers/mermaidParse.js';
import { growth, growthMessage } from '../helpers/work.js';

const word = fc.constantFrom(
  'A',
  'B',
  'C',
  'Client',
  'Server',
  'x',
  'y',
  'end',
  'note',
  'is',
  'title',
  'client',
  'server',
  'peer',
  'raw',
  'state',
  'as',
  'wait',
  'stack',
  'linux',
  'listen',
  'connect',
  'close',
  'abort',
  '클라',
  'over',
  'left',
  'of',
);
const flag = fc.constantFrom('SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'ECE', 'CWR', 'SYM', 'syn');
const state = fc.constantFrom(
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN-WAIT-2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
  'NOPE',
);
const value = fc.oneof(fc.nat({ max: 5000 }).map(String), fc.constantFrom('x', 'y', 'x+1', 'y+1', 'u-3', '4294967295', '4294967296', '='));
const field = fc.oneof(
  fc.tuple(fc.constantFrom('seq', 'ack', 'len', 'win', 'mss', 'wscale', 'sq', 'ts', 'ecr', 'cookie', 'sack'), value).map(([k, v]) => `${k}=${v}`),
  fc.tuple(value, value, fc.option(fc.tuple(value, value))).map(([a, b, c]) => `sack=${a}:${b}${c ? `,${c[0]}:${c[1]}` : ''}`),
  fc.constantFrom('sackOK', 'cookie', 'SACKOK', 'cookie=0a1b', 'sack=x+1:', 'ts=1 ecr=0'),
);
const junk = fc.string({
  maxLength: 12,
  unit: fc.constantFrom('"', '\\', '#', '%', '{', '}', ';', '<', '>', ':', '-', 'x', '&', '=', '+', ' ', '\t', 'é', '😀', '/'),
});
const segment = fc
  .tuple(
    fc.constantFrom('', '& '),
    word,
    fc.constantFrom(' -> ', ' -x ', ' > ', ' '),
    word,
    fc.constantFrom(': ', ' ', ':'),
    fc.array(flag, { maxLength: 3 }),
    fc.array(field, { maxLength: 3 }),
    fc.option(junk),
  )
  .map(
    ([amp, a, arrow, b, colon, flags, fields, payload]) =>
      `${amp}${a}${arrow}${b}${colon}${flags.join('+')} ${fields.join(' ')}${payload !== null ? ` "${payload}"` : ''}`,
  );
const line = fc.oneof(
  { weight: 6, arbitrary: segment },
  { weight: 1, arbitrary: fc.tuple(word, state).map(([a, s]) => `${a} is ${s}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('client', 'server', 'peer'), word, fc.option(state), fc.option(junk))
      .map(([r, n, s, l]) => `${r} ${n}${l !== null ? ` as "${l}"` : ''}${s ? ` state ${s}` : ''}`),
  },
  { weight: 1, arbitrary: fc.tuple(word, fc.constantFrom('listen', 'connect', 'close', 'abort')).map(([a, c]) => `${a} ${c}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'wait 2MSL',
      'wait 60s',
      'wait 1ms',
      'wait x',
      'stack freebsd',
      'stack linux rfc793-rst',
      'stack linux fastopen',
      '== sec ==',
      'title T',
    ),
  },
  { weight: 1, arbitrary: junk.map((j) => `note over A: ${j}`) },
  { weight: 1, arbitrary: junk },
);
const doc = fc.array(line, { maxLength: 40 }).map((ls) => ls.join('\n'));

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.tcpflow'))
  .map((f) => readFileSync(`examples/${f}`, 'utf8'));
const mutated = fc.tuple(fc.constantFrom(...examples), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), junk), { maxLength: 6 })).map(([text, edits]) =>
  edits.reduce((t, [pos, del, ins]) => {
    const p = pos % (t.length + 1);
    return t.slice(0, p) + ins + t.slice(p + del);
  }, text),
);

async function assertValid(text: string): Promise<void> {
  const result = check(text);
  // Drawn as by default, and with every TCP option in the labels (tcpflow.preview.showOptions).
  for (const showOptions of [false, true]) {
    const m = toMermaid(result, { showOptions }).text;
    const parsed = await parseMermaid(m);
    assert.ok(parsed.ok, `${parsed.error}\n--- input\n${text}\n--- mermaid\n${m}`);
    assert.deepEqual(parsed.config, {});
  }
}

describe('fuzz', function () {
  this.timeout(120_000);

  it('random documents: no exception, valid Mermaid', async () => {
    await fc.assert(fc.asyncProperty(doc, assertValid), { numRuns: 300, seed: 20261123 });
  });

  it('mutated examples: no exception, valid Mermaid', async () => {
    await fc.assert(fc.asyncProperty(mutated, assertValid), { numRuns: 300, seed: 7 });
  });

  it('pathological inputs finish: one huge line, many notes, deep symbol chains', () => {
    check('A -> B: SYN ' + 'seq=x+1 '.repeat(20000));
    check('"'.repeat(100000));
    check(Array.from({ length: 5000 }, (_, i) => `A -> B: ACK seq=x${i}+${i} ack=y${i}`).join('\n'));
  });

  it('cost grows linearly: twice the examples, twice the work (counted, not timed)', () => {
    const block = examples.join('\n');
    const g = growth(
      (copies) => Array.from({ length: copies }, () => block).join('\n'),
      50,
      (text) => toMermaid(check(text)),
    );
    assert.ok(g.ratio < 2.6, growthMessage(g));
  });
});
