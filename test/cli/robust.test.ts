/**
 * tcpflow-cli never loses a byte and never falls over: -o is never an input and is written whole
 * or not at all, every format honours -o, text that is not UTF-8 is refused (a byte-order mark is
 * ignored), control characters from a file never reach the terminal raw, standard input is
 * bounded and recognised by its magic number, a full disk is one line, special files are never
 * opened for a blocking read. A real process each time, as a user runs it.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run } from '../../src/cli/main.js';
import { pcapFile, pcapngFile, sampleConnection } from '../helpers/captureBuilder.js';

const CLI = resolve('dist/cli.js');
const HANDSHAKE = resolve('test/fixtures/captures/chrissanders/tcp_handshake.pcapng');
const tmp = mkdtempSync(join(tmpdir(), 'tcpflow-robust-'));
const GOOD = 'title Handshake\nclient C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+1\nC -> S: ACK seq=x+1 ack=y+1\n';
const BAD = 'client C\nserver S\nC -> S: SYN seq=x\nC is ESTABLISHED\n';

interface Run {
  code: number | null;
  out: string;
  err: string;
}
const cli = (args: string[], options: SpawnSyncOptions = {}): Run => {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 20000,
    env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' },
    ...options,
  });
  return { code: r.status, out: String(r.stdout ?? ''), err: String(r.stderr ?? '') };
};
let n = 0;
/** A fresh folder for one test. */
const folder = (): string => {
  const d = join(tmp, `t${n++}`);
  mkdirSync(d);
  return d;
};
const oneLine = (r: Run, message: RegExp): void => {
  assert.equal(r.code, 2, r.err);
  assert.equal(r.err.split('\n').filter(Boolean).length, 1, r.err);
  assert.match(r.err, message);
  assert.doesNotMatch(r.err, /internal error|\n {4}at /);
};
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Temporary files -o would leave behind. */
const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

