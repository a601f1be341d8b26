export { appOnTestDatabase, type AppOnTestDatabase } from './app-on-test-database';
export { appWithCmdh, ownCmdh, type AppWithCmdh, type CmdhProcess } from './app-with-cmdh';
export { expectUnchanged, recordWrites, type RecordedWrites } from './record-writes';
export { tcpProxy } from './tcp-proxy';
export { silentLogger, testDatabase, type TestDatabase } from './test-database';
export { killable } from './killable-lease';
