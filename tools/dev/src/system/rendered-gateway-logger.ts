import type { GatewayLogger } from '../gateway/gateway-logger';
import type { PrefixedOutput } from '../logs/prefixed-output';

const serializable = (value: unknown): unknown =>
  value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value;

/**
 * A gateway logger whose lines look like the apps': each record is written as a pino-style JSON
 * line and rendered by the same `PrefixedOutput`, under the name `gateway`.
 */
export function renderedGatewayLogger(output: PrefixedOutput): GatewayLogger {
  const write = (level: string) => (fields: Record<string, unknown>, msg: string) => {
    const record: Record<string, unknown> = { level, time: Date.now(), msg };
    for (const [key, value] of Object.entries(fields)) record[key] = serializable(value);
    output.line(JSON.stringify(record));
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}
