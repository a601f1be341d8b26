import type { InfraConfig } from './config';
import { parseInfraConfig } from './config';
import { components, down, up } from './infra';

/**
 * Makes the test tiers (and anything else that only needs a throwaway pair) use the `test`
 * profile unless INFRA_PROFILE is set: Kafka and an in-memory engine on their own ports and data
 * dir, so a test run never writes into, stops or waits on the persisted pair of `npm start`.
 * Set in the environment, it reaches the Jest workers and commands started afterwards too.
 */
export function useTestProfile(env: NodeJS.ProcessEnv = process.env): void {
  env.INFRA_PROFILE ??= 'test';
}

export interface InfraSession {
  readonly config: InfraConfig;
  /** Stops exactly what this session started (nothing when everything was already running). */
  stop(): Promise<void>;
}

/**
 * Brings up the local infrastructure for a session (a test run, `npm start`, a benchmark) and
 * points MONGO_URL / KAFKA_BROKERS at it. When either variable is already set, that service is
 * external and its embedded stand-in is not started.
 */
export async function startLocalInfra(log: (line: string) => void): Promise<InfraSession> {
  const config = parseInfraConfig();
  const needed = components.filter((c) =>
    c.name === 'mongo' ? !process.env.MONGO_URL : !process.env.KAFKA_BROKERS,
  );
  const started = await up(config, log, needed);
  process.env.MONGO_URL ??= config.mongo.url;
  process.env.KAFKA_BROKERS ??= config.kafka.brokers;
  return {
    config,
    stop: () => (started.length > 0 ? down(config, log, started) : Promise.resolve()),
  };
}
