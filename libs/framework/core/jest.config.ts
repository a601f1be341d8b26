import type { Config } from 'jest';

const config: Config = {
  displayName: 'framework-core',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
