import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { check } from '../../src/core/index.js';
import { expectClean, expectFinal } from '../helpers/flow.js';

const read = (name: string): string => readFileSync(`examples/${name}`, 'utf8');

describe('bundled examples', () => {
  it('every example checks without errors or warnings', () => {
    const files = readdirSync('examples').filter((f) => f.endsWith('.tcpflow'));
    assert.ok(files.length >= 9, 'the examples issue #2 asks for are there');
    for (const f of files) expectClean(read(f));
  });

  it('the language design seed flows infer every state', () => {
    const hs = check(read('three-way-handshake.tcpflow'));
    const states = (name: string): string[] => [
      hs.simulation.participants.find((p) => p.name === name)!.initial,
      ...hs.simulation.steps.flatMap((s) => s.changes.filter((c) => c.name === name).map((c) => c.to)),
    ];
    assert.deepEqual(states('Client'), ['CLOSED', 'SYN_SENT', 'ESTABLISHED']);
    assert.deepEqual(states('Server'), ['LISTEN', 'SYN_RECEIVED', 'ESTABLISHED']);
    expectFinal(check(read('four-way-close.tcpflow')), { Client: 'CLOSED', Server: 'CLOSED' });
  });

  it('simultaneous open and close pass through SYN_RECEIVED and CLOSING', () => {
    const open = check(read('simultaneous-open.tcpflow')).simulation.steps.flatMap((s) => s.changes.map((c) => `${c.name}:${c.to}`));
    assert.deepEqual(open, ['A:SYN_SENT', 'B:SYN_SENT', 'A:SYN_RECEIVED', 'B:SYN_RECEIVED', 'A:ESTABLISHED', 'B:ESTABLISHED']);
    const close = check(read('simultaneous-close.tcpflow')).simulation.steps.flatMap((s) => s.changes.map((c) => `${c.name}:${c.to}`));
    assert.deepEqual(close.slice(0, 6), ['A:FIN_WAIT_1', 'B:FIN_WAIT_1', 'A:CLOSING', 'B:CLOSING', 'A:TIME_WAIT', 'B:TIME_WAIT']);
  });

  it('the Markdown study note checks clean', () => {
    const r = readFileSync('examples/study-note.md', 'utf8');
    assert.match(r, /```tcpflow/);
  });
});
