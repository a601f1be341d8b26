import type { Config } from 'jest';

const config: Config = {
  displayName: 'customers-evh',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
