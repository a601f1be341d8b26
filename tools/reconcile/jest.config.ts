import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-reconcile',
  preset: '../../jest.preset.js',
  rootDir: '.',
};

export default config;
