import type { Logger } from '@cqrs/framework-core';
import { createLogger } from '@cqrs/framework-core';

/** One JSON log line. */
export type LogLine = Readonly<Record<string, unknown>> & { readonly msg?: string };

/** A logger at `level` whose lines the test can read back. */
export function recordingLogger(level: 'debug' | 'info' | 'warn' = 'warn'): {
  logger: Logger;
  lines: LogLine[];
} {
  const lines: LogLine[] = [];
  const destination = {
    write: (line: string) => {
      lines.push(JSON.parse(line) as LogLine);
    },
  };
  return { logger: createLogger({ name: 'test-evh', level, destination }), lines };
}
