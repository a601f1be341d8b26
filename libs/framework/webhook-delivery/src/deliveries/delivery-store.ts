import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation, Collection, Db, Filter } from 'mongodb';
import { AppError } from '@cqrs/framework-core';
import type { DeadLetterGroup, Discard, GroupRow } from '@cqrs/framework-jobs';
import { countByReason, groupOf, groupStages } from '@cqrs/framework-jobs';
import type { IndexDeclaration } from '@cqrs/framework-mongo';
import type { Page, PageRequest } from '@cqrs/framework-query-handling';
import { findPage } from '@cqrs/framework-query-handling';
import type {
  AttemptDocument,
  AttemptSummary,
  DeliveryDocument,
  DeliveryStatus,
  FailureReason,
} from './delivery';
import type { DeadDeliveryFilter } from './dead-delivery-query';
import { deadDeliveryIndexes, deadDeliveryQuery, newestFailedFirst } from './dead-delivery-query';

export const deliveriesCollection = 'webhook_deliveries';
export const attemptsCollection = 'webhook_attempts';

export const deliveryIndexes = (): IndexDeclaration[] => [
  { collection: deliveriesCollection, key: { status: 1, dueAt: 1 }, name: 'status_due' },
  {
    collection: deliveriesCollection,
    key: { subscriptionId: 1, createdAt: -1, _id: -1 },
    name: 'subscription_created',
  },
  { collection: deliveriesCollection, key: { claim: 1 }, name: 'claim' },
  { collection: attemptsCollection, key: { deliveryId: 1, at: 1 }, name: 'delivery_at' },
  ...deadDeliveryIndexes(deliveriesCollection),
];

/** A delivery to create: one event for one subscription. */
export interface NewDelivery {
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly payload: string;
}

/** What an attempt led to, as the dispatcher decided. */
export type Completion =
  | { readonly outcome: 'delivered' }
  | { readonly outcome: 'retrying'; readonly dueAt: Date }
  | { readonly outcome: 'failed'; readonly reason: FailureReason; readonly detail: string };

export interface DeliveryStore {
  readonly deliveries: Collection<DeliveryDocument>;
  /** Creates each delivery unless it exists (a fan-out that runs twice creates nothing twice). */
  enqueue(deliveries: readonly NewDelivery[], now: Date): Promise<number>;
  /**
   * Claims up to `limit` due deliveries, longest waiting first, skipping `busySubscriptions`:
   * each becomes invisible to every dispatcher for `visibilityMs`, after which it is due again
   * (a crashed dispatcher's claims come back by themselves). One query finds the candidates and
   * one conditional update claims them under a token of this call, so of two dispatchers only
   * one wins each delivery.
   */
  claim(options: {
    readonly now: Date;
    readonly visibilityMs: number;
    readonly limit: number;
    readonly busySubscriptions: readonly string[];
    /** Asked before each claim: whether the dispatcher has room for one more of this subscription. */
    readonly admit: (subscriptionId: string) => boolean;
  }): Promise<DeliveryDocument[]>;
  /**
   * Records an attempt and its result, only if the claim is still ours (a dispatcher that
   * overran its claim does not overwrite the next one's result). `false` when it was not.
   */
  complete(
    delivery: DeliveryDocument,
    attempt: Omit<
      AttemptDocument,
      '_id' | 'deliveryId' | 'subscriptionId' | 'attempt' | 'outcome'
    > | null,
    completion: Completion,
    now: Date,
  ): Promise<boolean>;
  get(subscriptionId: string, deliveryId: string): Promise<DeliveryDocument>;
  list(
    subscriptionId: string,
    filter: { readonly status?: DeliveryStatus | undefined },
    page: PageRequest,
  ): Promise<Page<DeliveryDocument>>;
  attempts(deliveryId: string): Promise<AttemptDocument[]>;
  /**
   * Makes a delivered or failed delivery due again, with a fresh attempt budget; answers it as
   * it was before (so its failure, if it had one, can be counted).
   */
  replay(subscriptionId: string, deliveryId: string, now: Date): Promise<DeliveryDocument>;
  /** Makes every failed delivery of a subscription created at or after `since` due again. */
  replayFailedSince(subscriptionId: string, since: Date, now: Date): Promise<number>;
  /** Dead deliveries of every subscription, most recently failed first, keyset-paged. */
  listDead(filter: DeadDeliveryFilter, page: PageRequest): Promise<Page<DeliveryDocument>>;
  /** Dead deliveries by failure reason and event type, largest group first. */
  deadGroups(filter: DeadDeliveryFilter): Promise<DeadLetterGroup<FailureReason>[]>;
  /** Failed deliveries now, by failure reason (the gauge). */
  countFailedByReason(): Promise<Partial<Record<FailureReason, number>>>;
  /** Makes a failed delivery due again (a bulk replay); `null` when it is no longer failed. */
  requeueFailed(deliveryId: string, now: Date): Promise<DeliveryDocument | null>;
  /**
   * Gives up on a failed delivery, keeping who, why and when; one discarded before keeps its
   * first discard (`changed` false); any other status is returned unchanged too. `null` when
   * there is no such delivery.
   */
  discard(
    deliveryId: string,
    discard: Discard,
  ): Promise<{ readonly delivery: DeliveryDocument; readonly changed: boolean } | null>;
}

