/** tcpflow-cli import as a user runs it: a real process on real captures. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pcapFile, pcapngFile, sampleConnection } from '../helpers/captureBuilder.js';

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
    assert.match(r.out, /^client Client as "172\.16\.16\.128:2826"\nserver Server as "212\.58\.226\.142:80"$/m);
    assert.match(r.out, /^Client -> Server: SYN seq=x win=8192 mss=1460 wscale=2 sackOK$/m);
    assert.equal(r.err, 'imported connection 1: 172.16.16.128:2826 → 212.58.226.142:80, 3 segments; the flow checks with no errors\n');
    assert.match(cli(['import', '--absolute', HANDSHAKE]).out, /^Client -> Server: SYN seq=3691127924 win=8192 mss=1460 wscale=2 sackOK$/m);
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
    const listed = join(tmp, 'list.txt');
    const toFile = cli(['import', '--list', '-o', listed, p]);
    assert.equal(toFile.code, 0, toFile.err);
    assert.equal(toFile.out, '');
    assert.equal(readFileSync(listed, 'utf8'), list.out);
    const both = cli(['import', '--connection', ':80', p]);
    assert.equal(both.code, 2);
    assert.equal(
      both.err,
      `tcpflow-cli: ${p}: ':80' matches 2 connections: 1 (10.0.0.1:40000 → 10.0.0.2:80), 2 (10.0.0.7:40000 → 10.0.0.8:80); choose one by its number\n`,
    );
  });

  it("--connection all: every connection between the first one's hosts in one document, the others named in a warning", () => {
    const p = join(tmp, 'three.pcap');
    const again = sampleConnection().map((s) => ({ ...s, sport: s.sport === 40000 ? 40002 : s.sport, dport: s.dport === 40000 ? 40002 : s.dport }));
    writeFileSync(p, pcapFile([...sampleConnection(), ...sampleConnection('10.0.0.7', '10.0.0.8'), ...again]));
    const r = cli(['import', '--connection', 'all', p]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^connection c1 as "10\.0\.0\.1:40000"$/m);
    assert.match(r.out, /^connection c3 as "10\.0\.0\.1:40002"$/m);
    assert.doesNotMatch(r.out, /10\.0\.0\.7/);
    assert.match(r.err, /warning: 1 connection\(s\) between other hosts left out/);
    assert.match(r.err, /imported 2 connections of 3: 10\.0\.0\.1 → 10\.0\.0\.2:80; the flow checks with no errors/);
  });

  it('--list shows the interfaces of a pcapng file; --interface chooses one', () => {
    const p = join(tmp, 'two-interfaces.pcapng');
    writeFileSync(
      p,
      pcapngFile([...sampleConnection(), ...sampleConnection('10.0.0.7', '10.0.0.8').map((s) => ({ ...s, iface: 1 }))], { interfaces: ['eth0', 'lo'] }),
    );
    const list = cli(['import', '--list', p]);
    assert.equal(
      list.out,
      'interfaces (--interface N|NAME chooses one):\n*  0  eth0  link type 1 (LINKTYPE_ETHERNET)  10 TCP segments\n   1  lo  link type 1 (LINKTYPE_ETHERNET)  10 TCP segments\nconnections on interface 0 (eth0):\n   1  10.0.0.1:40000 → 10.0.0.2:80  10 segments\n',
    );
    assert.match(list.err, /warning: the capture holds TCP segments from 2 interfaces/);
    const lo = cli(['import', '--interface', 'lo', p]);
    assert.equal(lo.code, 0, lo.err);
    assert.match(lo.out, /as "10\.0\.0\.7:40000"/);
    assert.match(cli(['import', '--interface', '1', '--list', p]).out, /^\*  1  lo/m);
  });

  it('reads tcpdump text from standard input', () => {
    const text = readFileSync('test/fixtures/captures/tcpdump-text/tcp_teardown.txt', 'utf8');
    const r = cli(['import', '-'], text);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /from standard input/);
    assert.match(r.out, /^Client -> Server: FIN ACK seq=x ack=y\+1$/m);
  });

  it('bad arguments and bad files: one line on stderr, exit 2', () => {
    const bad = join(tmp, 'corrupt.pcap');
    const bytes = pcapFile(sampleConnection());
    new DataView(bytes.buffer).setUint32(32, 0xffffff00, true);
    writeFileSync(bad, bytes);
    const empty = join(tmp, 'empty.pcap');
    writeFileSync(empty, '');
    const binary = join(tmp, 'program.bin');
    writeFileSync(binary, Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]));
    const cases: [string[], RegExp][] = [
      [['import'], /import needs exactly one capture file, got 0/],
      [['import', 'no-such.pcap'], /cannot read 'no-such\.pcap': no such file or directory/],
      [['import', '--connection', 'zero', HANDSHAKE], /bad value 'zero' for '--connection'/],
      [['import', '--names', 'Client', HANDSHAKE], /bad value 'Client' for '--names'/],
      [['import', '--names', '1a,b', HANDSHAKE], /bad name '1a'/],
      [['import', '--connection', '9', HANDSHAKE], /no connection number 9: the capture holds 1/],
      [['import', bad], /corrupt pcap: record 1 at byte 24 claims/],
      [['import', 'README.md'], /no TCP segment in the text/],
      [['import', empty], /empty\.pcap: the file is empty/],
      [['import', binary], /not a capture: the file starts with 0x7f454c46/],
      [['import', '--absolute', '--relative', HANDSHAKE], /'--absolute' and '--relative' contradict each other/],
      [['import', '--interface', 'wlan0', HANDSHAKE], /no interface named 'wlan0'/],
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
