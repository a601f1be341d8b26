import type { Config } from 'jest';

const config: Config = {
  displayName: 'orders-qryh',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
