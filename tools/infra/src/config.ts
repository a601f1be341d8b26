import path from 'node:path';
import { z } from 'zod';

/** Repository root: tools/infra/src -> ../../.. */
export const repoRoot = path.resolve(__dirname, '../../..');

const port = z.coerce.number().int().min(1).max(65535);

/**
 * `dev` is the pair `npm start` and `infra:up` keep across restarts; `test` is the throwaway pair
 * of the test tiers and benchmarks, on ports and a data dir of its own, so a test run never
 * writes into (nor stops, nor is refused by) a developer's persisted state.
 */
const profiles = {
  dev: {
    INFRA_DATA_DIR: path.join(repoRoot, '.infra'),
    KAFKA_PORT: 9092,
    KAFKA_CONTROLLER_PORT: 9093,
    MONGO_PORT: 27017,
    MONGO_PERSIST: true,
  },
  test: {
    INFRA_DATA_DIR: path.join(repoRoot, '.infra', 'test'),
    KAFKA_PORT: 19092,
    KAFKA_CONTROLLER_PORT: 19093,
    MONGO_PORT: 27018,
    MONGO_PERSIST: false,
  },
} as const;

export type InfraProfile = keyof typeof profiles;

const profileSchema = z.object({ INFRA_PROFILE: z.enum(['dev', 'test']).default('dev') });

const schemaFor = (d: (typeof profiles)[InfraProfile]) =>
  z.object({
    INFRA_DATA_DIR: z.string().min(1).default(d.INFRA_DATA_DIR),
    KAFKA_HOST: z.string().min(1).default('127.0.0.1'),
    KAFKA_PORT: port.default(d.KAFKA_PORT),
    KAFKA_CONTROLLER_PORT: port.default(d.KAFKA_CONTROLLER_PORT),
    KAFKA_HEAP: z.string().default('-Xms512m -Xmx1g'),
    MONGO_HOST: z.string().min(1).default('127.0.0.1'),
    MONGO_PORT: port.default(d.MONGO_PORT),
    MONGO_HEAP: z.string().default('-Xms256m -Xmx2g'),
    /** Keep the engine's documents and oplog in an H2 file under the data dir across restarts. */
    MONGO_PERSIST: z.stringbool().default(d.MONGO_PERSIST),
    MONGO_OPLOG_MAX_ENTRIES: z.coerce.number().int().positive().default(1_000_000),
  });

export type InfraConfig = ReturnType<typeof parseInfraConfig>;

/**
 * Where Kafka keeps its logs under a data dir. A persisted pair keeps them next to the engine's
 * file; next to an in-memory engine they are as throwaway as the engine's documents, so they live
 * apart under `ephemeral/` and never mix with (nor wipe) a persisted pair's logs.
 */
export const kafkaDirOf = (dataDir: string, persist: boolean) =>
  persist ? path.join(dataDir, 'kafka') : path.join(dataDir, 'ephemeral', 'kafka');

/** The engine's directory (its H2 file when persisted) under a data dir. */
export const mongoDirOf = (dataDir: string) => path.join(dataDir, 'mongo');

function parseOrThrow<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid infra configuration:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * Parses the infra settings from the environment; bad values fail with a readable message.
 * `INFRA_PROFILE` (`dev` by default, `test` in the test tiers) picks the defaults; every variable
 * set explicitly wins over its profile's default.
 */
export function parseInfraConfig(env: NodeJS.ProcessEnv = process.env) {
  const { INFRA_PROFILE: profile } = parseOrThrow(profileSchema, env);
  const c = parseOrThrow(schemaFor(profiles[profile]), env);
  const dataDir = path.resolve(c.INFRA_DATA_DIR);
  const persist = c.MONGO_PERSIST;
  const mongoDir = mongoDirOf(dataDir);
  return {
    profile,
    dataDir,
    logDir: path.join(dataDir, 'logs'),
    /** Resolved jar classpaths; the test profile shares the dev one so the engine jar is built once. */
    cacheDir:
      profile === 'test' && env.INFRA_DATA_DIR === undefined
        ? path.join(profiles.dev.INFRA_DATA_DIR, 'cache')
        : path.join(dataDir, 'cache'),
    kafka: {
      host: c.KAFKA_HOST,
      port: c.KAFKA_PORT,
      controllerPort: c.KAFKA_CONTROLLER_PORT,
      heap: c.KAFKA_HEAP.split(/\s+/).filter(Boolean),
      dir: kafkaDirOf(dataDir, persist),
      brokers: `${c.KAFKA_HOST}:${c.KAFKA_PORT}`,
    },
    mongo: {
      host: c.MONGO_HOST,
      port: c.MONGO_PORT,
      heap: c.MONGO_HEAP.split(/\s+/).filter(Boolean),
      persist,
      oplogMaxEntries: c.MONGO_OPLOG_MAX_ENTRIES,
      dir: mongoDir,
      /** The engine's H2 file when `persist`. */
      file: path.join(mongoDir, 'engine.mv.db'),
      url: `mongodb://${c.MONGO_HOST}:${c.MONGO_PORT}/?directConnection=true`,
    },
  };
}
