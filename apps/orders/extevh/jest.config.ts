import type { Config } from 'jest';

const config: Config = {
  displayName: 'orders-extevh',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
