import type { Config } from 'jest';

const config: Config = {
  displayName: 'customers-shared',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
