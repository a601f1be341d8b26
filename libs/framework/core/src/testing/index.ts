export {
  commandCounts,
  countOf,
  metricsText,
  readyz,
  untilReady,
  type CommandCount,
  type Listening,
  type ReadyzBody,
} from './app-probes';
export { connectionCutter, type ConnectionCutter } from './connection-cutter';
export { freePort } from './free-port';
export { startInProcess, testAppEnv, type TestedApp } from './in-process-app';
export { bodyOf, idFromLocation, outcomeOf, problemOf, type ProblemBody } from './replies';
export { spawnApp, type SpawnedApp } from './spawn-app';
export { startedForFile } from './started-for-file';
export { startTestApp, type TestApp } from './test-app';
export { postTo, testCaller, type Call, type CallOptions, type Reply } from './test-caller';
export { testKafkaBrokers, testMongoUrl } from './test-infra';
export { TEST_JWT_SECRET, testToken } from './test-token';
export { uniqueName } from './unique-name';
export { eventually, waitUntil } from './wait-until';
