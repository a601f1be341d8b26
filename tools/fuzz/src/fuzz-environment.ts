/** Where the fuzzing run's own system listens, away from `npm start` and the test tiers. */
export interface FuzzEnvironment {
  /** Infrastructure variables for tools/infra (ports, data directory). */
  readonly infra: Readonly<Record<string, string>>;
  readonly gatewayPort: number;
  readonly basePort: number;
}

const port = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} is not a port: ${value}`);
  return n;
};

/**
 * The fuzzing run's ports and data directory: its own Kafka (19192/19193), engine (27117) and
 * `dataDir` (`tmp/fuzz-infra`), gateway 18480 and apps from 3600, each overridable by its variable, so it
 * never collides with the defaults (8080, 9092, 9093, 27017) or another run on the machine.
 */
export function fuzzEnvironment(env: NodeJS.ProcessEnv, dataDir: string): FuzzEnvironment {
  return {
    infra: {
      KAFKA_PORT: String(port(env.KAFKA_PORT, 19192, 'KAFKA_PORT')),
      KAFKA_CONTROLLER_PORT: String(
        port(env.KAFKA_CONTROLLER_PORT, 19193, 'KAFKA_CONTROLLER_PORT'),
      ),
      MONGO_PORT: String(port(env.MONGO_PORT, 27117, 'MONGO_PORT')),
      INFRA_DATA_DIR: env.INFRA_DATA_DIR || dataDir,
    },
    gatewayPort: port(env.FUZZ_GATEWAY_PORT, 18480, 'FUZZ_GATEWAY_PORT'),
    basePort: port(env.FUZZ_BASE_PORT, 3600, 'FUZZ_BASE_PORT'),
  };
}
