// The pods tier (`test-pods`): the ESM preset (client-node), with the whole system deployed to
// the local one-node cluster in global setup instead of the embedded Kafka and engine.
const path = require('node:path');
const base = require('./jest.esm-preset.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  globalSetup: path.join(__dirname, 'tools/deploy/src/testing/pods-global-setup.ts'),
  globalTeardown: path.join(__dirname, 'tools/deploy/src/testing/pods-global-teardown.ts'),
};
