import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-dev',
  preset: '../../jest.preset.js',
  rootDir: '.',
};

export default config;
