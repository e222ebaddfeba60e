/**
 * The lean check (`diagnosticsWith`, what `tcpflow-cli check` runs) keeps neither the syntax tree
 * nor the trace, and must give exactly the diagnostics of the full check: same codes, ranges,
 * messages, fixes and order, for every input — including the documents where it has to start
 * again as the full check does (a `stack` or participant line after the first segment, a value
 * that needs a fresh name).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkWith, diagnosticsWith, messageOf, type CheckSettings } from '../../src/core/index.js';
import { document, examples } from '../helpers/properties.js';

const RFC: CheckSettings = { stack: 'rfc9293', mslSeconds: 0 };
const same = (text: string, settings: CheckSettings = RFC, lineOffset = 0): void => {
  const full = checkWith(text, settings, lineOffset).diagnostics;
  assert.deepEqual(diagnosticsWith(text, settings, lineOffset), full, JSON.stringify(text));
};

function flowFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? flowFiles(join(dir, e.name)) : e.name.endsWith('.tcpflow') ? [join(dir, e.name)] : [],
  );
}

describe('the lean check gives the full check’s diagnostics', () => {
  it('every example and fixture, under every stack, inside a Markdown note too', () => {
    const files = [...flowFiles('examples'), ...flowFiles('test/fixtures')];
    assert.ok(files.length > 20);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const stack of ['rfc9293', 'rfc793', 'linux', 'freebsd'] as const) same(text, { stack, mslSeconds: 0 });
      same(text, { stack: 'linux', mslSeconds: 30 }, 12);
    }
  });

  it('what the simulation must know first comes late: `stack`, participants, fresh names', () => {
    // `stack linux` at the end still sets TIME-WAIT's length (TF703 says 30 s more of 1 min, not 210 s of 4 min).
    const close =
      'client C\nserver S\nC -> S: SYN seq=1\nS -> C: SYN ACK seq=9 ack=2\nC -> S: ACK seq=2 ack=10\nC -> S: FIN ACK seq=2 ack=10\nS -> C: ACK seq=10 ack=3\nS -> C: FIN ACK seq=10 ack=3\nC -> S: ACK seq=3 ack=11\nwait 30s\n';
    same(`${close}stack linux\n`);
    assert.match(
      messageOf(
        diagnosticsWith(`${close}stack linux\n`, RFC).find((d) => d.code === 'TF703')!,
        'en',
      ),
      /1 min for the linux stack/,
    );
    same('C -> S: SYN seq=1\nserver S\nclient C\nS -> C: SYN ACK seq=9 ack=2\n');
    same('client C\nserver S\nC -> S: SYN\nS -> C: SYN ACK ack=x+1\nC -> S: ACK seq=x+1 ack=y+1\nnote over C: x is taken\nC -> S: ACK seq=x1\n');
    same('stack freebsd\ntitle T\nclient A\nserver B\nstack linux\nA -> B: SYN seq=u\n');
    same('A -> A: SYN seq=1\nA -> B: SYN seq=1\nB -> A: SYN ACK seq=5 ack=2\n');
    same('client C\nC connect\n'.concat('note over C: waiting\n'.repeat(300), 'server S\nS -> C: SYN seq=1\n'));
  });

  it('the end-of-flow checks: answers owed, data unacknowledged, after a comment and without a final newline', () => {
    same('client C\nserver S\nC -> S: SYN seq=1\n# the server never answers\n');
    same('client C\nserver S\nC -> S: SYN seq=1\nS -> C: SYN ACK seq=9 ack=2\nC -> S: ACK seq=2 ack=10\nC -> S: PSH ACK seq=2 ack=10 "data"');
    same('title TIME_WAIT lasts 4 min\nclient C\nserver S\nC > S: TCP SYN seq=1\nnote over C: 2MSL is 240 s\ntitle again\n');
  });

  it('random and mutated documents, with `connection` lines among them', () => {
    const exampleTexts = readdirSync('examples')
      .filter((f) => f.endsWith('.tcpflow'))
      .map((f) => readFileSync(`examples/${f}`, 'utf8'));
    const connection = fc.constantFrom(
      'connection c1',
      'connection c2 reuses c1',
      'connection c1',
      'connection c3 as "a:1"',
      'connection c2',
      'connection c4 reuses c9',
    );
    const withConnections = fc
      .tuple(fc.oneof(document, examples(exampleTexts)), fc.array(fc.tuple(fc.nat(), connection), { minLength: 1, maxLength: 4 }))
      .map(([text, added]) => {
        const ls = text.split('\n');
        for (const [at, l] of added) ls.splice(at % (ls.length + 1), 0, l);
        return ls.join('\n');
      });
    fc.assert(
      fc.property(
        fc.oneof(document, examples(exampleTexts), withConnections),
        fc.constantFrom('rfc9293', 'linux', 'freebsd', 'rfc793'),
        fc.nat({ max: 3 }),
        (text, stack, lineOffset) => same(text, { stack, mslSeconds: 0 }, lineOffset),
      ),
      { numRuns: 800 },
    );
  });
});
