import type { Db, Filter } from 'mongodb';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import { backgroundLoop, backoffDelay, defaultBackoff, sleep } from '@cqrs/framework-core';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { ChangeStreamSubscriber } from '@cqrs/framework-mongo';
import { applyIndexes, isTransientMongoError } from '@cqrs/framework-mongo';
import type { DocumentOrigin, Projection, RebuildableReadModel } from '../projection';
import type { RebuildDocument } from './rebuild';
import type { RebuildStore } from './rebuild-store';
import { serial } from './serial';

export interface RebuildWorkerOptions {
  readonly db: Db;
  /** The write-model collection the scan reads, in `_id` order. */
  readonly source: string;
  readonly projections: readonly Projection[];
  /** The rebuildable ones among them, by name (see `rebuildableReadModels`). */
  readonly readModels: ReadonlyMap<string, RebuildableReadModel>;
  readonly store: RebuildStore;
  /** Write-model documents per scan step. */
  readonly batchSize: number;
  /** How often the leader looks for rebuilds requested (or cancelled) on any replica. */
  readonly pollMs: number;
  /** A pause between scan steps, to spare the write model. */
  readonly pauseMs: number;
  readonly documents: Counter<'projection'>;
  readonly logger: Logger;
}

/** A rebuild the leader works on: its state as last read, and its projection into the target. */
interface Active {
  rebuild: RebuildDocument;
  readonly target: Projection;
}

const collectionExists = async (db: Db, name: string) =>
  (await db.listCollections({ name }, { nameOnly: true }).toArray()).length > 0;

// Steps failing this many times in a row fail the rebuild (a transient outage rarely lasts so).
const maxFailures = 5;

/**
 * The leader's side of read-model rebuilds (run it with the change stream, on the lease
 * holder only). `apply` is the change stream's handler: every batch goes to the projections and,
 * while a rebuild is active, to its target too (dual-write), so a write the scan read too early
 * still arrives. The background loop scans the write model into the target, then renames the
 * target over the live collection. Both run through one queue, so the switch never races a
 * batch; state is in `read_model_rebuilds`, so the next leader continues from `after`.
 */
