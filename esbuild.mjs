// @ts-check
// Bundles each part of the product with esbuild; `tsc --noEmit` does the type-checking.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
/** The one place the version is written: package.json (src/shared/version.ts reads it from here). */
const version = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).version;

/**
 * Mermaid loads each diagram type (and each graph layout) with a dynamic import, which esbuild
 * would inline: every type Mermaid knows, 3.5 MB. tcpflow draws sequence diagrams only, so every
 * other diagram loader and layout is replaced by a module that says so (KaTeX, which a note's
 * `$$…$$` asks for, stays). Mermaid's code is otherwise as npm ships it.
 * @type {esbuild.Plugin}
 */
const sequenceOnly = {
  name: 'tcpflow-sequence-only',
  setup(build) {
    build.onResolve({ filter: /\.mjs$/ }, (a) => {
      if (a.kind !== 'dynamic-import' || !/[\\/]node_modules[\\/]mermaid[\\/]/.test(a.importer) || /sequenceDiagram-/.test(a.path)) return undefined;
      return { path: a.path, namespace: 'tcpflow-left-out' };
    });
    build.onLoad({ filter: /.*/, namespace: 'tcpflow-left-out' }, (a) => ({
      contents: `throw new Error(${JSON.stringify(`tcpflow's Mermaid draws sequence diagrams only (${a.path.replace(/^.*\//, '')} is left out)`)});`,
      loader: 'js',
    }));
  },
};

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
  {
    entryPoints: ['src/extension/browserExtension.ts'],
    outfile: 'dist/browser/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
  },
  // server.ts holds only the handlers (main.ts is the Node entry): the worker starts the server itself.
  { entryPoints: ['src/server/browserMain.ts'], outfile: 'dist/browser/server.js', platform: 'browser', format: 'iife', target: 'es2022' },
  // The one Mermaid in the package (src/dom/mermaidEntry.ts): the preview webview and the Markdown preview load it
  // as a script of its own, the slide file inlines it before its own script. Only the sequence diagram is kept.
  {
    entryPoints: ['src/dom/mermaidEntry.ts'],
    outfile: 'dist/mermaid.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: false,
    minify: true,
    plugins: [sequenceOnly],
  },
  // The preview webview's script (Mermaid comes from dist/mermaid.js, under the same nonce).
  { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false, minify: true },
  // The "Run Against Linux" panel's script (Mermaid from dist/mermaid.js, as for the preview).
  {
    entryPoints: ['src/webview/kernelRun.ts'],
    outfile: 'dist/kernel-run.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: false,
    minify: true,
  },
  // The HTML slide file's script (inlined after dist/mermaid.js by `render --format html|svg` and "Export Presentation…"), its stylesheets as text.
  {
    entryPoints: ['src/webview/slides.ts'],
    outfile: 'dist/slides.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: false,
    minify: true,
    loader: { '.css': 'text' },
  },
  // The script VS Code's Markdown preview loads (after dist/mermaid.js) to draw ```tcpflow blocks.
  {
    entryPoints: ['src/markdown-preview/main.ts'],
    outfile: 'dist/markdown-preview.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    sourcemap: false,
    minify: true,
  },
];

for (const b of builds) {
  /** @type {esbuild.BuildOptions} */
  const options = {
    bundle: true,
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    metafile: true,
    define: { __TCPFLOW_VERSION__: JSON.stringify(version) },
    ...b,
  };
  if (watch) await (await esbuild.context(options)).watch();
  else oneMermaid(b.outfile ?? '', await esbuild.build(options));
}

/** Mermaid goes into dist/mermaid.js and nowhere else: a bundle that imports it by mistake fails the build. */
function oneMermaid(/** @type {string} */ outfile, /** @type {esbuild.BuildResult} */ result) {
  if (outfile === 'dist/mermaid.js') return;
  const inputs = Object.values(result.metafile?.outputs ?? {}).flatMap((o) => Object.keys(o.inputs));
  const stray = inputs.find((i) => /(^|\/)node_modules\/mermaid\//.test(i));
  if (stray) throw new Error(`${outfile} bundles Mermaid (${stray}): import it through src/dom/mermaid.ts, which loads dist/mermaid.js`);
}

// The kernel run's helper (tcpflow-cli run, TCP Flow: Run Against Linux) runs as a Python file beside the bundles.
mkdirSync('dist', { recursive: true });
copyFileSync('src/kernel/helper.py', 'dist/kernel-helper.py');
