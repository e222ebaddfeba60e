// @ts-check
// Before `npm test` and `npm start`: installs node_modules with `npm ci` when it is missing or
// was installed from another package-lock.json (a fresh clone, or a pull that changed the
// dependencies), so the README's two commands work with nothing run before them. Plain Node: no
// dependency needed.
//
// "Another lock" is decided by content, not file times: after installing, the lock's SHA-256 is
// kept in node_modules/.tcpflow-deps, so a checkout that only rewrites package-lock.json (a new
// git worktree, a branch switch there and back) does not reinstall. A node_modules installed by a
// plain `npm ci` (no record yet) is judged by time once, then recorded.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const LOCK = join(ROOT, 'package-lock.json');
// npm writes this copy of the lock when it installs; its time is the installation's.
const INSTALLED = join(ROOT, 'node_modules', '.package-lock.json');
// The SHA-256 of the package-lock.json node_modules was installed from.
const RECORD = join(ROOT, 'node_modules', '.tcpflow-deps');

const lockHash = () => createHash('sha256').update(readFileSync(LOCK)).digest('hex');
const record = () => {
  mkdirSync(join(ROOT, 'node_modules'), { recursive: true });
  writeFileSync(RECORD, `${lockHash()}\n`);
};

/** Why node_modules needs installing, or undefined when it is up to date. */
function staleReason() {
  if (existsSync(RECORD)) {
    return readFileSync(RECORD, 'utf8').trim() === lockHash() ? undefined : 'package-lock.json changed since node_modules was installed';
  }
  if (!existsSync(INSTALLED)) return 'node_modules is missing';
  if (statSync(INSTALLED).mtimeMs < statSync(LOCK).mtimeMs) return 'package-lock.json is newer than node_modules';
  record();
  return undefined;
}

const reason = staleReason();
if (reason) {
  const what = process.argv[2] ? `npm ${process.argv[2]}` : 'set-up';
  process.stderr.write(`${what}: ${reason}; installing the dependencies with npm ci (once, about a minute)\n`);
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`${what}: npm ci failed (exit ${r.status ?? r.signal}); it needs Node.js 20 and access to the npm registry\n`);
    process.exit(1);
  }
  record();
}
