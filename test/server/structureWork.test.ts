/**
 * The work the outline, the folds and a hover do on long flows, counted: reads of the flow's
 * statements, connections and steps stay within a few per entry (a search per entry, as before,
 * read them n²/2 times: 57 s for the outline of 100,000 `connection` lines).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse, type Analysis, type Flow } from '../../src/server/analysis.js';
import { hover } from '../../src/server/hover.js';
import { DEFAULT_SETTINGS } from '../../src/server/settings.js';
import { documentSymbols, foldingRanges } from '../../src/server/structure.js';

/** An array that counts how many of its elements are read (by index, by iteration or by find). */
function counting<T>(items: readonly T[]): { list: readonly T[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(items as T[], {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list, reads: () => reads };
}

/** The analysis of `text` with its statements, connections and steps counted. */
function counted(text: string): { a: Analysis; reads: () => number } {
  const a = analyse(TextDocument.create('file:///counted.tcpflow', 'tcpflow', 1, text), DEFAULT_SETTINGS);
  const flow = a.flows[0]!;
  const r = flow.result;
  const statements = counting(r.document.statements);
  const connections = counting(r.simulation.connections);
  const steps = counting(r.simulation.steps);
  const wrapped: Flow = {
    diagnostics: flow.diagnostics,
    text: flow.text,
    lines: flow.lines,
    lineOffset: flow.lineOffset,
    lineCount: flow.lineCount,
    result: {
      ...r,
      document: { ...r.document, statements: statements.list },
      simulation: { ...r.simulation, connections: connections.list, steps: steps.list },
    },
  };
  return { a: { ...a, flows: [wrapped] }, reads: () => statements.reads() + connections.reads() + steps.reads() };
}

describe('server structure: work on long flows (counted)', () => {
  const N = 3_000;

  it('the outline of N connection lines reads a bounded number of entries per line', () => {
    const lines = ['client C', 'server S'];
    for (let i = 0; i < N; i++) lines.push(`connection c${i}`);
    const { a, reads } = counted(lines.join('\n'));
    const symbols = documentSymbols(a);
    assert.equal(symbols.filter((s) => s.name.startsWith('connection ')).length, N);
    assert.ok(reads() <= 10 * N, `${reads()} reads for ${N} connections`);
  });

  it('the outline and folds of N sections read a bounded number of entries per section', () => {
    const { a, reads } = counted(`client C\nserver S\n${'== s ==\nC -> S: SYN seq=x\n'.repeat(N)}`);
    assert.equal(documentSymbols(a).filter((s) => s.name === 's').length, N);
    assert.equal(foldingRanges(a).length, N);
    assert.ok(reads() <= 20 * N, `${reads()} reads for ${N} sections`);
  });

  it('a hover on a segment that arrives on N lines reads a bounded number of steps per arrival', () => {
    const { a, reads } = counted(`peer A state ESTABLISHED\npeer B state ESTABLISHED\nA -> B: ACK seq=1 ack=1 @d\n${'arrives d\n'.repeat(N)}`);
    const h = hover(a, { line: 2, character: 1 }, 'en');
    const text = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.equal(text.match(/\*\*Arrives at line/g)?.length, N);
    assert.ok(reads() <= 10 * N, `${reads()} reads for ${N} arrivals`);
  });
});
