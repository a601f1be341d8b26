export { startFakeCmdh, type CannedAnswer, type FakeCmdh, type RecordedRequest } from './fake-cmdh';
