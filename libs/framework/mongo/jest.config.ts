import type { Config } from 'jest';

const config: Config = {
  displayName: 'framework-mongo',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