describe('tcpflow-cli: -o is never an input, and is written whole or not at all', () => {
  before(() => assert.ok(existsSync(CLI), 'run `npm run build` first'));

  it('render -o naming the flow itself, by any spelling, a symbolic link or a hard link: exit 2, the flow intact', () => {
    const d = folder();
    const f = join(d, 'f.tcpflow');
    writeFileSync(f, GOOD);
    symlinkSync('f.tcpflow', join(d, 'link.tcpflow'));
    linkSync(f, join(d, 'hard.tcpflow'));
    for (const format of ['html', 'mermaid', 'markdown']) {
      for (const [input, output] of [
        [f, f],
        [join(d, '.', 'f.tcpflow'), f],
        [f, join(d, 'link.tcpflow')],
        [join(d, 'link.tcpflow'), f],
        [f, join(d, 'hard.tcpflow')],
      ] as const) {
        const r = cli(['render', '--format', format, input, '-o', output]);
        oneLine(r, new RegExp(`-o '${esc(output)}' is the input '${esc(input)}' \\(the same file\\): refusing to overwrite it`));
        assert.equal(readFileSync(f, 'utf8'), GOOD, `${format} ${input} -o ${output}`);
      }
    }
    const stdin = openSync(f, 'r');
    oneLine(cli(['render', '-o', f, '-'], { stdio: [stdin, 'pipe', 'pipe'] }), /-o '.*' is standard input \(the same file\)/);
    closeSync(stdin);
    assert.equal(readFileSync(f, 'utf8'), GOOD);
    assert.ok(lstatSync(join(d, 'link.tcpflow')).isSymbolicLink());
    assert.deepEqual(leftovers(d), []);
  });

  it('import -o naming the capture (or a link to it): exit 2, the capture intact', () => {
    const d = folder();
    const cap = join(d, 'c.pcap');
    const bytes = pcapFile(sampleConnection());
    writeFileSync(cap, bytes);
    symlinkSync('c.pcap', join(d, 'link.pcap'));
    linkSync(cap, join(d, 'hard.pcap'));
    for (const output of [cap, join(d, '.', 'c.pcap'), join(d, 'link.pcap'), join(d, 'hard.pcap')]) {
      const r = cli(['import', cap, '-o', output]);
      oneLine(r, new RegExp(`-o '${esc(output)}' is the input '${esc(cap)}' \\(the same file\\)`));
      assert.deepEqual(new Uint8Array(readFileSync(cap)), bytes);
    }
    const list = cli(['import', '--list', join(d, 'link.pcap'), '-o', cap]);
    oneLine(list, /is the input/);
    assert.deepEqual(new Uint8Array(readFileSync(cap)), bytes);
  });

  it('a write that fails half way (a file size limit) leaves the old output as it was, and no temporary file', () => {
    const d = folder();
    const f = join(d, 'f.tcpflow');
    writeFileSync(f, GOOD);
    const out = join(d, 'talk.html');
    writeFileSync(out, 'the old slides\n');
    // `ulimit -f 8`: writes beyond 4 KiB fail with EFBIG (Node ignores SIGXFSZ); the slide file is far larger.
    const r = spawnSync('sh', ['-c', 'ulimit -f 8 && exec "$0" "$@"', process.execPath, CLI, 'render', '--format', 'html', f, '-o', out], {
      encoding: 'utf8',
      timeout: 20000,
    });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `tcpflow-cli: cannot write '${out}': file too large\n`);
    assert.equal(readFileSync(out, 'utf8'), 'the old slides\n');
    assert.deepEqual(leftovers(d), []);
    const imported = spawnSync('sh', ['-c', 'ulimit -f 0 && exec "$0" "$@"', process.execPath, CLI, 'import', HANDSHAKE, '-o', out], {
      encoding: 'utf8',
      timeout: 20000,
    });
    assert.equal(imported.status, 2, imported.stderr);
    assert.match(imported.stderr, new RegExp(`^tcpflow-cli: cannot write '${esc(out)}': file too large\n$`));
    assert.equal(readFileSync(out, 'utf8'), 'the old slides\n');
    assert.deepEqual(leftovers(d), []);
  });

  it('-o replaces an existing file keeping its permissions, and writes through a symbolic link', () => {
    const d = folder();
    const f = join(d, 'f.tcpflow');
    writeFileSync(f, GOOD);
    const out = join(d, 'out.md');
    writeFileSync(out, 'old');
    chmodSync(out, 0o640);
    symlinkSync('out.md', join(d, 'via.md'));
    assert.equal(cli(['render', '--format', 'markdown', f, '-o', join(d, 'via.md')]).code, 0);
    assert.match(readFileSync(out, 'utf8'), /^# Handshake\n\n```mermaid\nsequenceDiagram\n/);
    assert.equal(statSync(out).mode & 0o777, 0o640);
    assert.ok(lstatSync(join(d, 'via.md')).isSymbolicLink());
    assert.deepEqual(leftovers(d), []);
  });

  it('-o: a file we may write in a folder we may not is written in place (no temporary file possible there)', function () {
    const d = folder();
    const f = join(d, 'f.tcpflow');
    writeFileSync(f, GOOD);
    const locked = join(d, 'locked');
    mkdirSync(locked);
    const out = join(locked, 'out.mmd');
    writeFileSync(out, 'old');
    chmodSync(out, 0o666);
    chmodSync(locked, 0o555);
    try {
      // As root, without the capabilities that bypass permissions (setpriv); skipped where that cannot be done.
      const caps = '-dac_override,-dac_read_search,-fowner';
      const prefix = process.getuid?.() === 0 ? ['setpriv', `--inh-caps=${caps}`, `--bounding-set=${caps}`, '--'] : [];
      const exec = (args: string[]): ReturnType<typeof spawnSync> =>
        spawnSync(prefix[0] ?? process.execPath, [...prefix.slice(1), ...(prefix.length ? [process.execPath] : []), ...args], {
          encoding: 'utf8',
          timeout: 20000,
        });
      const probe = exec([
        '-e',
        `try { require('fs').writeFileSync(${JSON.stringify(join(locked, 'probe'))}, ''); } catch (e) { process.exit(e.code === 'EACCES' ? 3 : 4); }`,
      ]);
      if (probe.status !== 3) this.skip();
      const r = exec([CLI, 'render', f, '-o', out]);
      assert.equal(r.status, 0, String(r.stderr));
      assert.match(readFileSync(out, 'utf8'), /^sequenceDiagram\n/);
      assert.deepEqual(readdirSync(locked), ['out.mmd']);
    } finally {
      chmodSync(locked, 0o755);
    }
  });

  it('render -o is honoured by every format: mermaid, markdown and html write the file, nothing on stdout', () => {
    const d = folder();
    const f = join(d, 'f.tcpflow');
    writeFileSync(f, GOOD);
    const note = join(d, 'note.md');
    writeFileSync(note, `# Note\n\n\`\`\`tcpflow\n${GOOD}\`\`\`\nAfter.\n`);
    const cases: [string[], string, RegExp][] = [
      [['render', f], 'a.mmd', /^sequenceDiagram\n/],
      [['render', '--format', 'mermaid', f], 'b.mmd', /^sequenceDiagram\n/],
      [['render', '--format', 'markdown', f], 'c.md', /^# Handshake\n\n```mermaid\n/],
      [['render', '--format', 'markdown', note], 'd.md', /^# Note\n\n```mermaid\nsequenceDiagram\n[^]*```\nAfter\.\n$/],
      [['render', '--format', 'html', f], 'e.html', /^<!DOCTYPE html>/],
    ];
    for (const [args, name, content] of cases) {
      const out = join(d, name);
      const r = cli([...args, '-o', out]);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, '', args.join(' '));
      assert.match(readFileSync(out, 'utf8'), content);
      assert.equal(readFileSync(out, 'utf8'), cli(args).out, 'the same text as on stdout');
    }
  });
});

describe('tcpflow-cli: text that is not UTF-8, and the byte-order mark', () => {
  it('a Latin-1 note is refused with its name, the line and byte offset of the first bad byte; nothing is rendered', () => {
    const d = folder();
    const note = join(d, 'latin1.md');
    writeFileSync(note, Buffer.concat([Buffer.from('# Caf'), Buffer.from([0xe9]), Buffer.from(`\n\n\`\`\`tcpflow\n${GOOD}\`\`\`\n`)]));
    for (const args of [
      ['render', '--format', 'markdown', note],
      ['render', note],
      ['explain', note],
    ]) {
      const r = cli(args);
      oneLine(r, new RegExp(`^tcpflow-cli: cannot read '${esc(note)}': not UTF-8 text: byte 0xe9 at line 1 \\(byte offset 5\\) is not valid UTF-8`));
      assert.equal(r.out, '');
      assert.doesNotMatch(r.out + r.err, /\ufffd/);
    }
    const flow = join(d, 'latin1.tcpflow');
    const before = `${GOOD}C -> S: PSH ACK seq=x+1 ack=y+1 "na`;
    writeFileSync(flow, Buffer.concat([Buffer.from(before), Buffer.from([0xef, 0x76]), Buffer.from('e"\n')]));
    const check = cli(['check', flow, join(d, 'latin1.md')]);
    assert.equal(check.code, 2);
    assert.match(check.err, new RegExp(`cannot read '${esc(flow)}': not UTF-8 text: byte 0xef at line 7 \\(byte offset ${before.length}\\)`));
    assert.match(check.err, /cannot read '.*latin1\.md': not UTF-8/);
  });

  it("a byte-order mark is no character: the note's ```tcpflow block is checked, a flow's first line reads as usual", () => {
    const d = folder();
    const note = join(d, 'bom.md');
    writeFileSync(note, `\ufeff\`\`\`tcpflow\n${BAD}\`\`\`\n`);
    const r = cli(['check', note]);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.out, new RegExp(`^${esc(note)}:5:6: error TF500`, 'm'));
    const flow = join(d, 'bom.tcpflow');
    writeFileSync(flow, `\ufeff${GOOD}`);
    const ok = cli(['check', flow]);
    assert.equal(ok.code, 0, ok.out + ok.err);
    assert.equal(ok.out, '');
    assert.doesNotMatch(cli(['render', '--format', 'markdown', note]).out, /\ufeff|```tcpflow/);
  });
});

describe('tcpflow-cli: control characters from a file never reach the terminal raw', () => {
  const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
  const hostile =
    'title T\u001b]0;pwned\u0007\nclient C\nserver S\nC -> S: SYN seq=x "a\u001b[2Jb\u009b"\nnote over C: hi \u001b[31mred\r\nC -> S: S\u001bYN\n';

  it('explain and check (text) show them as \\xNN', () => {
    const d = folder();
    const f = join(d, 'ctl.tcpflow');
    writeFileSync(f, hostile);
    const ex = cli(['explain', f]);
    assert.equal(ex.code, 0, ex.err);
    assert.doesNotMatch(ex.out + ex.err, RAW);
    assert.match(ex.out, /^ {3}1 {2}title T\\x1b\]0;pwned\\x07 /m);
    assert.match(ex.out, /^ {3}4 {2}C -> S: SYN seq=x "a\\x1b\[2Jb\\x9b" /m);
    const check = cli(['check', f]);
    assert.equal(check.code, 1);
    assert.doesNotMatch(check.out + check.err, RAW);
  });

  it("render to a terminal: Mermaid, Markdown and HTML carry no raw control character (a note's prose shows them as \\xNN)", () => {
    const d = folder();
    const f = join(d, 'ctl.tcpflow');
    writeFileSync(f, hostile);
    const note = join(d, 'note.md');
    writeFileSync(note, `# Note \u001b]0;pwned\u0007\n\tIndented\u009b\n\n\`\`\`tcpflow\n${hostile}\`\`\`\n`);
    const onTerminal = (argv: string[]): string => {
      let out = '';
      const code = run(argv, { out: (s) => void (out += s), err: (s) => void (out += s), terminal: true }, {});
      assert.equal(code, 0, out);
      return out;
    };
    for (const args of [
      ['render', f],
      ['render', '--format', 'markdown', f],
      ['render', '--format', 'markdown', note],
      ['render', '--format', 'html', f],
    ]) {
      assert.doesNotMatch(onTerminal(args), RAW, args.join(' '));
    }
    assert.match(onTerminal(['render', '--format', 'markdown', note]), /^# Note \\x1b\]0;pwned\\x07\n\tIndented\\x9b\n\n```mermaid\n/);
  });

  it("render to a pipe or -o: the note's own bytes, control characters included, are kept as written", () => {
    const d = folder();
    const prose = `# Note \u001b[1mbold\u001b[0m\r\nform\ffeed\u009b\tand a lone\rreturn\n\n`;
    const note = join(d, 'note.md');
    writeFileSync(note, `${prose}\`\`\`tcpflow\n${GOOD}\`\`\`\n\nafter \u0007bell\n`);
    const piped = cli(['render', '--format', 'markdown', note]);
    assert.equal(piped.code, 0, piped.err);
    assert.ok(piped.out.startsWith(`${prose}\`\`\`mermaid\n`), JSON.stringify(piped.out.slice(0, 80)));
    assert.ok(piped.out.endsWith('```\n\nafter \u0007bell\n'));
    const out = join(d, 'note.out.md');
    assert.equal(cli(['render', '--format', 'markdown', note, '-o', out]).code, 0);
    assert.equal(readFileSync(out, 'utf8'), piped.out);
  });

  it('JSON: the same values, with C1 controls written as \\u escapes too', () => {
    const d = folder();
    const f = join(d, 'ctl\u009b\u001b[2J.tcpflow');
    writeFileSync(f, hostile);
    for (const args of [
      ['explain', '--format', 'json', f],
      ['check', '--format', 'json', f],
    ]) {
      const r = cli(args);
      assert.doesNotMatch(r.out, RAW, args[0]);
      assert.ok(r.out.includes('\\u009b'), args[0]);
    }
    const j = JSON.parse(cli(['check', '--format', 'json', f]).out) as { files: { path: string }[] };
    assert.equal(j.files[0]!.path, f);
    const steps = (JSON.parse(cli(['explain', '--format', 'json', f]).out) as { steps: { source: string }[] }).steps;
    assert.equal(steps[3]!.source, 'C -> S: SYN seq=x "a\u001b[2Jb\u009b"');
  });

  it('a file name with controls and a line break is one visible line in every message', () => {
    const d = folder();
    const name = join(d, 'evil\u001b[2J\nname\u009b.tcpflow');
    const r = cli(['check', name]);
    oneLine(r, new RegExp(`cannot read '${esc(join(d, 'evil\\x1b[2J\\x0aname\\x9b.tcpflow'))}': no such file or directory`));
    assert.doesNotMatch(r.err, RAW);
    writeFileSync(name, BAD);
    const found = cli(['check', name]);
    assert.equal(found.code, 1);
    assert.doesNotMatch(found.out, RAW);
    assert.equal(found.out.split('\n').filter(Boolean).length, 2, found.out);
    for (const args of [
      ['render', name, '-o', join(d, 'x\u001b.md', 'no')],
      ['import', name],
    ]) {
      const bad = cli(args);
      assert.equal(bad.code, 2);
      assert.doesNotMatch(bad.err, RAW);
      assert.equal(bad.err.split('\n').filter(Boolean).length, 1, bad.err);
    }
  });
});

describe('tcpflow-cli import -: bounded, and recognised by its first bytes', () => {
  it('a pcapng, a pcap (either byte order, µs or ns) on standard input is read as one', () => {
    const captures = [
      readFileSync(HANDSHAKE),
      Buffer.from(pcapFile(sampleConnection())),
      Buffer.from(pcapFile(sampleConnection(), { little: false, nanos: true })),
      Buffer.from(pcapngFile(sampleConnection(), { little: false })),
    ];
    for (const input of captures) {
      const r = cli(['import', '-'], { input });
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^# Imported by tcpflow-cli from standard input/m);
      assert.match(r.out, /^Client -> Server: SYN seq=x/m);
    }
  });

  it('< /dev/zero ends at once with a clear message; a larger capture than 256 MiB is refused', () => {
    const zero = openSync('/dev/zero', 'r');
    const r = cli(['import', '-'], { stdio: [zero, 'pipe', 'pipe'] });
    closeSync(zero);
    oneLine(r, /^tcpflow-cli: standard input: not a capture: it starts with 0x00000000/);
    const big = join(folder(), 'big.pcap');
    writeFileSync(big, pcapFile(sampleConnection()));
    truncateSync(big, 257 * 1024 * 1024); // sparse: no disk taken
    const fd = openSync(big, 'r');
    const large = cli(['import', '-'], { stdio: [fd, 'pipe', 'pipe'] });
    closeSync(fd);
    oneLine(large, /^tcpflow-cli: cannot read standard input: too large \(more than 256 MiB.*name the file instead/);
  });
});

describe('tcpflow-cli: a full disk, and a closed pipe', () => {
  const full = (): number => openSync('/dev/full', 'w');

  it('standard output on a full disk: one line, exit 2, no stack trace', () => {
    const d = folder();
    const bad = join(d, 'bad.tcpflow');
    writeFileSync(bad, BAD);
    for (const args of [['render', bad], ['check', bad], ['check', '--format', 'json', bad], ['explain', bad], ['import', HANDSHAKE], ['--help']]) {
      const fd = full();
      const r = cli(args, { stdio: ['ignore', fd, 'pipe'] });
      closeSync(fd);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, /(^|\n)tcpflow-cli: cannot write standard output: no space left on device\n$/, args.join(' '));
      assert.doesNotMatch(r.err, /\n {4}at |ENOSPC|internal error/);
    }
  });

  it('-o on a full device: one line naming it, exit 2', () => {
    const d = folder();
    const f = join(d, 'f.tcpflow');
    writeFileSync(f, GOOD);
    for (const args of [
      ['render', f],
      ['render', '--format', 'markdown', f],
      ['render', '--format', 'html', f],
      ['import', HANDSHAKE],
    ]) {
      const r = cli([...args, '-o', '/dev/full']);
      oneLine(r, /^tcpflow-cli: cannot write '\/dev\/full': no space left on device$/m);
    }
  });
});

describe('tcpflow-cli: only regular files are read', () => {
  it('check DIR with a FIFO and a socket named *.tcpflow: both named, never opened, the rest checked, exit 2', async () => {
    const d = folder();
    writeFileSync(join(d, 'a.tcpflow'), BAD);
    spawnSync('mkfifo', [join(d, 'pipe.tcpflow')]);
    const server = createServer();
    await new Promise<void>((done) => server.listen(join(d, 'socket.tcpflow'), done));
    try {
      const r = cli(['check', d]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, new RegExp(`cannot read '${esc(join(d, 'pipe.tcpflow'))}': not a regular file: a named pipe \\(FIFO\\)`));
      assert.match(r.err, new RegExp(`cannot read '${esc(join(d, 'socket.tcpflow'))}': not a regular file: a socket`));
      assert.match(r.err, /1 file\(s\) checked, 1 error\(s\).*; 2 could not be read/);
      assert.match(r.out, /a\.tcpflow:4:6: error TF500/);
      for (const args of [
        ['check', join(d, 'pipe.tcpflow')],
        ['render', join(d, 'pipe.tcpflow')],
        ['explain', join(d, 'socket.tcpflow')],
        ['import', join(d, 'pipe.tcpflow')],
        ['check', '/dev/zero'],
      ]) {
        oneLine(cli(args), /cannot read '.*': not a regular file: (a named pipe \(FIFO\)|a socket|a character device) \(use - to read standard input\)/);
      }
    } finally {
      server.close();
    }
  });
});

describe('tcpflow-cli: no crash on a long argument list', () => {
  it('130,000 arguments after -- are counted, not spread onto the stack', () => {
    const r = cli(['render', '--', ...Array.from({ length: 130_000 }, () => 'x')]);
    oneLine(r, /^tcpflow-cli: expected exactly one file, got 130000$/m);
  });
});
