import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-plugin',
  // The cluster spec uses @kubernetes/client-node, ESM only: this preset compiles it for Jest.
  preset: '../../jest.esm-preset.js',
  rootDir: '.',
};

export default config;
