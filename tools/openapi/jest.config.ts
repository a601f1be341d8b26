import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-openapi',
  preset: '../../jest.preset.js',
  rootDir: '.',
};

export default config;
