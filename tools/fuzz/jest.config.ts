import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-fuzz',
  preset: '../../jest.preset.js',
  rootDir: '.',
};

export default config;
