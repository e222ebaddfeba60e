/**
 * The step before `npm test` and `npm start` (scripts/ensure-deps.mjs) in a project of its own:
 * it installs node_modules when it is missing or older than package-lock.json, and does nothing
 * when it is up to date.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('scripts/ensure-deps.mjs', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'tcpflow-deps-'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync('scripts/ensure-deps.mjs', join(dir, 'scripts', 'ensure-deps.mjs'));
  // A project with no dependencies: npm ci installs nothing, offline, in a moment.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'deps-probe', version: '1.0.0', private: true }));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'deps-probe', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'deps-probe', version: '1.0.0' } } }));
  const run = (): { code: number | null; err: string } => {
    const r = spawnSync(process.execPath, [join(dir, 'scripts', 'ensure-deps.mjs'), 'test'], { cwd: dir, encoding: 'utf8' });
    return { code: r.status, err: r.stderr };
  };
  const installed = join(dir, 'node_modules', '.package-lock.json');
  const at = (path: string, seconds: number): void => utimesSync(path, seconds, seconds);

  it('installs when node_modules is missing', () => {
    const r = run();
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^npm test: node_modules is missing; installing the dependencies with npm ci/);
  });

  it('does nothing when node_modules is newer than package-lock.json', () => {
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    if (!existsSync(installed)) writeFileSync(installed, '{}');
    at(join(dir, 'package-lock.json'), 1_000_000);
    at(installed, 2_000_000);
    assert.deepEqual(run(), { code: 0, err: '' });
  });

  it('installs again when package-lock.json is newer (a pull changed the dependencies)', () => {
    at(installed, 1_000_000);
    at(join(dir, 'package-lock.json'), 2_000_000);
    const r = run();
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /package-lock\.json is newer than node_modules; installing/);
  });
});
