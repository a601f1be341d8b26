import type { Config } from 'jest';

const config: Config = {
  displayName: 'framework-webhook-delivery',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
