// @ts-check
// The fences between the parts of src/ (CONTRIBUTING's map of the house), as ESLint
// `no-restricted-imports` settings: which part may import which, and that code outside the core
// goes through its public surfaces (core/index.ts, or core/pages.ts for the pages' small helpers).
// eslint.config.mjs applies them; test/core/layering.test.ts proves a forbidden import fails.

/** Every part of src/, with the parts it may import (the core imports none). */
export const PARTS = {
  core: [],
  capture: ['core'],
  shared: ['core'],
  dom: [],
  kernel: ['core', 'capture', 'shared'],
  server: ['core', 'shared'],
  cli: ['core', 'shared', 'capture', 'kernel'],
  extension: ['core', 'shared', 'capture', 'kernel'],
  webview: ['core', 'shared', 'dom'],
  'markdown-preview': ['core', 'shared', 'dom'],
};

/** The core's public surfaces: code outside src/core imports these, never a room's file. */
export const CORE_SURFACES = ['index.js', 'pages.js'];

/** No editor, LSP, Node or DOM library in the pure parts. */
const PURE = { group: ['vscode', 'vscode-*', 'node:*', 'fs', 'path', 'mermaid'], message: 'The core is pure: no editor, LSP, Node or DOM APIs.' };
const PURE_PARTS = new Set(['core', 'capture']);

const escape = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The `no-restricted-imports` patterns of one part: every other part it may not import, and
 * (outside the core) any file of the core but its surfaces.
 * @param {keyof typeof PARTS} part
 */
export function fencePatterns(part) {
  const allowed = new Set(/** @type {readonly string[]} */ (PARTS[part]));
  const forbidden = Object.keys(PARTS).filter((p) => p !== part && !allowed.has(p));
  /** @type {Array<{ group?: string[], regex?: string, message: string }>} */
  const patterns = [];
  if (PURE_PARTS.has(part)) patterns.push(PURE);
  if (forbidden.length) {
    patterns.push({
      regex: `^(\\.\\./)+(${forbidden.map(escape).join('|')})(/|$)`,
      message: `src/${part} may import only ${allowed.size ? [...allowed].map((p) => `src/${p}`).join(', ') : 'its own files'} (CONTRIBUTING: the map of the house).`,
    });
  }
  if (part !== 'core' && allowed.has('core')) {
    patterns.push({
      regex: `^(\\.\\./)+core/(?!(${CORE_SURFACES.map(escape).join('|')})$)`,
      message: 'Outside the core, import its public surface (core/index.js, or core/pages.js for the pages), never a room’s file.',
    });
  }
  return patterns;
}

/**
 * One flat-config object a part.
 * @returns {import('eslint').Linter.Config[]}
 */
export function importFences() {
  return Object.keys(PARTS).map((part) => ({
    files: [`src/${part}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: fencePatterns(/** @type {keyof typeof PARTS} */ (part)) }] },
  }));
}
