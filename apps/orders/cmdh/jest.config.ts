import type { Config } from 'jest';

const config: Config = {
  displayName: 'orders-cmdh',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