const deliveryNotFound = (id: string) =>
  new AppError('not_found', `No delivery ${id} for this subscription`, {
    details: { reason: 'delivery_not_found' },
  });

/** The deliveries and attempt log of one service's `extevp`. */
export function createDeliveryStore(db: Db): DeliveryStore {
  const deliveries = db.collection<DeliveryDocument>(deliveriesCollection);
  const attemptLog = db.collection<AttemptDocument>(attemptsCollection);

  const get = async (subscriptionId: string, deliveryId: string) => {
    const found = await deliveries.findOne({ _id: deliveryId, subscriptionId });
    if (!found) throw deliveryNotFound(deliveryId);
    return found;
  };

  const dueAgain = (now: Date) => ({
    $set: {
      status: 'pending' as const,
      attempts: 0,
      dueAt: now,
      claim: null,
      failure: null,
      failedAt: null,
      updatedAt: now,
    },
  });

  return {
    deliveries,
    async enqueue(list, now) {
      if (list.length === 0) return 0;
      const operations: AnyBulkWriteOperation<DeliveryDocument>[] = list.map((delivery) => {
        const _id = `${delivery.subscriptionId}:${delivery.eventId}`;
        const document: DeliveryDocument = {
          _id,
          ...delivery,
          status: 'pending',
          attempts: 0,
          dueAt: now,
          claim: null,
          lastAttempt: null,
          failure: null,
          failedAt: null,
          createdAt: now,
          updatedAt: now,
        };
        return {
          updateOne: { filter: { _id }, update: { $setOnInsert: document }, upsert: true },
        };
      });
      const result = await deliveries.bulkWrite(operations, { ordered: false });
      return result.upsertedCount;
    },
    async claim({ now, visibilityMs, limit, busySubscriptions, admit }) {
      const filter: Filter<DeliveryDocument> = {
        status: 'pending',
        dueAt: { $lte: now },
        ...(busySubscriptions.length > 0
          ? { subscriptionId: { $nin: [...busySubscriptions] } }
          : {}),
      };
      const candidates = await deliveries
        .find(filter, { projection: { _id: 1, dueAt: 1, subscriptionId: 1 } })
        .sort({ dueAt: 1 })
        .limit(limit * 4)
        .toArray();
      const chosen: string[] = [];
      for (const candidate of candidates) {
        if (chosen.length >= limit) break;
        if (admit(candidate.subscriptionId)) chosen.push(candidate._id);
      }
      if (chosen.length === 0) return [];
      // One write claims them all under this call's token; a delivery another dispatcher
      // claimed meanwhile is no longer due, so the filter leaves it alone.
      const claim = randomUUID();
      await deliveries.updateMany(
        { _id: { $in: chosen }, status: 'pending', dueAt: { $lte: now } },
        { $set: { claim, dueAt: new Date(now.getTime() + visibilityMs), updatedAt: now } },
      );
      return deliveries.find({ claim }).toArray();
    },
    async complete(delivery, attempt, completion, now) {
      const number = delivery.attempts + (attempt ? 1 : 0);
      const lastAttempt: AttemptSummary | null = attempt
        ? { at: attempt.at, statusCode: attempt.statusCode, error: attempt.error }
        : delivery.lastAttempt;
      const state =
        completion.outcome === 'delivered'
          ? { status: 'delivered' as const, failure: null }
          : completion.outcome === 'retrying'
            ? { status: 'pending' as const, dueAt: completion.dueAt, failure: null }
            : {
                status: 'failed' as const,
                failure: { reason: completion.reason, detail: completion.detail },
                failedAt: now,
              };
      const result = await deliveries.updateOne(
        { _id: delivery._id, claim: delivery.claim },
        { $set: { ...state, attempts: number, lastAttempt, claim: null, updatedAt: now } },
      );
      if (result.matchedCount === 0) return false;
      if (attempt) {
        await attemptLog.insertOne({
          _id: randomUUID(),
          deliveryId: delivery._id,
          subscriptionId: delivery.subscriptionId,
          attempt: number,
          outcome: completion.outcome,
          ...attempt,
        });
      }
      return true;
    },
    get,
    list: (subscriptionId, filter, page) =>
      findPage(
        deliveries,
        { subscriptionId, ...(filter.status ? { status: filter.status } : {}) },
        [
          { field: 'createdAt', direction: -1 },
          { field: '_id', direction: -1 },
        ],
        page,
        (document) => document,
      ),
    attempts: (deliveryId) => attemptLog.find({ deliveryId }).sort({ at: 1 }).toArray(),
    async replay(subscriptionId, deliveryId, now) {
      const updated = await deliveries.findOneAndUpdate(
        { _id: deliveryId, subscriptionId, status: { $in: ['delivered', 'failed'] } },
        dueAgain(now),
        { returnDocument: 'before' },
      );
      if (updated) return updated;
      const current = await get(subscriptionId, deliveryId);
      if (current.status === 'discarded') {
        throw new AppError('conflict', 'The delivery was discarded; it is not sent again', {
          details: { reason: 'delivery_discarded' },
        });
      }
      throw new AppError('conflict', 'The delivery is still pending; it will be attempted', {
        details: { reason: 'delivery_pending' },
      });
    },
    async replayFailedSince(subscriptionId, since, now) {
      const result = await deliveries.updateMany(
        { subscriptionId, status: 'failed', createdAt: { $gte: since } },
        dueAgain(now),
      );
      return result.modifiedCount;
    },
    listDead: (filter, page) =>
      findPage(deliveries, deadDeliveryQuery(filter), newestFailedFirst, page, (d) => d),
    deadGroups: async (filter) =>
      (
        await deliveries
          .aggregate<GroupRow<FailureReason>>([
            { $match: deadDeliveryQuery(filter) },
            ...groupStages('failure.reason', 'eventType', 'failedAt'),
          ])
          .toArray()
      ).map(groupOf),
    countFailedByReason: () => countByReason(deliveries, { status: 'failed' }, 'failure.reason'),
    requeueFailed: (deliveryId, now) =>
      deliveries.findOneAndUpdate({ _id: deliveryId, status: 'failed' }, dueAgain(now), {
        returnDocument: 'after',
      }),
    async discard(deliveryId, discard) {
      const discarded = await deliveries.findOneAndUpdate(
        { _id: deliveryId, status: 'failed' },
        { $set: { status: 'discarded', discarded: discard, claim: null, updatedAt: discard.at } },
        { returnDocument: 'after' },
      );
      if (discarded) return { delivery: discarded, changed: true };
      const current = await deliveries.findOne({ _id: deliveryId });
      return current === null ? null : { delivery: current, changed: false };
    },
  };
}
