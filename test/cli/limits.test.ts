/** tcpflow-cli on huge and hostile input: bounded memory, clear answers, no crash. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { walkFs } from '../../src/cli/inputs.js';
import { run } from '../../src/cli/main.js';

const CLI = resolve('dist/cli.js');
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

  it('a valid flow of 100,001 segments (4 MB) is checked in a 32 MB heap (no syntax tree or trace kept)', () => {
    const lines = ['client C', 'server S', 'C -> S: SYN seq=1000', 'S -> C: SYN ACK seq=5000 ack=1001', 'C -> S: ACK seq=1001 ack=5001'];
    let c = 1001;
    for (let i = 0; i < 49_998; i++) {
      const payload = `payload number ${i % 1000}`;
      lines.push(`C -> S: PSH ACK seq=${c} ack=5001 "${payload}"`, `S -> C: ACK seq=5001 ack=${(c += payload.length)}`);
    }
    const p = file('long.tcpflow', `${lines.join('\n')}\n`);
    const r = spawnSync(process.execPath, ['--max-old-space-size=32', CLI, 'check', p], { encoding: 'utf8', maxBuffer: 64 << 20 });
    assert.equal(r.status, 0, r.stderr.slice(-500));
    assert.match(r.stderr, /1 file\(s\) checked, 0 error\(s\), 0 other diagnostic\(s\)/);
  });
});

describe('tcpflow-cli: faults that lost text or crashed', () => {
  before(() => assert.ok(existsSync(CLI), 'run `npm run build` first'));
  const cli = (args: string[], input?: string | Buffer): { code: number; out: string; err: string } => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, maxBuffer: 64 << 20, timeout: 20000 });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  };

  it('render --format markdown: an empty ```tcpflow block is replaced, the line after it kept', () => {
    const p = file('empty-block.md', '# Note\n\n```tcpflow\n```\nThis line must stay.\n\n```tcpflow\nclient C\nserver S\n```\nLast line.\n');
    const r = cli(['render', '--format', 'markdown', p]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^This line must stay\.$/m);
    assert.match(r.out, /^Last line\.$/m);
    assert.doesNotMatch(r.out, /```tcpflow/);
    assert.equal((r.out.match(/^```mermaid$/gm) ?? []).length, 2);
    assert.equal((r.out.match(/^```$/gm) ?? []).length, 2);
    // A block never closed runs to the end of the file, whose final newline stays.
    const open = cli(['render', '--format', 'markdown', file('unclosed.md', '# Note\n\n```tcpflow\nclient C\nserver S\n')]);
    assert.equal(open.code, 0, open.err);
    assert.match(open.out, /^# Note\n\n```mermaid\nsequenceDiagram\n[^]*\n```\n$/);
  });

  it('render --format markdown: the title is plain text in the heading, never HTML or Markdown', async () => {
    const p = file('title.tcpflow', 'title <img src=x onerror=alert(1)> *bold* [link](javascript:x) `code`\nclient C\nserver S\nC -> S: SYN seq=x\n');
    const r = cli(['render', '--format', 'markdown', p]);
    assert.equal(r.code, 0, r.err);
    const MarkdownIt = (await import('markdown-it')).default;
    const html = new MarkdownIt({ html: true }).render(r.out);
    const h1 = /<h1>(.*)<\/h1>/.exec(html)![1]!;
    assert.doesNotMatch(h1, /<img|<em>|<a |<code>/);
    assert.equal(h1, '&lt;img src=x onerror=alert(1)&gt; *bold* [link](javascript:x) `code`');
  });

  it('output into a closed pipe: a quiet exit, no stack trace', async () => {
    const p = file('long.tcpflow', `client A\nserver B\n${'A -> B: SYN\n'.repeat(20000)}`);
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [CLI, 'render', p], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy()); // `| head -1`
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(err, '');
    assert.equal(code, 0);
  });

  /** A tree with a dangling link, a link loop, a link back up and a folder `locked`; c.tcpflow has an error. */
  const tree = (): string => {
    const dir = mkdtempSync(join(tmp, 'tree-'));
    mkdirSync(join(dir, 'sub'));
    mkdirSync(join(dir, 'locked'));
    const good = 'client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+1\nC -> S: ACK seq=x+1 ack=y+1\n';
    writeFileSync(join(dir, 'a.tcpflow'), good);
    writeFileSync(join(dir, 'sub', 'b.tcpflow'), good);
    writeFileSync(join(dir, 'sub', 'c.tcpflow'), 'client C\nserver S\nC -> S: SYN seq=x\nC is ESTABLISHED\n');
    writeFileSync(join(dir, 'locked', 'd.tcpflow'), good);
    symlinkSync('nowhere.tcpflow', join(dir, 'broken.tcpflow'));
    symlinkSync('..', join(dir, 'sub', 'up'));
    symlinkSync('self.tcpflow', join(dir, 'self.tcpflow'));
    return dir;
  };
  const assertLinks = (err: string, dir: string): void => {
    assert.match(err, new RegExp(`cannot read '${esc(join(dir, 'broken.tcpflow'))}': a dangling symbolic link`));
    assert.match(err, new RegExp(`cannot read '${esc(join(dir, 'self.tcpflow'))}': a loop of symbolic links`));
    assert.match(err, new RegExp(`cannot read '${esc(join(dir, 'sub', 'up'))}': a symbolic link loop`));
  };

  it('check DIR: a dangling link and link loops are named; every other file is checked; exit 2', () => {
    const dir = tree();
    const r = cli(['check', dir]);
    assert.equal(r.code, 2, r.err);
    assert.doesNotMatch(r.err, /internal error/);
    assertLinks(r.err, dir);
    assert.match(r.err, /4 file\(s\) checked, 1 error\(s\).*; 3 could not be read/);
    assert.match(r.out, /c\.tcpflow:4:6: error TF500/);
  });

  it('check DIR: a folder that cannot be read is named, the rest checked, exit 2 (in process, a permission error injected: root reads every folder)', () => {
    const dir = tree();
    const saved = walkFs.readdirSync;
    walkFs.readdirSync = (d) => {
      if (d === join(dir, 'locked')) throw Object.assign(new Error(`EACCES: permission denied, scandir '${d}'`), { code: 'EACCES' });
      return saved(d);
    };
    let out = '';
    let err = '';
    let code: number | Promise<number>;
    try {
      code = run(['check', dir], { out: (s) => void (out += s), err: (s) => void (err += s) }, { LANG: 'C' });
    } finally {
      walkFs.readdirSync = saved;
    }
    assert.equal(code, 2, err);
    assertLinks(err, dir);
    assert.match(err, new RegExp(`^tcpflow-cli: cannot read '${esc(join(dir, 'locked'))}': permission denied$`, 'm'));
    assert.match(err, /3 file\(s\) checked, 1 error\(s\).*; 4 could not be read/);
    assert.match(out, /c\.tcpflow:4:6: error TF500/);
  });

  it('check DIR: a folder made unreadable by its permissions, in a real process (as root: without the capabilities that bypass them)', function () {
    const dir = tree();
    chmodSync(join(dir, 'locked'), 0o000);
    try {
      // Root reads a mode-000 folder unless it drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (setpriv); it stays
      // the owner of the clone, so the CLI stays readable wherever the clone is. Skipped where neither works.
      const caps = '-dac_override,-dac_read_search';
      const prefix = process.getuid?.() === 0 ? ['setpriv', `--inh-caps=${caps}`, `--bounding-set=${caps}`, '--'] : [];
      const exec = (args: string[]): ReturnType<typeof spawnSync> =>
        spawnSync(prefix[0] ?? process.execPath, [...prefix.slice(1), ...(prefix.length ? [process.execPath] : []), ...args], {
          encoding: 'utf8',
          timeout: 20000,
        });
      const probe = exec([
        '-e',
        `try { require('fs').readdirSync(${JSON.stringify(join(dir, 'locked'))}); } catch (e) { process.exit(e.code === 'EACCES' ? 3 : 4); }`,
      ]);
      if (probe.status !== 3) this.skip();
      const r = exec([CLI, 'check', dir]);
      assert.equal(r.status, 2, String(r.stderr));
      assertLinks(String(r.stderr), dir);
      assert.match(String(r.stderr), new RegExp(`cannot read '${esc(join(dir, 'locked'))}': permission denied`));
      assert.match(String(r.stderr), /3 file\(s\) checked, 1 error\(s\).*; 4 could not be read/);
    } finally {
      chmodSync(join(dir, 'locked'), 0o755);
    }
  });

  it('check -: reads standard input (a flow, or a note with tcpflow blocks)', () => {
    const flow = cli(['check', '-'], 'client C\nserver S\nC -> S: SYN seq=x\nC is ESTABLISHED\n');
    assert.equal(flow.code, 1, flow.err);
    assert.match(flow.out, /^<stdin>:4:6: error TF500/m);
    const note = cli(['check', '-'], '# Note\n\n```tcpflow\nclient C\nserver S\nC -> S: SYN seq=x\nC is ESTABLISHED\n```\n');
    assert.equal(note.code, 1, note.err);
    assert.match(note.out, /^<stdin>:7:6: error TF500/m);
    const render = cli(['render', '-'], 'client C\nserver S\nC -> S: SYN seq=x\n');
    assert.equal(render.code, 0, render.err);
    assert.match(render.out, /^sequenceDiagram/);
  });

  it('an endless or huge input gets a clear error and exit 2, not a hang', () => {
    const fd = openSync('/dev/zero', 'r');
    const zero = spawnSync(process.execPath, [CLI, 'check', '-'], { encoding: 'utf8', stdio: [fd, 'pipe', 'pipe'], timeout: 20000 });
    closeSync(fd);
    assert.equal(zero.status, 2, zero.stderr);
    assert.match(zero.stderr, /cannot read '<stdin>': too large \(more than 16 MiB: tcpflow-cli reads inputs up to 16 MiB\)/);
    const big = file('big.tcpflow', '');
    truncateSync(big, 17 * 1024 * 1024);
    const r = cli(['render', big]);
    assert.equal(r.code, 2);
    assert.match(r.err, /too large \(17 MiB: tcpflow-cli reads inputs up to 16 MiB\)/);
    const piped = cli(['check', '-'], Buffer.alloc(17 * 1024 * 1024, 0x41));
    assert.equal(piped.code, 2);
    assert.match(piped.err, /cannot read '<stdin>': too large/);
  });
});

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
