import type { LogEntry, logCreator } from 'kafkajs';
import { logLevel } from 'kafkajs';
import type { Level, Logger } from 'pino';

/**
 * pino's level for a kafkajs level. A function, not a table built at load: a bundle that only
 * takes this library's schemas then does not load kafkajs at all.
 */
function pinoLevelOf(level: logLevel): Level | undefined {
  switch (level) {
    case logLevel.ERROR:
      return 'error';
    case logLevel.WARN:
      return 'warn';
    case logLevel.INFO:
      return 'info';
    case logLevel.DEBUG:
      return 'debug';
    default:
      return undefined;
  }
}

/**
 * The kafkajs level that lets through what `logger` would print, so kafkajs does not build
 * entries pino then drops (its DEBUG level is chatty: every request).
 */
export function kafkaLogLevelFor(logger: Logger): logLevel {
  if (logger.isLevelEnabled('debug')) return logLevel.DEBUG;
  if (logger.isLevelEnabled('info')) return logLevel.INFO;
  if (logger.isLevelEnabled('warn')) return logLevel.WARN;
  if (logger.isLevelEnabled('error')) return logLevel.ERROR;
  return logLevel.NOTHING;
}

/**
 * Routes kafkajs logs into pino: same levels, kafkajs' namespace (`Consumer`, `Producer`,
 * `BrokerPool`, ...) as `module`, its extra fields as fields, and its `error` string as `err`.
 * kafkajs' own `timestamp` and `logger` fields are dropped: pino stamps every line itself.
 */
export function pinoLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const pinoLevel = pinoLevelOf(level);
      if (!pinoLevel) return;
      const {
        message,
        timestamp: _timestamp,
        logger: _logger,
        error,
        ...fields
      } = log as typeof log & {
        error?: unknown;
        logger?: unknown;
      };
      kafkaLogger[pinoLevel](
        {
          module: namespace || 'kafkajs',
          ...fields,
          ...(error === undefined ? {} : { err: error }),
        },
        message,
      );
    };
}
