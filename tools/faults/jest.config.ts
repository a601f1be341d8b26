import type { Config } from 'jest';

const config: Config = {
  displayName: 'tools-faults',
  preset: '../../jest.preset.js',
  rootDir: '.',
};

export default config;
