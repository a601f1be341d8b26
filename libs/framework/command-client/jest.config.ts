import type { Config } from 'jest';

const config: Config = {
  displayName: 'framework-command-client',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
