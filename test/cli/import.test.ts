/** tcpflow-cli import as a user runs it: a real process on real captures. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcapFile, sampleConnection } from '../helpers/captureBuilder.js';

const CLI = 'dist/cli.js';
const cli = (args: string[], input?: string): { code: number; out: string; err: string } => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const HANDSHAKE = 'test/fixtures/captures/chrissanders/tcp_handshake.pcapng';
const tmp = mkdtempSync(join(tmpdir(), 'tcpflow-import-'));

describe('tcpflow-cli import', () => {
  it('writes the flow to stdout and a one-line summary to stderr', () => {
    const r = cli(['import', HANDSHAKE]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^# Imported by tcpflow-cli from tcp_handshake\.pcapng: connection 1 of 1, 3 segments\.$/m);
    assert.match(r.out, /^ip172_16_16_128_2826 -> ip212_58_226_142_80: SYN seq=3691127924 win=8192 mss=1460 wscale=2$/m);
    assert.equal(r.err, 'imported connection 1: 172.16.16.128:2826 → 212.58.226.142:80, 3 segments; the flow checks with no errors\n');
  });

  it('-o writes a file that tcpflow-cli check accepts; --names and --relative shape it', () => {
    const out = join(tmp, 'handshake.tcpflow');
    assert.equal(cli(['import', '--names', 'Client,Server', '--relative', '-o', out, HANDSHAKE]).code, 0);
    assert.match(readFileSync(out, 'utf8'), /^Client -> Server: SYN seq=x win=8192/m);
    assert.equal(cli(['check', out]).code, 0);
  });

  it('--list shows the connections; --connection chooses one', () => {
    const p = join(tmp, 'two.pcap');
    writeFileSync(p, pcapFile([...sampleConnection(), ...sampleConnection('10.0.0.7', '10.0.0.8')]));
    const list = cli(['import', '--list', p]);
    assert.equal(list.out, '   1  10.0.0.1:40000 → 10.0.0.2:80  10 segments\n   2  10.0.0.7:40000 → 10.0.0.8:80  10 segments\n');
    assert.match(cli(['import', '--connection', '2', p]).out, /as "10\.0\.0\.8:80"/);
    assert.match(cli(['import', '--connection', '10.0.0.1:40000', p]).err, /imported connection 1 \(the capture holds 2; --list shows them\)/);
  });

  it('reads tcpdump text from standard input', () => {
    const text = readFileSync('test/fixtures/captures/tcpdump-text/tcp_teardown.txt', 'utf8');
    const r = cli(['import', '-'], text);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /from standard input/);
    assert.match(r.out, /ip172_16_16_128_3363 -> ip67_228_110_120_80: FIN ACK seq=2079380537 ack=822643296$/m);
  });

  it('bad arguments and bad files: one line on stderr, exit 2', () => {
    const bad = join(tmp, 'corrupt.pcap');
    const bytes = pcapFile(sampleConnection());
    new DataView(bytes.buffer).setUint32(32, 0xffffff00, true);
    writeFileSync(bad, bytes);
    const cases: [string[], RegExp][] = [
      [['import'], /import needs exactly one capture file, got 0/],
      [['import', 'no-such.pcap'], /cannot read 'no-such\.pcap': no such file or directory/],
      [['import', '--connection', 'zero', HANDSHAKE], /bad value 'zero' for '--connection'/],
      [['import', '--names', 'Client', HANDSHAKE], /bad value 'Client' for '--names'/],
      [['import', '--names', '1a,b', HANDSHAKE], /bad name '1a'/],
      [['import', '--connection', '9', HANDSHAKE], /no connection number 9: the capture holds 1/],
      [['import', bad], /corrupt pcap: record 1 at byte 24 claims/],
      [['import', 'README.md'], /no TCP segment in the text/],
      [['import', '-o'], /option '-o' needs a file name/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.equal(r.err.split('\n').filter(Boolean).length, 1, r.err);
      assert.match(r.err, message);
    }
  });
});
