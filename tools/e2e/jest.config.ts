import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-e2e',
  preset: '../../jest.preset.js',
  rootDir: '.',
};

export default config;
