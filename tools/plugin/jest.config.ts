import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-plugin',
  preset: '../../jest.preset.js',
  rootDir: '.',
};

export default config;
