/** tcpflow-cli on huge and hostile input: bounded memory, clear answers, no crash. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = 'dist/cli.js';
const tmp = mkdtempSync(join(tmpdir(), 'tcpflow-limits-'));
const file = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('tcpflow-cli: huge and hostile input', () => {
  before(() => assert.ok(existsSync(CLI), 'run `npm run build` first'));

  it('32,000 unanswered SYNs are checked in a 96 MB heap (the owed answers are not copied per step)', () => {
    const p = file('syns.tcpflow', `client A\nserver B\n${'A -> B: SYN\n'.repeat(32000)}`);
    const r = spawnSync(process.execPath, ['--max-old-space-size=96', CLI, 'check', p], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(r.status, 0, r.stderr.slice(-500));
    assert.match(r.stderr, /0 error\(s\), 32000 other diagnostic\(s\)/);
  });
});
