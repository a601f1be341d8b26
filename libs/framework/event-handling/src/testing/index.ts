export { evhUnderTest, type EvhUnderTest, type EvhUnderTestSpec } from './evh-under-test';
