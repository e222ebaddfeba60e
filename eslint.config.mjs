// @ts-check
// ESLint flat config: typescript-eslint with type information, so that promises nobody
// awaits (`no-floating-promises`) are errors; the core may not import editor or Node APIs; the .mjs
// scripts are linted too (without type information: tsconfig.scripts.json type-checks them).
import tseslint from 'typescript-eslint';

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
  {
    files: ['src/core/**/*.ts', 'src/capture/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['vscode', 'vscode-*', 'node:*', 'fs', 'path', 'mermaid'], message: 'The core is pure: no editor, LSP, Node or DOM APIs.' }] },
      ],
    },
  },
);
