import type { Config } from 'jest';

const config: Config = {
  displayName: 'orders-extevp',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
