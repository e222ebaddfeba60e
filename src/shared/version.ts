/**
 * The product's version, from package.json: esbuild writes it in at build time (`define` in
 * esbuild.mjs), so the CLI, the language server and package.json never disagree. Code run
 * unbundled (tests under tsx) gets a placeholder.
 */

declare const __TCPFLOW_VERSION__: string | undefined;

export const VERSION: string = typeof __TCPFLOW_VERSION__ === 'string' ? __TCPFLOW_VERSION__ : '0.0.0-unbundled';
