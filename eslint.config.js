// Lint keeps the architecture honest: src/shared stays pure, client and server never import
// each other, no UI text escapes translation, and file names are kebab-case.
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'crypto', 'http', 'child_process', 'os', 'url'];

const SERVER_NOT_CLIENT = {
  group: ['**/client/**', '../client/*', 'react', 'react-dom', 'dexie'],
  message: 'The server never imports client code.',
};

// What each hub feature (src/server/features/<feature>/) offers the others; the rest of its
// folder is its own. Kept short: each line is a dependency between two features.
const FEATURE_EXPORTS = [
  'cases/case-ops.ts', // openCase: an Open311 integration opens cases as a door does
  'cases/case-rows.ts', // a case as devices see it, and who receives it (customers, Open311)
  'cases/case-store.ts', // cases with their events (Open311 reads, the staff overview)
  'customers/customer-links.ts', // a contact or a case naming a customer record
  'hsds/from-hsds.ts', // the pack CLI's HSDS import…
  'hsds/hsds-export.ts', // …and export
  'hsds/hsds-files.ts',
  'insight/insight-dues.ts', // a case's open commitments, written when it opens
  'reviews/review-store.ts', // published ratings, in the HSDS output
  'staff/staff-policy.ts', // who may make an op (sync)
  'staff/staff-store.ts', // the person behind a hub session (every staff route)
];

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
      'no-restricted-imports': ['error', { patterns: [SERVER_NOT_CLIENT] }],
    },
  },
  {
    // The hub's platform serves every feature and knows none of them.
    files: ['src/server/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            SERVER_NOT_CLIENT,
            {
              regex: '^(\\.\\./)+(features/|(app|main|storage|demo-data)\\.ts$)',
              message: 'src/server/platform knows no feature: features build on it.',
            },
          ],
        },
      ],
    },
  },
  {
    // A hub feature builds on the platform and src/shared; it reaches another feature only
    // through what that one offers (FEATURE_EXPORTS), never the hub's composition (app.ts,
    // storage.ts), which is what assembles the features.
    files: ['src/server/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            SERVER_NOT_CLIENT,
            {
              // From src/server/features/<a>/, "../<b>/…" is another feature.
              regex: `^\\.\\./(?!\\.\\.)(?!(${FEATURE_EXPORTS.map((file) => file.replace('.', '\\.')).join('|')})$)`,
              message:
                'A feature imports another only through what it offers: FEATURE_EXPORTS in eslint.config.js.',
            },
            {
              regex: '^\\.\\./\\.\\./(?!platform/|\\.\\./)',
              message: 'A feature never imports the hub composition (app.ts, storage.ts, main.ts).',
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
    files: ['migrations/**/*.ts'],
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
