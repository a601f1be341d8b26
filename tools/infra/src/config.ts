import path from 'node:path';
import { z } from 'zod';

/** Repository root: tools/infra/src -> ../../.. */
export const repoRoot = path.resolve(__dirname, '../../..');

const port = z.coerce.number().int().min(1).max(65535);

const schema = z.object({
  INFRA_DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.infra')),
  KAFKA_HOST: z.string().min(1).default('127.0.0.1'),
  KAFKA_PORT: port.default(9092),
  KAFKA_CONTROLLER_PORT: port.default(9093),
  KAFKA_HEAP: z.string().default('-Xms512m -Xmx1g'),
  MONGO_HOST: z.string().min(1).default('127.0.0.1'),
  MONGO_PORT: port.default(27017),
  MONGO_HEAP: z.string().default('-Xms256m -Xmx2g'),
  /** Keep the engine's documents and oplog in an H2 file under the data dir across restarts. */
  MONGO_PERSIST: z.stringbool().default(false),
  MONGO_OPLOG_MAX_ENTRIES: z.coerce.number().int().positive().default(1_000_000),
});

export type InfraConfig = ReturnType<typeof parseInfraConfig>;

/** Parses the infra settings from the environment; bad values fail with a readable message. */
export function parseInfraConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid infra configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const c = parsed.data;
  const dataDir = path.resolve(c.INFRA_DATA_DIR);
  return {
    dataDir,
    logDir: path.join(dataDir, 'logs'),
    kafka: {
      host: c.KAFKA_HOST,
      port: c.KAFKA_PORT,
      controllerPort: c.KAFKA_CONTROLLER_PORT,
      heap: c.KAFKA_HEAP.split(/\s+/).filter(Boolean),
      dir: path.join(dataDir, 'kafka'),
      brokers: `${c.KAFKA_HOST}:${c.KAFKA_PORT}`,
    },
    mongo: {
      host: c.MONGO_HOST,
      port: c.MONGO_PORT,
      heap: c.MONGO_HEAP.split(/\s+/).filter(Boolean),
      persist: c.MONGO_PERSIST,
      oplogMaxEntries: c.MONGO_OPLOG_MAX_ENTRIES,
      dir: path.join(dataDir, 'mongo'),
      url: `mongodb://${c.MONGO_HOST}:${c.MONGO_PORT}/?directConnection=true`,
    },
  };
}
