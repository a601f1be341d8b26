import type { Config } from 'jest';

const config: Config = {
  displayName: 'orders-evh',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
