import type { Config } from 'jest';

const config: Config = {
  displayName: 'customers-qryh',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
