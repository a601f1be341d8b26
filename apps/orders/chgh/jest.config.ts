import type { Config } from 'jest';

const config: Config = {
  displayName: 'orders-chgh',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
