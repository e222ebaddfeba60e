// @ts-check
// Bundles each part of the product with esbuild; `tsc --noEmit` does the type-checking.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
/** The one place the version is written: package.json (src/shared/version.ts reads it from here). */
const version = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;

/** @type {esbuild.BuildOptions[]} */
const builds = [
  // tcpflow-cli
  { entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  // The language server: VS Code starts it over IPC, other editors with --stdio.
  { entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  // The extension host side.
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  // The web extension (vscode.dev, github.dev): the extension for the web worker extension host, and the
  // language server in a web worker. Browser builds: an import of Node's built-ins fails the build.
  { entryPoints: ['src/extension/browserExtension.ts'], outfile: 'dist/browser/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'] },
  // server.ts holds only the handlers (main.ts is the Node entry): the worker starts the server itself.
  { entryPoints: ['src/server/browserMain.ts'], outfile: 'dist/browser/server.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // The preview webview: our script with Mermaid bundled in, one file (a nonce-based CSP allows it).
  { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false, minify: true },
  // The HTML slide file's script (inlined by `render --format html` and "Export Presentation…"), its stylesheets as text.
  { entryPoints: ['src/webview/slides.ts'], outfile: 'dist/slides.js', platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false, minify: true, loader: { '.css': 'text' } },
  // The script VS Code's Markdown preview loads to draw ```tcpflow blocks.
  { entryPoints: ['src/markdown-preview/main.ts'], outfile: 'dist/markdown-preview.js', platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false, minify: true },
];

for (const b of builds) {
  /** @type {esbuild.BuildOptions} */
  const options = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', define: { __TCPFLOW_VERSION__: JSON.stringify(version) }, ...b };
  if (watch) await (await esbuild.context(options)).watch();
  else await esbuild.build(options);
}

// The kernel run's helper (tcpflow-cli run, TCP Flow: Run Against Linux) runs as a Python file beside the bundles.
mkdirSync('dist', { recursive: true });
copyFileSync('src/kernel/helper.py', 'dist/kernel-helper.py');
