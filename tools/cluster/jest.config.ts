import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-cluster',
  // @kubernetes/client-node is ESM only: this preset compiles it for Jest.
  preset: '../../jest.esm-preset.js',
  rootDir: '.',
};

export default config;
