/** tcpflow-cli as a user runs it: the built bundle in a real process, its output and exit codes. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMermaid } from '../helpers/mermaidParse.js';

const CLI = 'dist/cli.js';
/** The CLI in a process whose locale is English unless the test names one. */
const cliIn = (locale: Record<string, string>, ...args: string[]): { code: number; out: string; err: string } => {
  const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...locale };
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
};
const cli = (...args: string[]): { code: number; out: string; err: string } => cliIn({}, ...args);
const tmp = mkdtempSync(join(tmpdir(), 'tcpflow-cli-'));
const file = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('tcpflow-cli', () => {
  before(() => assert.ok(existsSync(CLI), 'run `npm run build` first'));

  it("--version prints package.json's version, and so does the language server", () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    assert.equal(cli('--version').out, `${version}\n`);
    assert.equal(spawnSync(process.execPath, ['dist/server.js', '--version'], { encoding: 'utf8' }).stdout, `${version}\n`);
  });

  it('check: exit 0 on the examples, with a summary on stderr', () => {
    const r = cli('check', 'examples');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.err, /file\(s\) checked, 0 error\(s\)/);
  });

  it('check: file:line:col: severity code: message, and exit 1 on errors', () => {
    const p = file('bad.tcpflow', 'client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN ACK seq=y ack=x+2\n');
    const r = cli('check', p);
    assert.equal(r.code, 1);
    const errors = r.out.split('\n').filter((l) => l.includes(': error '));
    assert.deepEqual(errors, [
      `${p}:4:23: error TF402: ack=x+2 acknowledges more than S has received: SYN and FIN each take one sequence number, so the answer to \`SYN seq=x\` acknowledges x+1 (RCV.NXT).`,
    ]);
  });

  it('check: JSON with 1-based positions, and Korean messages', () => {
    const p = file('bad2.tcpflow', 'A -> B: SYM\n');
    const r = cli('check', '--format', 'json', '--lang', 'ko', p);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out) as { files: { path: string; diagnostics: Record<string, unknown>[] }[] };
    assert.deepEqual(j.files[0]!.diagnostics[0], {
      line: 1,
      column: 9,
      endLine: 1,
      endColumn: 12,
      severity: 'error',
      code: 'TF101',
      message: "알 수 없는 플래그 'SYM'입니다. 플래그는 SYN ACK FIN RST PSH URG ECE CWR입니다. 'SYN'을 뜻했나요?",
    });
  });

  it("check: tcpflow blocks in Markdown, with the Markdown file's line numbers", () => {
    const p = file('note.md', '# Note\n\ntext\n\n```tcpflow\nclient C\nserver S\nC -> S: SYN seq=1\nC is ESTABLISHED\n```\n');
    const r = cli('check', p);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      new RegExp(
        `^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:9:6: error TF500: C is SYN_SENT here, not ESTABLISHED: C left CLOSED at line 8, when it sent SYN\\.`,
        'm',
      ),
    );
  });

  it('render: valid Mermaid, and a Markdown file with a mermaid block', async () => {
    const r = cli('render', 'examples/three-way-handshake.tcpflow');
    assert.equal(r.code, 0);
    assert.ok((await parseMermaid(r.out)).ok);
    const md = cli('render', '--format', 'markdown', 'examples/study-note.md');
    assert.equal(md.code, 0);
    assert.doesNotMatch(md.out, /```tcpflow/);
    assert.equal((md.out.match(/```mermaid/g) ?? []).length, 2);
    assert.match(md.out, /^## Closing$/m);
  });

  it('render --show-options adds the TCP options to the labels; a Fast Open cookie shows without it', async () => {
    const p = file(
      'options.tcpflow',
      [
        'client C',
        'server S',
        'C -> S: SYN seq=x mss=1460 sackOK ts=100 ecr=0 wscale=7',
        'S -> C: SYN ACK seq=y ack=x+1 mss=1460 sackOK ts=500 ecr=100 wscale=7 cookie=c1',
      ].join('\n'),
    );
    const plain = cli('render', p);
    assert.match(plain.out, /P1->>P2: SYN seq=x\n/);
    assert.match(plain.out, /ack=x\+1 cookie c1\n/);
    const shown = cli('render', '--show-options', p);
    assert.equal(shown.code, 0);
    assert.match(shown.out, /P1->>P2: SYN seq=x MSS 1460 WS 7 SACK-OK TS 100\/0\n/);
    assert.ok((await parseMermaid(shown.out)).ok);
    assert.match(cli('render', '--show-options', '--format', 'markdown', 'examples/fast-open.tcpflow').out, /cookie c1/);
  });

  it("explain: JSON steps with both endpoints' states in underscore spelling", () => {
    const r = cli('explain', '--format', 'json', 'examples/simultaneous-open.tcpflow');
    assert.equal(r.code, 0);
    const j = JSON.parse(r.out) as {
      participants: { name: string }[];
      steps: { line: number; states: Record<string, string> }[];
      final: Record<string, string>;
    };
    assert.deepEqual(
      j.participants.map((p) => p.name),
      ['A', 'B'],
    );
    assert.deepEqual(j.steps.find((s) => s.line === 8)!.states, { A: 'SYN_RECEIVED', B: 'SYN_RECEIVED' });
    assert.deepEqual(j.final, { A: 'ESTABLISHED', B: 'ESTABLISHED' });
  });

  it('explain and render take --lang ko', () => {
    const ex = cli('explain', '--lang', 'ko', 'examples/three-way-handshake.tcpflow');
    assert.equal(ex.code, 0, ex.err);
    assert.match(ex.out, /^스택: rfc9293; 참여자: Client \(client, 시작 상태 CLOSED\), Server \(server, 시작 상태 LISTEN\)$/m);
    assert.match(ex.out, /^최종: Client=ESTABLISHED {2}Server=ESTABLISHED$/m);
    const crossing = file('crossing.tcpflow', 'client C\nserver S\nC -> S: SYN seq=x\nS -> C: SYN seq=y\n& C -> S: SYN ACK seq=x ack=y+1\nwait 2s\n');
    const ko = cli('render', '--lang', 'ko', crossing);
    assert.equal(ko.code, 0, ko.err);
    assert.match(ko.out, /^ {2}par 엇갈려 전송 중$/m);
    assert.match(ko.out, /^ {2}Note over P1,P2: 대기 2 s$/m);
    assert.match(cli('render', crossing).out, /^ {2}par crossing in flight$/m);
  });

  it('follows the locale when there is no --lang: LC_ALL, then LC_MESSAGES, then LANG', () => {
    const p = file('bad3.tcpflow', 'A -> B: SYM\n');
    const korean = /알 수 없는 플래그 'SYM'/;
    assert.match(cliIn({ LANG: 'ko_KR.UTF-8' }, 'check', p).out, korean);
    assert.match(cliIn({ LANG: 'ko_KR.UTF-8' }, 'check', p).err, /^파일 1개 검사: 오류 \d+개/);
    assert.match(cliIn({ LC_MESSAGES: 'ko_KR.UTF-8' }, 'check', p).out, korean);
    assert.doesNotMatch(cliIn({ LANG: 'ko_KR.UTF-8', LC_ALL: 'en_US.UTF-8' }, 'check', p).out, korean, 'LC_ALL wins');
    assert.doesNotMatch(cliIn({ LANG: 'ko_KR.UTF-8' }, 'check', '--lang', 'en', p).out, korean, '--lang wins');
    assert.match(cliIn({ LANG: 'ko_KR.UTF-8' }, 'explain', 'examples/three-way-handshake.tcpflow').out, /^최종:/m);
    assert.match(cliIn({ LANG: 'C' }, 'explain', 'examples/three-way-handshake.tcpflow').out, /^final:/m);
  });

  it('usage and I/O problems: one line on stderr, exit 2', () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['check'],
      ['check', '--format', 'xml', 'x'],
      ['check', '--bogus', 'x'],
      ['check', join(tmp, 'missing.tcpflow')],
      ['render', 'a', 'b'],
    ]) {
      const r = cli(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, r.err);
      assert.match(r.err, /^tcpflow-cli: /);
      assert.equal(r.out, '');
    }
  });

  it('never crashes on binary or huge garbage: bytes that are not UTF-8 are named, printable garbage is checked', () => {
    const bin = join(tmp, 'garbage.tcpflow');
    writeFileSync(bin, Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 256)));
    const r = cli('check', bin);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /cannot read '.*garbage\.tcpflow': not UTF-8 text: byte 0x\w\w at line \d+ \(byte offset \d+\)/);
    assert.doesNotMatch(r.err, /internal error/);
    // The same bytes as UTF-8 text (each byte a character): read and checked.
    const latin = file('garbage1.tcpflow', Buffer.from(Array.from({ length: 20000 }, (_, i) => (i * 7919) % 256)).toString('latin1'));
    const l = cli('check', latin);
    assert.ok(l.code === 0 || l.code === 1, l.err);
    assert.doesNotMatch(l.err, /internal error/);
    const text = file(
      'garbage2.tcpflow',
      Array.from({ length: 20000 }, (_, i) => String.fromCharCode(32 + ((i * 7919) % 95)) + (i % 97 === 0 ? '\n' : '')).join(''),
    );
    const t = cli('check', text);
    assert.ok(t.code === 0 || t.code === 1, t.err);
    assert.doesNotMatch(t.err, /internal error/);
  });
});
