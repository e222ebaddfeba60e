// @ts-check
// Sets up code-server 4.100.3 (VS Code 1.100.3 on Node 20) from the npm registry alone (no
// download from GitHub or the marketplace: it works offline but for the registry), and starts it. Idempotent: a finished setup is
// marked and reused. Used by `npm start` and by the end-to-end tests.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const ROOT = resolve(import.meta.dirname, '..');
export const CACHE = join(ROOT, '.cache', 'code-server');
const MODULE = join(CACHE, 'node_modules', 'code-server');
const VSCODE = join(MODULE, 'lib', 'vscode');
export const BIN = join(MODULE, 'out', 'node', 'entry.js');
const READY = join(CACHE, `.ready-${CODE_SERVER_VERSION}`);

const log = (s) => process.stderr.write(`[code-server] ${s}\n`);

function run(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${r.status})`);
}

function link(target, path) {
  try {
    lstatSync(path);
    return;
  } catch {
    symlinkSync(target, path);
  }
}

function missingDebianPackages(names) {
  return names.filter((n) => spawnSync('dpkg', ['-s', n], { stdio: 'ignore' }).status !== 0);
}

/** Installs Debian packages that are missing (as root), or says what to install. */
export function ensureDebianPackages(names) {
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`please install these Debian packages first: ${missing.join(' ')}`);
  log(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update', '-qq'], ROOT);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], ROOT, { DEBIAN_FRONTEND: 'noninteractive' });
}

export function ensureCodeServer() {
  if (existsSync(READY)) return BIN;
  ensureDebianPackages(['libkrb5-dev', 'ripgrep']);
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CACHE} (a few minutes, once)`);
  rmSync(CACHE, { recursive: true, force: true });
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ name: 'tcpflow-code-server', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], CACHE);
  run('npm', ['rebuild', 'argon2'], CACHE);
  run('npm', ['install', '--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts'], VSCODE);
  mkdirSync(join(VSCODE, 'node_modules', '@vscode', 'ripgrep', 'bin'), { recursive: true });
  link('/usr/bin/rg', join(VSCODE, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
  run('npm', ['rebuild'], VSCODE, { npm_config_yes: 'true' });
  link('node_modules', join(VSCODE, 'node_modules.asar'));
  link('code-linux.sh', join(VSCODE, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', join(VSCODE, 'bin', 'helpers', 'browser.sh'));
  run('npm', ['install', '--no-audit', '--no-fund', '--omit=dev'], join(VSCODE, 'extensions'));
  writeFileSync(READY, new Date().toISOString());
  return BIN;
}

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => ok(port));
    });
  });
}

/** Installs the .vsix into fresh user-data and extensions folders. */
export function installExtension(vsix, dirs, locale) {
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    ...(dirs.settings ?? {}),
  };
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  if (locale) {
    writeFileSync(join(dirs.userData, 'User', 'argv.json'), JSON.stringify({ locale }));
    registerDisplayLanguage(dirs.userData, locale);
  }
  execFileSync(process.execPath, [BIN, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix, '--force'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * Makes `locale` an installed display language without the marketplace. VS Code (and code-server,
 * which runs the same resolver on the server) switches its display language only when
 * `<user-data>/languagepacks.json` lists a pack for it whose core translation file exists; the
 * Korean pack comes from the marketplace, which this machine cannot reach. This registers a pack
 * with no translations of VS Code's own strings: the workbench reports the language (so
 * `vscode.env.language` is `ko`, the extension's package.nls.ko.json and l10n bundle are used),
 * and VS Code's own menus stay in English.
 */
export function registerDisplayLanguage(userData, locale) {
  const dir = join(userData, 'display-language', locale);
  mkdirSync(dir, { recursive: true });
  const core = join(dir, 'main.i18n.json');
  writeFileSync(core, JSON.stringify({ version: '1.0.0', contents: {} }));
  // VS Code lists a pack's first extension in "Configure Display Language": one must be named.
  const pack = {
    hash: `tcpflow-e2e-${locale}`,
    label: locale,
    extensions: [{ extensionIdentifier: { id: `tcpflow.e2e-display-language-${locale}` }, version: '1.0.0' }],
    translations: { vscode: core },
  };
  writeFileSync(join(userData, 'languagepacks.json'), JSON.stringify({ [locale]: pack }, null, 2));
}

/**
 * Starts code-server on 127.0.0.1:port; resolves once it answers HTTP.
 * @param {{ port: number, dirs: { userData: string, extensions: string }, folder: string, locale?: string }} o
 */
export async function startCodeServer({ port, dirs, folder, locale }) {
  const args = [
    BIN,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    ...(locale ? ['--locale', locale] : []),
    folder,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  // Ready when it says so ("HTTP server listening on …"); the 90 s limit is only a guard.
  await new Promise((ok, fail) => {
    const guard = setTimeout(() => {
      child.kill();
      fail(new Error(`code-server did not start within 90 s:\n${output}`));
    }, 90_000);
    const check = () => {
      if (/HTTP server listening/.test(output)) {
        clearTimeout(guard);
        ok(undefined);
      }
    };
    child.stdout.on('data', check);
    child.stderr.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(guard);
      fail(new Error(`code-server exited (${code}):\n${output}`));
    });
  });
  return { child, url, output: () => output };
}
