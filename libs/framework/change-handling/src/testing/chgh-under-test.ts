import type { Db, Document, Filter } from 'mongodb';
import type { RunningApp } from '@cqrs/framework-core';
import type { TestedApp } from '@cqrs/framework-core/testing';
import { startInProcess } from '@cqrs/framework-core/testing';
import type { CheckpointDocument } from '@cqrs/framework-mongo';
import { testDatabase } from '@cqrs/framework-mongo/testing';
import type { AuditEntry } from '../audit-entry';
import type { ChangeHandlingConfig } from '../change-handling-app';

/** What differs between services' `chgh` tests. */
export interface ChghUnderTestSpec<C extends ChangeHandlingConfig> {
  readonly chgh: TestedApp<C>;
  /** The write-model collection the app follows, e.g. `customers`. */
  readonly source: string;
  /** The audit-trail collection it writes, e.g. `customer_history`. */
  readonly history: string;
}

/**
 * A database of its own for one test, and replicas of a service's `chgh` started in-process on
 * it. `H` is the service's audit-trail entry type.
 */
export interface ChghUnderTest<H extends Document> {
  readonly db: Db;
  /** The lease and checkpoint name every replica shares: `<SERVICE_NAME>:<source>`. */
  readonly streamName: string;
  /**
   * Starts one more replica (short lease, small batches, so tests see hand-overs quickly);
   * `env` adds settings or overrides these.
   */
  readonly startReplica: (env?: Readonly<Record<string, string>>) => Promise<RunningApp>;
  readonly stopReplica: (app: RunningApp) => Promise<void>;
  /** The aggregate's audit trail, oldest version first. */
  readonly historyOf: (aggregateId: string) => Promise<H[]>;
  /** Whether a replica leads and follows its stream, past any initial snapshot. */
  readonly streamOpen: () => Promise<boolean>;
  /** Stops the replicas still running and drops the database. */
  readonly close: () => Promise<void>;
}

/** See {@link ChghUnderTest}; `spec.chgh` is started through the same config parsing as `main`. */
export async function chghUnderTest<
  C extends ChangeHandlingConfig,
  H extends Document = AuditEntry,
>(spec: ChghUnderTestSpec<C>): Promise<ChghUnderTest<H>> {
  const database = await testDatabase(spec.chgh.service);
  const { db } = database;
  const streamName = `${spec.chgh.service}:${spec.source}`;
  const running = new Set<RunningApp>();

  async function stopReplica(app: RunningApp): Promise<void> {
    running.delete(app);
    await app.stop();
  }

  return {
    db,
    streamName,
    async startReplica(env = {}) {
      const app = await startInProcess(spec.chgh, {
        MONGO_DB: database.name,
        // Short, so a standby takes over within a second or two of a clean stop.
        LEASE_TTL_MS: '1500',
        BATCH_SIZE: '3',
        REBUILD_POLL_MS: '100',
        ...env,
      });
      running.add(app);
      return app;
    },
    stopReplica,
    historyOf: (aggregateId) =>
      db
        .collection<H>(spec.history)
        .find({ aggregateId } as Filter<Document> as Filter<H>)
        .sort({ version: 1 })
        .toArray() as Promise<H[]>,
    streamOpen: async () =>
      (await db
        .collection<CheckpointDocument>('checkpoints')
        .countDocuments({ _id: streamName, snapshot: { $exists: false } })) === 1,
    async close() {
      try {
        await Promise.all([...running].map((app) => stopReplica(app)));
      } finally {
        await database.drop();
      }
    },
  };
}
