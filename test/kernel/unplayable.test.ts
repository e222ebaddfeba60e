/** `tcpflow-cli run` refuses, with a reason and exit 2, what a kernel cannot be made to do at a line of a flow. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HANDSHAKE = ['stack linux', 'client C', 'server S', 'C -> S: SYN seq=x', 'S -> C: SYN ACK seq=y ack=x+1'];

describe('tcpflow-cli run: what a kernel cannot be made to do', () => {
  const CLI = 'dist/cli.js';
  let dir: string;
  before(() => {
    assert.ok(existsSync(CLI), 'run `npm run build` first');
    dir = mkdtempSync(join(tmpdir(), 'tcpflow-unplayable-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (lines: readonly string[], plays: string): { code: number; err: string } => {
    const file = join(dir, 'flow.tcpflow');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = spawnSync(process.execPath, [CLI, 'run', file, '--kernel-plays', plays], { encoding: 'utf8' });
    return { code: r.status ?? -1, err: r.stderr };
  };

  it('a segment its receiver’s kernel drops on purpose (`dropped`): exit 2 with the reason', () => {
    const r = run([...HANDSHAKE, 'C -> S: ACK seq=x+1 ack=y+1 dropped "accept queue full"'], 'S');
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot make a kernel discard a segment on purpose/);
  });

  it("the kernel's own user timeout (`S timeout`): exit 2, not played as an abort's RST", () => {
    const r = run([...HANDSHAKE, 'C -> S: ACK seq=x+1 ack=y+1', 'S timeout'], 'S');
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot make S's kernel give up at a line/);
  });
});
