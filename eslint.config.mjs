// A small ESLint config. Its main job: keep editor and LSP APIs out of the analysis code
// (server/src/service), which must stay a pure library the CLI and the server share.
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.e2e/**', 'test/e2e/**', '*.vsix'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Hostile input is normal input (docs/security.md "Time"): no pattern whose matching time
    // grows faster than the line (V8 backtracks; `/[ \t]+$/` on a long run of blanks is quadratic).
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-move': ['error', { ignoreSticky: false, ignorePartial: false }],
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-*'], message: 'The service is a pure library: no editor or LSP APIs (convert at the edge in server/src/lsp).' },
          { group: ['**/lsp/**', '**/cli/**'], message: 'The service must not depend on its wrappers.' },
        ],
      }],
    },
  },
);
