/**
 * Where the gateway writes what it did: one line per request and one per upstream failure.
 * A pino logger fits, and so does anything else with these three methods.
 */
export interface GatewayLogger {
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
}

/** Writes nothing: the gateway's default logger. */
export const silentGatewayLogger: GatewayLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
