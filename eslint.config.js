// Lint rules for the whole tree, and the import boundary: src/engine, src/generator and
// src/lessons (which imports only the engine) are pure and import nothing of the app (see docs
// in /work/shared/style.md, "Imports point inward").
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** What pure code must not import: the app's layers, UI and browser libraries, Node. */
const PURE_CODE_IMPORTS = [
  {
    regex: '(^|/)(ui|worker|storage|cli)(/|$)',
    message: 'src/engine and src/generator are pure: they import nothing of the app.',
  },
  {
    regex: '^(svelte|d3|d3-[a-z-]+|idb|comlink)(/.*)?$',
    message: 'src/engine and src/generator are pure: no UI, storage or worker libraries.',
  },
  {
    regex: '^node:',
    message: 'src/engine and src/generator run in the browser and in workers: no Node built-ins.',
  },
];

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ts.configs.strictTypeChecked,
  ts.configs.stylisticTypeChecked,
  svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        // Keep this the same for .ts and .svelte files, or the project service reloads.
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { parser: ts.parser, svelteConfig },
    },
  },
  {
    rules: {
      // It asks for `x!` where strict's no-non-null-assertion forbids `!`: keep the stricter one.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      // `() => doThing()` as a callback (handlers, expect(...).toThrow) is idiomatic.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Unused arguments and destructured names starting with _ are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/engine/**', 'src/generator/**', 'src/lessons/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: PURE_CODE_IMPORTS }],
    },
  },
  {
    // The code generator is pure as well, and of the app it imports only the engine.
    files: ['src/codegen/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...PURE_CODE_IMPORTS,
            {
              regex: '(^|/)(generator|lessons)(/|$)',
              message: 'src/codegen imports only the engine.',
            },
          ],
        },
      ],
    },
  },
);
