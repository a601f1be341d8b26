import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-workspace',
  preset: '../../jest.preset.js',
  rootDir: '.',
};

export default config;
