import type { Config } from 'jest';

/** The end-to-end suites, unchanged, against the whole system in the local cluster's pods. */
const config: Config = {
  displayName: 'tools-e2e (pods)',
  preset: '../../jest.pods-preset.js',
  rootDir: '.',
  testMatch: ['**/*.e2e.spec.ts'],
  // It starts Jaeger and points the apps it starts at it; the pods export nowhere.
  testPathIgnorePatterns: ['/tracing\\.e2e\\.spec\\.ts$'],
};

export default config;
