import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-bench',
  preset: '../../jest.preset.js',
  rootDir: '.',
};

export default config;
