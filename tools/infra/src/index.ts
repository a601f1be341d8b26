export type { Component } from './component';
export { parseInfraConfig, repoRoot, type InfraConfig } from './config';
export { components, down, stateOf, status, up } from './infra';
export { startLocalInfra, type InfraSession } from './session';
