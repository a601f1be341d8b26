import { z } from 'zod';
import type { BaseConfig, ServiceRuntime } from '@cqrs/framework-core';
import type { CommandClient } from './command-client';
import { createCommandClient } from './command-client';

/** The settings of an app that sends commands to its service's own `cmdh` (evh, extevh). */
export const cmdhClientConfigShape = {
  /** Base URL of the service's own `cmdh`, e.g. `http://customers-cmdh:8080`. */
  CMDH_URL: z.url({ protocol: /^https?$/ }),
  /** The JWT (role `service`) sent to `cmdh` with every command. */
  SERVICE_TOKEN: z.string().min(1),
  /** Longest a command to `cmdh` may take. */
  COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
};

/** The parsed settings of `cmdhClientConfigShape`. */
export interface CmdhClientConfig {
  readonly CMDH_URL: string;
  readonly SERVICE_TOKEN: string;
  readonly COMMAND_TIMEOUT_MS: number;
}

/** The app's keep-alive client to its own `cmdh`, closed when the app stops. */
export function connectCmdhClient(
  runtime: ServiceRuntime<BaseConfig & CmdhClientConfig>,
): CommandClient {
  const { config, logger, lifecycle } = runtime;
  const token = config.SERVICE_TOKEN;
  const client = createCommandClient({
    baseUrl: config.CMDH_URL,
    token: () => token,
    timeoutMs: config.COMMAND_TIMEOUT_MS,
    logger,
  });
  lifecycle.onStop('command client', () => client.close());
  return client;
}
