// @ts-check
import tseslint from 'typescript-eslint';

/**
 * Lint rules, including the layer boundaries of DESIGN.md:
 * domain ← io (formats) and domain ← store ← services ← api | cli, and web talks to the server over HTTP only
 * (it may import src/api/schemas types and pure src/domain functions).
 */
const layer = (files, groups, message, extra = {}) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group: groups, message, ...extra }] }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'bench/.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  layer(
    ['src/domain/**/*.ts'],
    ['**/store/**', '**/services/**', '**/api/**', '**/cli/**', '**/io/**', 'node:*', 'fs', 'path', 'kysely', 'pg', 'better-sqlite3', 'fastify', '@fastify/*'],
    'domain/ is pure: no I/O, no database, no framework. Pass data in from the caller.',
  ),
  {
    ...layer(
      ['src/io/**/*.ts'],
      ['**/store/**', '**/services/**', '**/api/**', '**/cli/**', 'node:*', 'fs', 'path', 'kysely', 'pg', 'better-sqlite3', 'fastify', '@fastify/*'],
      'io/ turns file formats into domain inputs and back: text in, text out; callers read and write the files.',
    ),
    ignores: ['src/io/**/*.test.ts'],
  },
  layer(['src/store/**/*.ts'], ['**/services/**', '**/api/**', '**/cli/**'], 'store/ sits below services and api.'),
  layer(['src/services/**/*.ts'], ['**/api/**', '**/cli/**'], 'services/ may only import types from api/schemas.', { allowTypeImports: true }),
  layer(['src/api/**/*.ts'], ['**/cli/**'], 'api/ must not depend on the CLI.'),
  layer(
    ['web/**/*.{ts,tsx}'],
    ['**/src/store/**', '**/src/services/**', '**/src/cli/**', '**/src/io/**', '**/src/api/*.ts', '**/src/api/routes/**'],
    'web/ talks to the server over HTTP; it may import src/api/schemas types and pure src/domain code only.',
  ),
  {
    files: ['**/*.test.ts', '**/*.int.test.ts', '**/*.e2e.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
