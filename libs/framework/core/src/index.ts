export { hasRole, type Actor } from './auth/actor';
export {
  createAuthenticator,
  type Authenticator,
  type AuthenticatorOptions,
} from './auth/authenticator';
export { signToken, type SignTokenOptions } from './auth/sign-token';
export { baseConfigSchema, type BaseConfig } from './config/base-config';
export { ConfigError } from './config/config-error';
export { parseConfig, type Environment } from './config/parse-config';
export { AppError, errorCodes, type AppErrorOptions, type ErrorCode } from './errors/app-error';
export {
  fieldErrors,
  problemContentType,
  problemTypeBase,
  toProblem,
  type FieldError,
  type Problem,
} from './errors/problem';
export { createHttpApp, type HttpAppOptions } from './http/create-app';
export {
  etagOf,
  ifMatchHeaderSchema,
  ifMatchPattern,
  matchesIfNoneMatch,
  versionFromIfMatch,
} from './http/etag';
export { isoTimeSchema } from './http/iso-time';
export { freeTextSchema, notBlankPattern, singleLineTextPattern } from './http/text-patterns';
export { type Readiness, type ReadinessReport } from './http/probes';
export {
  appRoles,
  defineRoute,
  linkTo,
  nextPageLink,
  withLinks,
  type ApiRoute,
  type AppRole,
  type HttpMethod,
  type RouteLink,
  type RouteResponse,
} from './http/route';
export {
  bindRoute,
  type BoundRoute,
  type DeepReadonly,
  type RouteHandler,
  type RouteRequest,
  type RouteResult,
} from './http/route-handler';
export { toExpressPath } from './http/route-path';
export {
  etagHeader,
  problem,
  requestProblems,
  roleRequired,
  pascalCase,
} from './http/route-responses';
export { startHttpServer, type HttpServerOptions, type RunningServer } from './http/server';
export {
  createLifecycle,
  type Lifecycle,
  type LifecycleOptions,
  type Stopper,
} from './lifecycle/lifecycle';
export { runMain } from './lifecycle/run-main';
export { currentContext, runWithContext, type RequestContext } from './logging/context';
export {
  createLogger,
  redactPaths,
  type CreateLoggerOptions,
  type Logger,
  type LogLevel,
} from './logging/logger';
export {
  createMetrics,
  type ChangeStreamLag,
  type CommandOutcome,
  type Metrics,
} from './metrics/metrics';
export {
  createServiceRuntime,
  type ReadinessChecks,
  type RunningApp,
  type ServiceRuntime,
  type StartOptions,
} from './app/service-runtime';
export type { StartApp } from './app/start-app';
export {
  defineService,
  type ServiceDeclaration,
  type ServiceDescriptor,
} from './app/service-descriptor';
export { backgroundLoop, type BackgroundLoop } from './timing/background-loop';
export { failSpan, frameworkTracer, inSpan, type SpanOptions } from './tracing/spans';
export {
  startTracing,
  stopTracing,
  tracingStarted,
  type StartTracingOptions,
} from './tracing/start-tracing';
export {
  contextFrom,
  spanLinksTo,
  spanLinkTo,
  traceContextOf,
  traceContextShape,
  type TraceContext,
} from './tracing/trace-context';
export { tracingSettings, type TracingSettings } from './tracing/tracing-settings';
export { backoffDelay, defaultBackoff, type BackoffOptions } from './timing/backoff';
export { sleep, within } from './timing/sleep';
