/** tcpflow-cli import on a capture of many connections: streamed, listed line by line, progress only on a terminal. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcapBytes, shortClient, shortConnections } from '../helpers/captureGenerator.js';

const CLI = 'dist/cli.js';
const tmp = mkdtempSync(join(tmpdir(), 'tcpflow-import-streaming-'));
const cli = (args: string[]): { code: number; out: string; err: string } => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};

describe('tcpflow-cli import: a capture of 20,000 connections (200,000 packets)', function () {
  this.timeout(120_000);
  const path = join(tmp, 'many.pcap');
  before(() =>
    writeFileSync(
      path,
      pcapBytes((w) => shortConnections(w, 20_000)),
    ),
  );

  it('--list prints every connection, one line each, and nothing on stderr when it is no terminal', () => {
    const r = cli(['import', '--list', path]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    const lines = r.out.split('\n');
    assert.equal(lines.length, 20_001);
    for (const k of [1, 10_000, 20_000]) {
      const c = shortClient(k);
      assert.equal(lines[k - 1], `${String(k).padStart(4)}  ${c.address}:${c.port} → 10.255.0.1:80  10 segments`);
    }
  });

  it('--connection N imports that connection and counts them all', () => {
    const r = cli(['import', '--connection', '12345', path]);
    assert.equal(r.code, 0, r.err);
    const c = shortClient(12_345);
    assert.match(r.out, /^# Imported by tcpflow-cli from many\.pcap: connection 12345 of 20000, 10 segments\.$/m);
    assert.equal(
      r.err,
      `imported connection 12345 (the capture holds 20000; --list shows them): ${c.address}:${c.port} → 10.255.0.1:80, 10 segments; the flow checks with no errors\n`,
    );
  });

  it('on a terminal, stderr shows how much of the file is read', function () {
    // script(1) gives the command a terminal; its output is what that terminal showed.
    if (spawnSync('sh', ['-c', 'command -v script']).status !== 0) this.skip();
    const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} import --list ${path} > /dev/null`, '/dev/null'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\rtcpflow-cli: reading many\.pcap: \d+ % \(\d+ of 15 MB\)/);
    assert.match(r.stdout, /\r\x1b\[K/);
  });
});
