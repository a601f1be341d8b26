import type { z } from 'zod';
import type { RunningApp } from '../app/service-runtime';
import type { StartApp } from '../app/start-app';
import type { BaseConfig } from '../config/base-config';
import { parseConfig } from '../config/parse-config';
import { testKafkaBrokers, testMongoUrl } from './test-infra';
import { TEST_JWT_SECRET } from './test-token';

/** What a test needs to start one app: its name, its config schema and its `start`. */
export interface TestedApp<C extends BaseConfig> {
  /** `SERVICE_NAME`, e.g. `customers-cmdh`. */
  readonly service: string;
  readonly configSchema: z.ZodType<C>;
  readonly start: StartApp<C>;
}

/**
 * The environment of an app under test: loopback on a free port, the test JWT secret, quiet
 * logs and the test MongoDB and Kafka; `env` adds to it or overrides it.
 */
export function testAppEnv(
  service: string,
  env: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    SERVICE_NAME: service,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    JWT_HS256_SECRET: TEST_JWT_SECRET,
    MONGO_URL: testMongoUrl,
    KAFKA_BROKERS: testKafkaBrokers,
    ...env,
  };
}

/**
 * Starts `app` in this process, its config parsed from `testAppEnv` plus `env` the way `main`
 * parses it; without signal handlers, the test stops it with `stop()`.
 */
export function startInProcess<C extends BaseConfig>(
  app: TestedApp<C>,
  env: Readonly<Record<string, string>> = {},
): Promise<RunningApp<C>> {
  const config = parseConfig(app.configSchema, testAppEnv(app.service, env));
  return app.start(config, { installSignalHandlers: false });
}
