// Lint keeps the architecture honest: src/shared stays pure, client and server never import
// each other, no UI text escapes translation, and file names are kebab-case.
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'crypto', 'http', 'child_process', 'os', 'url'];

export default tseslint.config(
  { ignores: ['dist', 'dev-dist', 'data', '.tools', 'node_modules', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'check-file': checkFile },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.{ts,tsx}': 'KEBAB_CASE' },
        { ignoreMiddleExtensions: true },
      ],
      'check-file/folder-naming-convention': ['error', { 'src/**/': 'KEBAB_CASE' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-*',
                'react/*',
                'dexie',
                'dexie-*',
                'fastify',
                '@fastify/*',
                'kysely',
                'kysely/*',
                'better-sqlite3',
                'pg',
                'i18next',
                ...NODE_BUILTINS,
              ],
              message: 'src/shared is the pure domain core: no UI, storage, HTTP or Node imports.',
            },
            {
              group: ['**/client/**', '**/server/**', '../client/*', '../server/*'],
              message: 'src/shared must not depend on the client or the server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/client/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: 'detect' } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react/jsx-no-literals': ['error', { noStrings: false, ignoreProps: true }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '../server/*', ...NODE_BUILTINS, 'fastify', 'kysely', 'pg'],
              message: 'The client talks to the server only over HTTP.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only app/ wires features together.
    files: ['src/client/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', ...NODE_BUILTINS, 'fastify', 'kysely', 'pg'],
              message: 'The client talks to the server only over HTTP.',
            },
            {
              // From src/client/features/<a>/, "../<b>/…" is another feature.
              regex: '^\\.\\./(?!\\.\\.)',
              message: 'Features never import each other; compose them in src/client/app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/client/**', '../client/*', 'react', 'react-dom', 'dexie'],
              message: 'The server never imports client code.',
            },
          ],
        },
      ],
    },
  },
  {
    // Frozen migrations: SQL files, and frozen copies of what SQL cannot do. Importing the
    // application would let a change to its code change what an old migration does, and a
    // fresh hub would then differ from an upgraded one. Kysely, Node and this folder only.
    files: ['src/server/platform/store/migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!kysely(/|$)|node:|\\./[^/]+$)',
              message: 'A migration imports nothing from the application: copy what it needs.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression, CallExpression[callee.name="require"]',
          message: 'A migration imports nothing from the application: copy what it needs.',
        },
      ],
      'check-file/filename-naming-convention': [
        'error',
        { '**/*.ts': '@(+([0-9])*(-+([a-z0-9]))|+([a-z])*([a-z0-9])*(-+([a-z0-9])))' },
        { ignoreMiddleExtensions: true },
      ],
    },
  },
);
