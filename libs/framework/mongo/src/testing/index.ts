export { appOnTestDatabase, type AppOnTestDatabase } from './app-on-test-database';
export { appWithCmdh, ownCmdh, type AppWithCmdh, type CmdhProcess } from './app-with-cmdh';
export {
  pipelineWriter,
  type PipelineWriter,
  type WriteMeta,
  type WriteModel,
} from './pipeline-writer';
export { expectUnchanged, recordWrites, type RecordedWrites } from './record-writes';
export { testDatabase, type TestDatabase } from './test-database';