export function createRebuildWorker(options: RebuildWorkerOptions) {
  const { db, store, projections, readModels } = options;
  const log = options.logger.child({ module: 'read-model-rebuild' });
  const queue = serial();
  const source = db.collection<VersionedDocument>(options.source);
  // Active rebuilds by id, as this term last loaded them; `undefined` before the term's first load.
  let active: Map<string, Active> | undefined;

  async function drop(collection: string): Promise<void> {
    if (await collectionExists(db, collection)) await db.dropCollection(collection);
  }

  async function fail(rebuild: RebuildDocument, error: unknown): Promise<void> {
    log.error({ err: error, rebuild: rebuild._id, readModel: rebuild.readModel }, 'rebuild failed');
    active?.delete(rebuild._id);
    await drop(rebuild.target);
    await store.failed(rebuild._id, error instanceof Error ? error.message : String(error));
  }

  /** Reloads what to work on; drops the targets of cancelled rebuilds. */
  async function load(): Promise<Map<string, Active>> {
    const loaded = new Map<string, Active>();
    for (const rebuild of await store.unfinished()) {
      const readModel = readModels.get(rebuild.readModel);
      if (rebuild.status === 'cancelled') {
        await drop(rebuild.target);
        await store.targetDropped(rebuild._id);
        log.info({ rebuild: rebuild._id, readModel: rebuild.readModel }, 'rebuild cancelled');
      } else if (!readModel) {
        await fail(rebuild, new Error(`${rebuild.readModel} is not rebuildable in this app`));
      } else {
        loaded.set(rebuild._id, { rebuild, target: readModel.into(rebuild.target) });
      }
    }
    return loaded;
  }

  async function applyToTargets(
    documents: readonly VersionedDocument[],
    origin: DocumentOrigin,
  ): Promise<void> {
    for (const { rebuild, target } of (active ??= await load()).values()) {
      try {
        await target.apply(documents, origin);
      } catch (error) {
        // An outage fails the batch (retried, idempotent); a target that cannot take it fails
        // its rebuild rather than stall the read models that serve.
        if (isTransientMongoError(error)) throw error;
        await fail(rebuild, error);
      }
    }
  }

  /** Renames the finished target over the live collection; again after a crash mid-switch. */
  async function switchOver({ rebuild, target }: Active): Promise<void> {
    if (await collectionExists(db, rebuild.target)) {
      await applyIndexes(db, target.indexes, log);
      await db.renameCollection(rebuild.target, rebuild.collection, { dropTarget: true });
    }
    await store.completed(rebuild._id);
    active?.delete(rebuild._id);
    log.info(
      { rebuild: rebuild._id, readModel: rebuild.readModel, documents: rebuild.documents },
      'read model rebuilt and switched',
    );
  }

  /** One scan batch into the target, or the switch once the scan is done. */
  async function step(current: Active): Promise<void> {
    const { rebuild, target } = current;
    if (rebuild.status === 'switching') return switchOver(current);
    const filter = (
      rebuild.after === null ? {} : { _id: { $gt: rebuild.after } }
    ) as Filter<VersionedDocument>;
    const batch = await source.find(filter).sort({ _id: 1 }).limit(options.batchSize).toArray();
    const last = batch.at(-1);
    if (!last) {
      // Created even when empty, so that a missing target later means "already renamed".
      if (!(await collectionExists(db, rebuild.target))) await db.createCollection(rebuild.target);
      if (await store.switching(rebuild._id)) {
        await switchOver({ ...current, rebuild: { ...rebuild, status: 'switching' } });
      }
      return;
    }
    await target.apply(batch, 'snapshot');
    const documents = rebuild.documents + batch.length;
    if (await store.progress(rebuild._id, last._id, documents)) {
      current.rebuild = { ...rebuild, after: last._id, documents };
      options.documents.inc({ projection: rebuild.readModel }, batch.length);
    }
  }

  const loop = backgroundLoop(async (stop, ready) => {
    ready();
    if (readModels.size === 0) return;
    let failures = 0;
    while (!stop.aborted) {
      // The rebuild of the step in flight, the oldest first: one at a time.
      let working: Active | undefined;
      try {
        await queue(async () => {
          active = await load();
          working = active.values().next().value;
          if (working) await step(working);
        });
        failures = 0;
      } catch (error) {
        failures += 1;
        log.warn({ err: error, failures }, 'rebuild step failed; retrying');
        const failing = working;
        if (failures >= maxFailures && failing) {
          await queue(() => fail(failing.rebuild, error)).catch(() => undefined);
          failures = 0;
        }
        await sleep(backoffDelay(failures, defaultBackoff), stop);
        continue;
      }
      await sleep(working ? options.pauseMs : options.pollMs, stop);
    }
  });

  return {
    /** Hands `documents` to every projection and every active rebuild's target, in order. */
    apply: (documents: readonly VersionedDocument[], origin: DocumentOrigin) =>
      queue(async () => {
        for (const projection of projections) await projection.apply(documents, origin);
        await applyToTargets(documents, origin);
      }),
    /** Starts a term: the first batch loads the active rebuilds again before anything else. */
    start: () => {
      active = undefined;
      return loop.start();
    },
    stop: () => loop.stop(),
  };
}

export type RebuildWorker = ReturnType<typeof createRebuildWorker>;

/**
 * The leader's work as one unit for the lease: the change stream and the rebuilds start and stop
 * together, so rebuilds run only on the replica that follows the stream.
 */
export const withRebuilds = (
  subscriber: ChangeStreamSubscriber,
  rebuilds: Pick<RebuildWorker, 'start' | 'stop'>,
): ChangeStreamSubscriber => ({
  name: subscriber.name,
  async start() {
    await subscriber.start();
    await rebuilds.start();
  },
  async stop() {
    await rebuilds.stop();
    await subscriber.stop();
  },
  isRunning: () => subscriber.isRunning(),
  caughtUpTo: () => subscriber.caughtUpTo(),
});
