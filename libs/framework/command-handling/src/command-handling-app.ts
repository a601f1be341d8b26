import type { Db } from 'mongodb';
import type {
  BaseConfig,
  BoundRoute,
  Logger,
  Metrics,
  RunningApp,
  StartOptions,
} from '@cqrs/framework-core';
import { createServiceRuntime } from '@cqrs/framework-core';
import type { IndexDeclaration, MongoConfig } from '@cqrs/framework-mongo';
import { applyIndexes, connectServiceMongo, scheduleOnOneReplica } from '@cqrs/framework-mongo';

/**
 * A cron job of a `cmdh`: runs every `everyMs` on one replica at a time, the one holding the
 * lease `<SERVICE_NAME>:<name>` (taken over within `leaseTtlMs` when that replica dies).
 */
export interface CommandHandlingJob<H> {
  readonly name: string;
  readonly everyMs: number;
  readonly leaseTtlMs: number;
  /** Builds the task over the app's commands; `logger` is the job's (`module: <name>`). */
  readonly task: (deps: {
    readonly db: Db;
    readonly commands: H;
    readonly logger: Logger;
  }) => (signal: AbortSignal) => Promise<void>;
}

/** What differs between services' `cmdh` apps; `H` is the service's command pipelines. */
export interface CommandHandlingAppSpec<H> {
  /** The write model's indexes: `cmdh` owns its collections and applies them at start-up. */
  readonly indexes: readonly IndexDeclaration[];
  /** The service's command pipelines over its database. */
  readonly commands: (deps: {
    readonly db: Db;
    readonly logger: Logger;
    readonly metrics: Metrics;
  }) => H;
  /** HTTP -> command: the routes the app serves. */
  readonly routes: (commands: H) => readonly BoundRoute[];
  readonly jobs?: readonly CommandHandlingJob<H>[];
}

/**
 * A service's `cmdh` app: its commands over HTTP on its write model (indexes applied), plus its
 * cron jobs, each on one replica at a time. Ready while MongoDB answers.
 */
export async function startCommandHandlingApp<C extends BaseConfig & MongoConfig, H>(
  config: C,
  spec: CommandHandlingAppSpec<H>,
  options: StartOptions = {},
): Promise<RunningApp<C>> {
  const runtime = createServiceRuntime(config, options);
  const { logger, metrics } = runtime;
  const mongo = await connectServiceMongo(runtime);
  await applyIndexes(mongo.db, spec.indexes, logger);

  const commands = spec.commands({ db: mongo.db, logger, metrics });
  for (const job of spec.jobs ?? []) {
    const task = job.task({ db: mongo.db, commands, logger: logger.child({ module: job.name }) });
    scheduleOnOneReplica(runtime, mongo.db, { ...job, task });
  }

  return runtime.serve({
    routes: spec.routes(commands),
    readiness: { mongo: () => mongo.ping() },
  });
}
