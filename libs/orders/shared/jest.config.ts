import type { Config } from 'jest';

const config: Config = {
  displayName: 'orders-shared',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
