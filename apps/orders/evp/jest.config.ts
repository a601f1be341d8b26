import type { Config } from 'jest';

const config: Config = {
  displayName: 'orders-evp',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
