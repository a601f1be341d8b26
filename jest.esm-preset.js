// The shared preset, plus swc compiling the ESM-only packages that tools import (tools-cluster,
// tools-deploy, tools-bench): @kubernetes/client-node 2.x and a few of its dependencies ship ESM
// only, while Jest loads tests as CommonJS. Everything else in node_modules stays untransformed.
const base = require('./jest.preset.js');

const esmOnly = [
  '@kubernetes/client-node',
  'openid-client',
  'oauth4webapi',
  'jose',
  'socks-proxy-agent',
  'agent-base',
];

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  transform: {
    ...base.transform,
    '^.+\\.js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};
