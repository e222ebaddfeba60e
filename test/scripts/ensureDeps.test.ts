/**
 * The step before `npm test` and `npm start` (scripts/ensure-deps.mjs) in a project of its own:
 * it installs node_modules when it is missing or was installed from another package-lock.json,
 * and does nothing when it is up to date — also when a checkout only rewrote the lock's file time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('scripts/ensure-deps.mjs', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'tcpflow-deps-'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync('scripts/ensure-deps.mjs', join(dir, 'scripts', 'ensure-deps.mjs'));
  // A project with no dependencies: npm ci installs nothing, offline, in a moment.
  const lock = join(dir, 'package-lock.json');
  const writeLock = (version: string): void =>
    writeFileSync(lock, JSON.stringify({ name: 'deps-probe', version, lockfileVersion: 3, requires: true, packages: { '': { name: 'deps-probe', version } } }));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'deps-probe', version: '1.0.0', private: true }));
  writeLock('1.0.0');
  const run = (): { code: number | null; err: string } => {
    const r = spawnSync(process.execPath, [join(dir, 'scripts', 'ensure-deps.mjs'), 'test'], { cwd: dir, encoding: 'utf8' });
    return { code: r.status, err: r.stderr };
  };
  const installed = join(dir, 'node_modules', '.package-lock.json');
  const record = join(dir, 'node_modules', '.tcpflow-deps');
  const at = (path: string, seconds: number): void => utimesSync(path, seconds, seconds);

  it('installs when node_modules is missing, and records the lock it installed from', () => {
    const r = run();
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /^npm test: node_modules is missing; installing the dependencies with npm ci/);
    assert.ok(existsSync(record), 'the record of the installed lock');
  });

  it('does nothing when only the lock file’s time changed (a new worktree, a checkout)', () => {
    at(record, 1_000_000);
    at(lock, 2_000_000);
    assert.deepEqual(run(), { code: 0, err: '' });
  });

  it('installs again when package-lock.json changed (a pull changed the dependencies)', () => {
    writeLock('1.0.1');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'deps-probe', version: '1.0.1', private: true }));
    const r = run();
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /package-lock\.json changed since node_modules was installed; installing/);
    assert.deepEqual(run(), { code: 0, err: '' });
  });

  it('judges a node_modules installed by a plain npm ci by time, once, then by content', () => {
    rmSync(record);
    writeFileSync(installed, readFileSync(lock));
    at(lock, 1_000_000);
    at(installed, 2_000_000);
    assert.deepEqual(run(), { code: 0, err: '' });
    assert.ok(existsSync(record), 'recorded after the first judgement');
    rmSync(record);
    at(installed, 1_000_000);
    at(lock, 2_000_000);
    const r = run();
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /package-lock\.json is newer than node_modules; installing/);
  });
});
