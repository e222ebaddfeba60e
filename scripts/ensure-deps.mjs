// @ts-check
// Before `npm test` and `npm start`: installs node_modules with `npm ci` when it is missing or
// older than package-lock.json (a fresh clone, or a pull that changed the dependencies), so the
// README's two commands work with nothing run before them. Plain Node: no dependency needed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const LOCK = join(ROOT, 'package-lock.json');
// npm writes this copy of the lock when it installs; its time is the installation's.
const INSTALLED = join(ROOT, 'node_modules', '.package-lock.json');

/** Why node_modules needs installing, or undefined when it is up to date. */
function staleReason() {
  if (!existsSync(INSTALLED)) return 'node_modules is missing';
  if (statSync(INSTALLED).mtimeMs < statSync(LOCK).mtimeMs) return 'package-lock.json is newer than node_modules';
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
}
