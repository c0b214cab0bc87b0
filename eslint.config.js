import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// A feature's surface is its index.ts: another feature imports `../orgs`, never
// `../orgs/orgs.queries`, so that a feature can change its insides without breaking others.
// One entry per folder depth, since the rule matches the import as written (relative).
const featureBoundary = (files, up) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^${up}(?!\\.\\.)[^/]+/(?!index$).+`,
            message: 'Import another feature only through its index.ts (e.g. "../orgs"); export there what it should share.',
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', '.tmp/', 'e2e/screenshots/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  featureBoundary(['src/server/features/*/*.ts'], '\\.\\./'),
  featureBoundary(['src/server/features/*/*/*.ts'], '\\.\\./\\.\\./'),
);
