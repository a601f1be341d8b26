import type { Config } from 'jest';

const config: Config = {
  displayName: 'framework-kafka',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
