export type { Component } from './component';
export { parseInfraConfig, repoRoot, type InfraConfig, type InfraProfile } from './config';
export { components, down, stateOf, status, up } from './infra';
export { resolveClasspath } from './java';
export { engineClasspath } from './mongo';
export { reset } from './reset';
export { startLocalInfra, useTestProfile, type InfraSession } from './session';
