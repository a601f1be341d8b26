export type { Component } from './component';
export { parseInfraConfig, repoRoot, type InfraConfig } from './config';
export { components, down, stateOf, status, up } from './infra';
export { resolveClasspath } from './java';
export { engineClasspath } from './mongo';
export { startLocalInfra, type InfraSession } from './session';
