// @ts-check
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-lib/',
      'dist-*/',
      'node_modules/',
      'reports/',
      'test-results/',
      'kernels/',
      'src/core/generated/',
      'scripts/tmp/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/ui/**/*.ts'], ...lit.configs['flat/recommended'] },
  {
    // The core is plain math: no DOM, no lit, no unseeded randomness.
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: ['lit', 'lit/*', '../state/*', '../ui/*'] }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded Rng in src/core/rng.ts.' }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['lit', 'lit/*', '../ui/*'] }] },
  },
);
