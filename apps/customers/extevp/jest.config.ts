import type { Config } from 'jest';

const config: Config = {
  displayName: 'customers-extevp',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
