import type { Db, MongoClientOptions } from 'mongodb';
import { MongoClient } from 'mongodb';
import type { Logger } from 'pino';
import { mapMongoError } from '../errors/map-mongo-error';
import { watchMonitor } from './monitor-watchdog';
import { logTopologyEvents } from './topology-logging';

export interface ConnectMongoOptions {
  /** e.g. `mongodb://host:27017/?replicaSet=rs0` (the embedded engine: `directConnection=true`). */
  readonly url: string;
  readonly dbName: string;
  /** Shows up in the server's logs and `currentOp`: the deployable's name, e.g. `customers-cmdh`. */
  readonly appName: string;
  readonly logger: Logger;
  /** Overrides for the defaults below; rarely needed. */
  readonly driverOptions?: MongoClientOptions;
  /** When a heartbeat that never ends counts as stuck (see `watchMonitor`; default 30 s). */
  readonly monitorStuckAfterMs?: number;
}

export interface MongoConnection {
  readonly client: MongoClient;
  readonly db: Db;
  /** Whether the server answers a `ping` within `timeoutMs` (readiness probes); never throws. */
  ping(timeoutMs?: number): Promise<boolean>;
  /** Closes every pooled connection; in-flight operations fail. */
  close(): Promise<void>;
}

// A pod fails fast at start-up if MongoDB is unreachable rather than hanging its probes, and a
// request fails within seconds during an outage instead of queueing for the driver's 30 s.
const defaults: MongoClientOptions = {
  serverSelectionTimeoutMS: 5_000,
  connectTimeoutMS: 5_000,
  maxPoolSize: 20,
  minPoolSize: 1,
  maxIdleTimeMS: 60_000,
};

/**
 * Connects to MongoDB and verifies the connection. Throws `AppError('unavailable')` when no
 * server can be reached within `serverSelectionTimeoutMS`. Topology problems (failed
 * heartbeats, cleared pools) are logged for as long as the client lives, and a driver monitor
 * stuck in a heartbeat is recovered by reconnecting the client (see `watchMonitor`).
 */
export async function connectMongo(options: ConnectMongoOptions): Promise<MongoConnection> {
  const { url, dbName, appName, logger } = options;
  const log = logger.child({ module: 'mongo' });
  const client = new MongoClient(url, { ...defaults, appName, ...options.driverOptions });
  logTopologyEvents(client, log);
  try {
    await client.connect();
  } catch (error) {
    await client.close().catch(() => undefined);
    throw mapMongoError(error, 'connect');
  }
  const db = client.db(dbName);
  const watchdog = watchMonitor({
    client,
    logger: log,
    ...(options.monitorStuckAfterMs === undefined
      ? {}
      : { stuckAfterMs: options.monitorStuckAfterMs }),
  });
  log.info({ dbName, appName }, 'connected to MongoDB');

  return {
    client,
    db,
    async ping(timeoutMs = 2_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const answer = db.command({ ping: 1 }).then(
        (reply) => reply.ok === 1,
        () => false,
      );
      try {
        return await Promise.race([answer, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      watchdog.stop();
      await client.close();
      log.info('MongoDB connection closed');
    },
  };
}
