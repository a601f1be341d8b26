import type { Config } from 'jest';

const config: Config = {
  displayName: 'framework-jobs',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
