export { chghUnderTest, type ChghUnderTest, type ChghUnderTestSpec } from './chgh-under-test';
