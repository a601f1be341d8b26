import type { Config } from 'jest';

const config: Config = {
  displayName: 'customers-cmdh',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
