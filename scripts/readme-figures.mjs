// @ts-check
// `npm run readme:figures`: measures the figures the README quotes and writes them into it, so
// that none is typed by hand. It runs `npm test` (test count, time, FreeBSD and Linux conformance),
// `npm run test:e2e` (scenarios, time; skipped with --no-e2e), packages the extension (.vsix
// size) and, with --bench, `npm run bench` (its summary lines). Each figure sits between
// `<!--fig:NAME-->` and `<!--/fig-->` in README.md; the bench summary between
// `<!--fig:bench-->` and `<!--/fig-->` on lines of their own. A figure the README does not
// mark, or a command that fails, stops the script with a message and README.md untouched.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const README = join(ROOT, 'README.md');
const args = new Set(process.argv.slice(2));

/** Runs an npm script, echoing its output; returns the output and the wall-clock seconds. */
function npm(script, extra = {}) {
  process.stderr.write(`readme:figures: npm ${script}\n`);
  const t0 = Date.now();
  const r = spawnSync('npm', script.split(' '), { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...extra } });
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) {
    process.stderr.write(out.slice(-4000));
    throw new Error(`npm ${script} failed (exit ${r.status}); README.md is unchanged`);
  }
  return { out, seconds: (Date.now() - t0) / 1000 };
}

function match(out, re, what) {
  const m = re.exec(out);
  if (!m) throw new Error(`could not find ${what} in the output`);
  return m;
}

const figures = {};
const test = npm('test');
const [, passed, failed] = match(test.out, /^tests: (\d+) passed, (\d+) failed/m, 'the test count');
if (failed !== '0') throw new Error(`${failed} tests failed`);
figures.tests = passed;
figures['test-seconds'] = String(Math.round(test.seconds));
figures.freebsd = match(test.out, /^\s*total: (\d+\/\d+)$/m, 'the FreeBSD conformance total')[1];
figures.linux = String((test.out.match(/agrees with the kernel, and imports to the committed flow/g) ?? []).length);

if (!args.has('--no-e2e')) {
  const e2e = npm('run test:e2e');
  const [, ok, bad, seconds] = match(e2e.out, /^e2e: (\d+) passed, (\d+) failed \((\d+) s\)/m, 'the e2e summary');
  if (bad !== '0') throw new Error(`${bad} e2e scenarios failed`);
  figures['e2e-scenarios'] = ok;
  figures['e2e-seconds'] = seconds;
}

npm('run package');
figures.vsix = `${(statSync(join(ROOT, 'tcpflow.vsix')).size / 1e6).toFixed(1)} MB`;

if (args.has('--bench')) {
  const bench = npm('run bench');
  // The bench's own tables and summary lines, without npm's and esbuild's chatter.
  const lines = bench.out
    .split('\n')
    .filter(
      (l) =>
        /^(==|segments|lines|linearity|start-up|tcpflow import|tcpflow-cli check|node reads|ratio|keystroke|preview overhead|lean check|input |\.tcpflow text|Markdown note|pcap \(|tcpdump text|\S.* \(reading\)|\S+ +not installed|\.vsix size|\s*\d)/.test(
          l,
        ) && !/^>/.test(l),
    );
  const text = lines
    .map((l) => (l.startsWith('==') ? `\n${l}` : l))
    .join('\n')
    .trim();
  figures.bench = `\n\`\`\`text\n${text}\n\`\`\`\n`;
}

let text = readFileSync(README, 'utf8');
for (const [name, value] of Object.entries(figures)) {
  const re = new RegExp(`(<!--fig:${name}-->)[\\s\\S]*?(<!--/fig-->)`, 'g');
  if (!re.test(text)) throw new Error(`README.md has no <!--fig:${name}--> marker; README.md is unchanged`);
  text = text.replace(re, (_m, open, close) => `${open}${value}${close}`);
}
writeFileSync(README, text);
process.stderr.write(
  `readme:figures: wrote ${Object.entries(figures)
    .filter(([k]) => k !== 'bench')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}${figures.bench ? ', bench' : ''}\n`,
);
