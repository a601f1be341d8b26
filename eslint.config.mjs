// @ts-check
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Who may import whom. Services never import each other; an app uses its own service's shared
 * lib and the framework; the framework knows no service; tools may read every service's shared
 * lib (route declarations for the gateway and openapi.yaml) but never an app.
 */
const depConstraints = [
  { sourceTag: 'scope:framework', onlyDependOnLibsWithTags: ['scope:framework'] },
  {
    sourceTag: 'scope:customers',
    onlyDependOnLibsWithTags: ['scope:customers', 'scope:framework'],
  },
  { sourceTag: 'scope:orders', onlyDependOnLibsWithTags: ['scope:orders', 'scope:framework'] },
  {
    sourceTag: 'scope:tools',
    onlyDependOnLibsWithTags: ['scope:tools', 'scope:framework', 'scope:customers', 'scope:orders'],
  },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:shared', 'type:framework'] },
  { sourceTag: 'type:shared', onlyDependOnLibsWithTags: ['type:framework'] },
  { sourceTag: 'type:framework', onlyDependOnLibsWithTags: ['type:framework'] },
  // Inside the framework: core knows no other lib; each infrastructure adapter (MongoDB, Kafka,
  // the cmdh client) knows only core, never another adapter or a pipeline; the role pipelines
  // build on both.
  { sourceTag: 'layer:core', onlyDependOnLibsWithTags: ['layer:core'] },
  { sourceTag: 'layer:infrastructure', onlyDependOnLibsWithTags: ['layer:core'] },
  {
    sourceTag: 'layer:pipeline',
    onlyDependOnLibsWithTags: ['layer:core', 'layer:infrastructure', 'layer:pipeline'],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:tool', 'type:shared', 'type:framework'],
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules', '**/dist', '**/coverage', '**/target', '.nx', '.infra', 'tmp'] },
  ...nx.configs['flat/base'],
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.spec.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      // deciderSpec's then* assert (libs/framework/command-handling/src/testing).
      'jest/expect-expect': [
        'error',
        {
          assertFunctionNames: [
            'expect',
            'expect*',
            '**.when.then',
            '**.when.thenMatches',
            '**.when.thenRefused',
          ],
        },
      ],
      'jest/no-disabled-tests': 'error',
      'jest/no-focused-tests': 'error',
    },
  },
  {
    // Command-line tools talk to a person on stdout; services log through pino.
    files: ['tools/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
