import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-infra',
  preset: '../../jest.preset.js',
  rootDir: '.',
};

export default config;
