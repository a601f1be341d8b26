import pino, { type Level, type Logger, type LoggerOptions } from 'pino';
import { activeSpanIds } from '../tracing/active-span-ids';
import { currentContext } from './context';

export type { Logger } from 'pino';
export type LogLevel = Level | 'silent';

/**
 * Paths never written to logs. Wildcards match one level only, so the common keys are listed at
 * the top level too (`log.info({ token })`) and one level down (`log.info({ user: { token } })`).
 */
export const redactPaths: readonly string[] = [
  ...['authorization', 'cookie', 'set-cookie', 'x-api-key'].flatMap((header) => [
    `headers["${header}"]`,
    `req.headers["${header}"]`,
    `res.headers["${header}"]`,
  ]),
  ...[
    'password',
    'secret',
    'token',
    'apiKey',
    'accessToken',
    'refreshToken',
    'authorization',
  ].flatMap((key) => [key, `*.${key}`]),
  ...['JWT_HS256_SECRET', 'hs256Secret'].flatMap((key) => [key, `*.${key}`]),
];

export interface CreateLoggerOptions {
  /** The service name (e.g. `customers-cmdh`), written as `service` on every line. */
  readonly name: string;
  readonly level: LogLevel;
  /** Human-readable output through pino-pretty (a dev dependency): local runs only. */
  readonly pretty?: boolean;
  /** Further paths to redact, in pino's path syntax. */
  readonly redact?: readonly string[];
  /** Where to write; stdout by default. Tests pass a stream to read the lines back. */
  readonly destination?: pino.DestinationStream;
}

/**
 * Builds the app's one pino logger. Modules take `logger.child({ module })`; errors go under
 * `err` (with their `cause` chain); the current request and correlation ids are added to every
 * line written inside `runWithContext`, and `trace_id` / `span_id` to every line written while a
 * span is active (tracing on).
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const config: LoggerOptions = {
    level: options.level,
    base: { service: options.name },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names rather than numbers: readable in any log viewer, not only pino-aware ones.
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: pino.stdSerializers.errWithCause },
    redact: { paths: [...redactPaths, ...(options.redact ?? [])], censor: '[redacted]' },
    mixin: () => {
      const context = currentContext();
      const span = activeSpanIds();
      return context === undefined ? { ...span } : { ...context, ...span };
    },
  };
  if (options.pretty === true) {
    return pino({ ...config, transport: { target: 'pino-pretty', options: { singleLine: true } } });
  }
  return options.destination === undefined ? pino(config) : pino(config, options.destination);
}
