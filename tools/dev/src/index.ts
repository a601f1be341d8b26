export { createGateway, type GatewayOptions } from './gateway/create-gateway';
export { silentGatewayLogger, type GatewayLogger } from './gateway/gateway-logger';
export { formatLogLine, type FormatOptions } from './logs/format-log-line';
export { appEnvironment, type AppEnvironmentInput, type PlacedApp } from './system/app-environment';
export type { AppCommand } from './system/app-process';
export { runCommand } from './system/run-command';
export {
  startSystem,
  type LocalSystem,
  type RunningSystem,
  type StartSystemOptions,
  type SystemControl,
} from './system/start-system';
export {
  defaultJaegerPorts,
  startTracingBackend,
  type TracingBackend,
} from './system/tracing-backend';
