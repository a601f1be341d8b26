import type { DevApp } from '@cqrs/tools-workspace';

/** An app that runs (or will run) at a URL. */
export interface PlacedApp {
  readonly app: DevApp;
  /** Its base URL, e.g. `http://127.0.0.1:3101`. */
  readonly url: string;
}

export interface AppEnvironmentInput {
  readonly app: DevApp;
  readonly host: string;
  readonly port: number;
  /** Every app of the system; the app gets the URLs of its own service's others. */
  readonly placed: readonly PlacedApp[];
  readonly mongoUrl: string;
  readonly kafkaBrokers: string;
  readonly jwtSecret: string;
  /** A JWT with role `service`, for calling internal routes of its own service. */
  readonly serviceToken: string;
  /** The providers' Standard Webhooks secrets the `extevh` apps accept, comma-separated. */
  readonly webhookSecrets?: string;
  readonly logLevel: string;
  /** The runner's own environment (PATH, HOME, proxies...), passed on minus the app contract. */
  readonly inherited: NodeJS.ProcessEnv;
}

const localWebhookNetworks = '127.0.0.0/8,::1';

/** Inherited variables that would contradict what the runner sets (`JWT_JWKS_URL` next to a secret). */
const contractVariable =
  /^(SERVICE_NAME|HOST|PORT|LOG_LEVEL|LOG_PRETTY|MONGO_URL|MONGO_DB|KAFKA_BROKERS|SERVICE_TOKEN|JWT_[A-Z0-9_]+|WEBHOOK_[A-Z0-9_]+_NETWORKS|WEBHOOK_SECRETS|[A-Z][A-Z0-9]*_URL)$/;

/**
 * The environment one app is started with, the app contract:
 *
 * | variable | value |
 * | --- | --- |
 * | `SERVICE_NAME` | `<service>-<role>` |
 * | `HOST`, `PORT` | where to listen |
 * | `LOG_LEVEL` | the runner's `LOG_LEVEL`, default `info` (`LOG_PRETTY=false`: the runner renders) |
 * | `MONGO_URL`, `MONGO_DB` | the engine; the database is the service's name |
 * | `KAFKA_BROKERS` | the broker list |
 * | `JWT_HS256_SECRET` | the local secret |
 * | `SERVICE_TOKEN` | a JWT with role `service` |
 * | `<ROLE>_URL` | base URL of each *other* app of the same service, e.g. `CMDH_URL` |
 * | `WEBHOOK_ALLOWED_NETWORKS`, `WEBHOOK_PLAIN_HTTP_NETWORKS` | loopback: local webhook receivers |
 * | `WEBHOOK_SECRETS` | the providers' secrets (`extevh`), when given |
 *
 * Other inherited variables pass through; inherited ones that the contract owns (any `JWT_*`,
 * any `*_URL`) are dropped so that the shell cannot contradict the runner.
 */
export function appEnvironment(input: AppEnvironmentInput): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(input.inherited)) {
    if (value !== undefined && !contractVariable.test(key)) env[key] = value;
  }
  for (const other of input.placed) {
    if (other.app.service === input.app.service && other.app.name !== input.app.name) {
      env[`${other.app.role.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`] = other.url;
    }
  }
  return {
    ...env,
    SERVICE_NAME: input.app.name,
    HOST: input.host,
    PORT: String(input.port),
    LOG_LEVEL: input.logLevel,
    LOG_PRETTY: 'false',
    MONGO_URL: input.mongoUrl,
    MONGO_DB: input.app.service,
    KAFKA_BROKERS: input.kafkaBrokers,
    JWT_HS256_SECRET: input.jwtSecret,
    SERVICE_TOKEN: input.serviceToken,
    // Partners' receivers run on this machine: loopback over plain http (never in production).
    WEBHOOK_ALLOWED_NETWORKS: localWebhookNetworks,
    WEBHOOK_PLAIN_HTTP_NETWORKS: localWebhookNetworks,
    ...(input.webhookSecrets === undefined ? {} : { WEBHOOK_SECRETS: input.webhookSecrets }),
  };
}
