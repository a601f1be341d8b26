import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { AppError } from '@cqrs/framework-core';
import type { IndexDeclaration } from '@cqrs/framework-mongo';
import type { Page, PageRequest } from '@cqrs/framework-query-handling';
import { findPage } from '@cqrs/framework-query-handling';
import { generateWebhookSecret } from '@cqrs/framework-webhooks';
import type { DisabledReason, SubscriptionDocument } from './subscription';

export const subscriptionsCollection = 'webhook_subscriptions';

export const subscriptionIndexes = (): IndexDeclaration[] => [
  { collection: subscriptionsCollection, key: { status: 1, _id: 1 }, name: 'status_id' },
];

export interface NewSubscription {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description: string;
  readonly createdBy: string;
}

export type SubscriptionChanges = Partial<
  Pick<SubscriptionDocument, 'url' | 'eventTypes' | 'description'>
>;

export interface SubscriptionStore {
  readonly collection: Collection<SubscriptionDocument>;
  create(subscription: NewSubscription, now: Date): Promise<SubscriptionDocument>;
  get(id: string): Promise<SubscriptionDocument>;
  /** The subscriptions with these ids that exist, by id. */
  findMany(ids: readonly string[]): Promise<Map<string, SubscriptionDocument>>;
  list(page: PageRequest): Promise<Page<SubscriptionDocument>>;
  /** Every active subscription (the fan-out matches each event against them). */
  active(): Promise<SubscriptionDocument[]>;
  update(id: string, changes: SubscriptionChanges, now: Date): Promise<SubscriptionDocument>;
  enable(id: string, now: Date): Promise<SubscriptionDocument>;
  /** Disables an active subscription; `false` when it already was (the first reason stays). */
  disable(id: string, reason: DisabledReason, detail: string, now: Date): Promise<boolean>;
  delete(id: string): Promise<void>;
  /** A new secret; the current ones keep signing for `graceMs` more at most. */
  rotateSecret(id: string, graceMs: number, now: Date): Promise<SubscriptionDocument>;
  /** Starts a failing streak at `since`, unless one is already running. */
  markFailing(id: string, since: Date): Promise<void>;
  /** Ends a failing streak. */
  recordSuccess(id: string): Promise<void>;
}

const notFound = (id: string) =>
  new AppError('not_found', `No webhook subscription ${id}`, {
    details: { reason: 'subscription_not_found' },
  });

/** The subscriptions of one service's `extevp`, in its own database. */
export function createSubscriptionStore(db: Db): SubscriptionStore {
  const collection = db.collection<SubscriptionDocument>(subscriptionsCollection);

  const get = async (id: string) => {
    const found = await collection.findOne({ _id: id });
    if (!found) throw notFound(id);
    return found;
  };

  const change = async (
    id: string,
    update: Record<string, unknown>,
    now: Date,
  ): Promise<SubscriptionDocument> => {
    const updated = await collection.findOneAndUpdate(
      { _id: id },
      { $set: { ...update, updatedAt: now }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    if (!updated) throw notFound(id);
    return updated;
  };

  return {
    collection,
    async create(subscription, now) {
      const document: SubscriptionDocument = {
        _id: `sub_${randomUUID().replaceAll('-', '')}`,
        url: subscription.url,
        eventTypes: subscription.eventTypes,
        description: subscription.description,
        status: 'active',
        disabled: null,
        secrets: [{ value: generateWebhookSecret(), createdAt: now, expiresAt: null }],
        failingSince: null,
        createdBy: subscription.createdBy,
        createdAt: now,
        matchingSince: now,
        updatedAt: now,
        version: 1,
      };
      await collection.insertOne(document);
      return document;
    },
    get,
    async findMany(ids) {
      const found = await collection.find({ _id: { $in: [...ids] } }).toArray();
      return new Map(found.map((subscription) => [subscription._id, subscription]));
    },
    list: (page) => findPage(collection, {}, [{ field: '_id', direction: 1 }], page, (d) => d),
    active: () => collection.find({ status: 'active' }).toArray(),
    update: (id, changes, now) =>
      change(
        id,
        { ...changes, ...(changes.eventTypes === undefined ? {} : { matchingSince: now }) },
        now,
      ),
    enable: (id, now) =>
      change(id, { status: 'active', disabled: null, failingSince: null, matchingSince: now }, now),
    async disable(id, reason, detail, now) {
      const result = await collection.updateOne(
        { _id: id, status: 'active' },
        {
          $set: { status: 'disabled', disabled: { reason, detail, at: now }, updatedAt: now },
          $inc: { version: 1 },
        },
      );
      if (result.matchedCount === 0) await get(id);
      return result.modifiedCount === 1;
    },
    async delete(id) {
      const result = await collection.deleteOne({ _id: id });
      if (result.deletedCount === 0) throw notFound(id);
    },
    async rotateSecret(id, graceMs, now) {
      const current = await get(id);
      const graceEnd = new Date(now.getTime() + graceMs);
      const kept = current.secrets
        .filter((secret) => secret.expiresAt === null || secret.expiresAt > now)
        .map((secret) => ({
          ...secret,
          expiresAt:
            secret.expiresAt === null || secret.expiresAt > graceEnd ? graceEnd : secret.expiresAt,
        }));
      const secrets = [
        { value: generateWebhookSecret(), createdAt: now, expiresAt: null },
        ...kept,
      ];
      const updated = await collection.findOneAndUpdate(
        { _id: id, version: current.version },
        { $set: { secrets, updatedAt: now }, $inc: { version: 1 } },
        { returnDocument: 'after' },
      );
      if (!updated) {
        throw new AppError('conflict', 'The subscription changed meanwhile; try again', {
          retriable: true,
          details: { reason: 'concurrent_change' },
        });
      }
      return updated;
    },
    async markFailing(id, since) {
      await collection.updateOne(
        { _id: id, failingSince: null },
        { $set: { failingSince: since } },
      );
    },
    async recordSuccess(id) {
      await collection.updateOne(
        { _id: id, failingSince: { $ne: null } },
        { $set: { failingSince: null } },
      );
    },
  };
}
