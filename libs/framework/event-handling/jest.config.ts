import type { Config } from 'jest';

const config: Config = {
  displayName: 'framework-event-handling',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};

export default config;
