export type { DevApp } from './apps/dev-app';
export { discoverApps, type DiscoverAppsOptions } from './apps/discover-apps';
export { selectApps } from './apps/select-apps';
export { createGateway, gatewayProbePaths, type GatewayOptions } from './gateway/create-gateway';
export { silentGatewayLogger, type GatewayLogger } from './gateway/gateway-logger';
export type { PathSegment } from './gateway/path-pattern';
export {
  buildRouteTable,
  matchRoute,
  RouteTableError,
  type BuildRouteTableOptions,
  type GatewayRoute,
  type GatewayRouteSource,
  type RouteMatch,
  type RouteTable,
} from './gateway/route-table';
export { formatLogLine, type FormatOptions } from './logs/format-log-line';
export { appEnvironment, type AppEnvironmentInput, type PlacedApp } from './system/app-environment';
export { LOCAL_JWT_SECRET, resolveJwtSecret } from './system/local-jwt-secret';
export { LOCAL_WEBHOOK_SECRET, resolveWebhookSecrets } from './system/local-webhook-secret';
export type { AppCommand } from './system/app-process';
export { runCommand } from './system/run-command';
export {
  startSystem,
  type LocalSystem,
  type RunningSystem,
  type StartSystemOptions,
  type SystemControl,
} from './system/start-system';
