import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { z } from 'zod';
import { baseConfigSchema } from '@cqrs/framework-core';
import type { TestedApp } from '@cqrs/framework-core/testing';
import { mongoConfigShape } from '@cqrs/framework-mongo';
import { webhookSubscriptionRoutes } from '../api/subscription-routes';
import { startWebhookDeliveryApp } from '../delivery-app';
import { deliveryConfigShape } from '../delivery-config';

/** A stand-in service for the framework's own tests: `things` with two event types. */
export const thingEventTypes = ['thing.created.v1', 'thing.renamed.v1'] as const;
export const thingsRoutes = webhookSubscriptionRoutes('things', thingEventTypes);

const configSchema = baseConfigSchema.extend({
  ...mongoConfigShape({ name: 'things' }),
  ...deliveryConfigShape,
});

/** The `things` extevp, as a test starts it. */
export const thingsExtevp: TestedApp<z.output<typeof configSchema>> = {
  service: 'things-extevp',
  configSchema,
  start: (config, options) =>
    startWebhookDeliveryApp(
      config,
      { service: { writeModel: 'things', source: '/things' }, routes: thingsRoutes },
      options,
    ),
};

/** Test settings: loopback targets allowed, a compressed schedule, no jitter, quick polls. */
export const fastDeliveryEnv = {
  WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8,::1',
  WEBHOOK_PLAIN_HTTP_NETWORKS: '127.0.0.0/8,::1',
  WEBHOOK_SCHEDULE: '0,50ms,50ms,50ms,50ms',
  WEBHOOK_JITTER: '0',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_TIMEOUT_MS: '2000',
  WEBHOOK_CLAIM_VISIBILITY_MS: '3000',
  LEASE_TTL_MS: '2000',
} as const;

/**
 * Writes one event of a `things` aggregate the way a `cmdh` does: an insert for version 1, a
 * version-guarded full replace after, the document carrying the event as `lastEvent`.
 */
export async function writeThingEvent(
  db: Db,
  thingId: string,
  type: (typeof thingEventTypes)[number],
  data: Record<string, unknown> = {},
): Promise<string> {
  const things = db.collection<{ _id: string; version: number }>('things');
  const current = await things.findOne({ _id: thingId });
  const version = (current?.version ?? 0) + 1;
  const lastEvent = {
    id: `${thingId}:${version}`,
    type,
    aggregateId: thingId,
    version,
    time: new Date(),
    data,
    actor: { sub: 'tester', roles: [] },
    commandId: randomUUID(),
    correlationId: randomUUID(),
  };
  const document = { _id: thingId, version, lastEvent };
  if (current) await things.replaceOne({ _id: thingId, version: current.version }, document);
  else await things.insertOne(document);
  return lastEvent.id;
}
