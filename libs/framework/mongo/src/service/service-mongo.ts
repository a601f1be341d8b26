import { z } from 'zod';
import type { BaseConfig, ServiceDeclaration, ServiceRuntime } from '@cqrs/framework-core';
import type { MongoConnection } from '../connection/connect-mongo';
import { connectMongo } from '../connection/connect-mongo';
import { mapMongoError } from '../errors/map-mongo-error';

/** The MongoDB settings of an app, to spread into its config schema; the db is named after its service. */
export const mongoConfigShape = (service: Pick<ServiceDeclaration, 'name'>) => ({
  MONGO_URL: z.string().min(1),
  MONGO_DB: z.string().min(1).default(service.name),
});

export type MongoConfig = { readonly MONGO_URL: string; readonly MONGO_DB: string };

/**
 * Connects an app to its database (named after the app in the server's logs) and closes the
 * connection on shutdown, after everything registered later (the HTTP server, the streams).
 * A transient MongoDB failure that escapes a route handler answers 503 `unavailable` (retried
 * by clients), whichever query or write raised it.
 */
export async function connectServiceMongo(
  runtime: ServiceRuntime<BaseConfig & MongoConfig>,
): Promise<MongoConnection> {
  const { config, logger, lifecycle } = runtime;
  const mongo = await connectMongo({
    url: config.MONGO_URL,
    dbName: config.MONGO_DB,
    appName: config.SERVICE_NAME,
    logger,
  });
  lifecycle.onStop('mongo', () => mongo.close());
  runtime.translateErrors((error) => mapMongoError(error, 'request'));
  return mongo;
}
