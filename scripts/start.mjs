// @ts-check
// `npm start`: build and package the extension, then open a VS Code with it on examples/ —
// the `code` command when there is one, otherwise code-server served on 127.0.0.1.
// `npm start -- --check` starts code-server, checks that it serves VS Code, and stops (CI).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureCodeServer, freePort, installExtension, startCodeServer } from './code-server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const VSIX = join(ROOT, 'tcpflow.vsix');
const EXAMPLES = join(ROOT, 'examples');
const CHECK_ONLY = process.argv.includes('--check');

const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

step('npm', ['run', 'package']);

if (has('code') && !process.env.TCPFLOW_USE_CODE_SERVER && !CHECK_ONLY) {
  step('code', ['--install-extension', VSIX, '--force']);
  step('code', [EXAMPLES]);
  console.log(`\nTCP Flow is installed; VS Code opened ${EXAMPLES}.`);
  process.exit(0);
}

let server;
try {
  ensureCodeServer();
  const dirs = { userData: join(ROOT, '.cache', 'start', 'user-data'), extensions: join(ROOT, '.cache', 'start', 'extensions') };
  rmSync(join(ROOT, '.cache', 'start'), { recursive: true, force: true });
  mkdirSync(dirs.userData, { recursive: true });
  installExtension(VSIX, dirs);
  const port = Number(process.env.PORT) || (await freePort());
  server = await startCodeServer({ port, dirs, folder: EXAMPLES });
} catch (e) {
  console.error(
    `\nnpm start: no VS Code to open. There is no \`code\` command, and code-server could not be set up or started:\n  ${e instanceof Error ? e.message.split('\n')[0] : e}\nInstall VS Code (the \`code\` command), or install what the line above names and run npm start again.`,
  );
  process.exit(1);
}
const url = `${server.url}?folder=${encodeURIComponent(EXAMPLES)}`;
const stop = () => {
  server.child.kill();
  process.exit(0);
};
if (CHECK_ONLY) {
  // `npm start -- --check` (CI): the same start, then one request to the page, then stop.
  const res = await fetch(url).catch((e) => ({ ok: false, status: String(e), text: async () => '' }));
  const page = res.ok ? await res.text() : '';
  const ok = res.ok && page.includes('vscode');
  console.log(
    ok ? `npm start: VS Code (code-server) answered at ${url}; stopping (--check).` : `npm start: code-server did not serve VS Code at ${url} (${res.status}).`,
  );
  server.child.kill();
  process.exit(ok ? 0 : 1);
}
console.log(`\nTCP Flow is running in VS Code (code-server) at:\n\n    ${url}\n\nOpen it in a browser. Press Ctrl+C to stop.`);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
