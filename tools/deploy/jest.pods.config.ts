import type { Config } from 'jest';

/** The deploy tool against the whole system in the local cluster's pods (`*.pods.spec.ts`). */
const config: Config = {
  displayName: 'tools-deploy (pods)',
  preset: '../../jest.pods-preset.js',
  rootDir: '.',
  testMatch: ['**/*.pods.spec.ts'],
};

export default config;
