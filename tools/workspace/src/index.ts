export type { DevApp } from './apps/dev-app';
export { discoverApps, type DiscoverAppsOptions } from './apps/discover-apps';
export { selectApps } from './apps/select-apps';
export type { PathSegment } from './routing/path-pattern';
export {
  buildRouteTable,
  gatewayProbePaths,
  matchRoute,
  RouteTableError,
  type BuildRouteTableOptions,
  type GatewayRoute,
  type GatewayRouteSource,
  type RouteMatch,
  type RouteTable,
} from './routing/route-table';
export { LOCAL_JWT_SECRET, resolveJwtSecret } from './secrets/local-jwt-secret';
export { LOCAL_WEBHOOK_SECRET, resolveWebhookSecrets } from './secrets/local-webhook-secret';
export { allRoutes, workspaceServices } from './services';
