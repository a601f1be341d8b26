import type { Config } from 'jest';

const config: Config = {
  displayName: 'customers-evp',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
