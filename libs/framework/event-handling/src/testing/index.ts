export { evhUnderTest, type EvhUnderTest, type EvhUnderTestSpec } from './evh-under-test';
export { startFakeCmdh, type CannedAnswer, type FakeCmdh, type RecordedRequest } from './fake-cmdh';
