export { startTestApp, type TestApp } from './test-app';
export { TEST_JWT_SECRET, testToken } from './test-token';
export { uniqueName } from './unique-name';
