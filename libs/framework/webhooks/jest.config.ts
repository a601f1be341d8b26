import type { Config } from 'jest';

const config: Config = {
  displayName: 'framework-webhooks',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
