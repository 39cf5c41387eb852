// Lint rules that keep the layers honest (see shared STYLE.md §3, §5): type-checked TypeScript,
// React hooks, import bans per layer, and no ambient time or randomness in the pure layers.

import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const PURE = ['src/lib/**', 'src/engine/**', 'src/cli/**', 'src/scenarios/**', 'src/view/**']

const noAmbientEffects = {
  'no-restricted-globals': [
    'error',
    ...[
      'setTimeout',
      'setInterval',
      'requestAnimationFrame',
      'performance',
      'window',
      'document',
      'self',
      'process',
    ].map((name) => ({
      name,
      message: 'The pure layers have no clock, DOM or host process: pass data in.',
    })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the seeded ctx.rng streams.' },
    { object: 'Date', property: 'now', message: 'Use the virtual clock (World.clock).' },
    { object: 'crypto', property: 'getRandomValues', message: 'Use the seeded ctx.rng streams.' },
    { object: 'crypto', property: 'randomUUID', message: 'Use the seeded ctx.rng streams.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date']",
      message: 'Use the virtual clock (World.clock).',
    },
  ],
}

const layer = (files, patterns, allowTypeImports = false) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: [{ group: patterns, allowTypeImports }] },
    ],
  },
})

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['warn', { allow: ['warn', 'error'] }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: globals.node } },
  { files: PURE, rules: noAmbientEffects },
  layer(['src/lib/**'], ['../**', '!../lib/**']),
  layer(
    ['src/engine/**'],
    [
      '**/cli/**',
      '**/worker/**',
      '**/ui/**',
      '**/scenarios/**',
      'react',
      'react-dom',
      'zustand*',
      'cytoscape',
      'node:*',
    ],
  ),
  layer(
    ['src/cli/**'],
    [
      '**/worker/**',
      '**/ui/**',
      '**/engine/*/**',
      'react',
      'react-dom',
      'zustand*',
      'cytoscape',
      'node:*',
    ],
  ),
  layer(
    ['src/scenarios/**'],
    ['**/cli/**', '**/worker/**', '**/ui/**', '**/engine/*/**', 'node:*'],
  ),
  layer(
    ['src/view/**'],
    [
      '**/worker/**',
      '**/ui/**',
      '**/engine/*/**',
      'react',
      'react-dom',
      'zustand*',
      'cytoscape',
      'node:*',
    ],
  ),
  layer(['src/worker/**'], ['**/ui/**', 'react', 'react-dom', 'zustand*', 'cytoscape', 'node:*']),
  layer(
    ['src/ui/**', 'src/main.tsx'],
    [
      '**/engine',
      '**/engine/**',
      '**/cli',
      '**/cli/**',
      '**/view/**',
      '**/worker/host',
      '**/worker/engine.worker',
      'node:*',
    ],
    true,
  ),
  {
    files: ['src/ui/**/*.tsx', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['tests/**', 'src/repl/**'],
    rules: { 'no-console': 'off' },
  },
)
