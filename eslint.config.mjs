// ESLint flat config: typescript-eslint with type information, so that promises nobody
// awaits (`no-floating-promises`) are errors; the core may not import editor or Node APIs.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.tsbuild/**', 'out/**', 'node_modules/**', 'test/e2e/node_modules/**', 'test/e2e/.cache/**', '**/*.mjs', '**/*.cjs', '**/*.js'] },
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
    files: ['src/core/**/*.ts', 'src/capture/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['vscode', 'vscode-*', 'node:*', 'fs', 'path', 'mermaid'], message: 'The core is pure: no editor, LSP, Node or DOM APIs.' }] },
      ],
    },
  },
);
