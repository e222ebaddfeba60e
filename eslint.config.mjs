// @ts-check
// ESLint flat config: typescript-eslint with type information, so that promises nobody
// awaits (`no-floating-promises`) are errors; each part imports only the parts CONTRIBUTING allows
// (scripts/importFences.mjs), the core no editor or Node APIs; the .mjs
// scripts are linted too (without type information: tsconfig.scripts.json type-checks them).
import tseslint from 'typescript-eslint';
import { importFences } from './scripts/importFences.mjs';

export default tseslint.config(
  { ignores: ['dist/**', '.tsbuild/**', 'out/**', 'node_modules/**', 'test/e2e/node_modules/**', 'test/e2e/.cache/**', '**/*.cjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The .mjs scripts (build, start, e2e, integration): type-checked by tsconfig.scripts.json
    // (which also finds undefined names), linted here.
    files: ['**/*.mjs'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  // Which part may import which, the core through its surfaces only, and no Node or editor API in
  // the pure parts: scripts/importFences.mjs.
  ...importFences(),
);
