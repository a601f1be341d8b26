import { ConfigError } from '../config/config-error';
import type { Logger } from '../logging/logger';

/**
 * Runs an app's `main` and turns a start-up failure into exit code 1: a ConfigError is printed
 * as the prettified list of bad variables (no stack: it is the operator's input, not a bug);
 * anything else is logged at fatal with its stack, through `logger` when one exists yet.
 *
 * `main` resolves once the app is serving; the lifecycle's signal handlers end the process.
 */
export async function runMain(main: () => Promise<void>, logger?: Logger): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`invalid configuration:\n${error.message}\n`);
    } else if (logger !== undefined) {
      logger.fatal({ err: error }, 'start-up failed');
    } else {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`start-up failed: ${text}\n`);
    }
    process.exit(1);
  }
}
