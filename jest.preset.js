// Shared Jest settings for every project: node environment, swc for speed (type-checking is
// the `typecheck` target's job), tsconfig paths resolved the Nx way.
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  resolver: '@nx/jest/plugins/resolver',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'commonjs' },
      },
    ],
  },
  testMatch: ['**/*.spec.ts'],
  // Integration and end-to-end tiers get the embedded Kafka and engine (see tools/infra).
  globalSetup: path.join(__dirname, 'tools/infra/src/jest/global-setup.ts'),
  globalTeardown: path.join(__dirname, 'tools/infra/src/jest/global-teardown.ts'),
  reporters: ['default', path.join(__dirname, 'tools/dev/jest/summary-reporter.js')],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/target/'],
};
