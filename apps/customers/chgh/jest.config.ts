import type { Config } from 'jest';

const config: Config = {
  displayName: 'customers-chgh',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
