import type { Config } from 'jest';

const config: Config = {
  displayName: 'customers-extevh',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
