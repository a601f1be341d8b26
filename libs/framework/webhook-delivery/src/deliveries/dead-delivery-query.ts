import type { Filter } from 'mongodb';
import type { IndexDeclaration } from '@cqrs/framework-mongo';
import { windowCondition } from '@cqrs/framework-jobs';
import type { DeliveryDocument, FailureReason } from './delivery';

/** Which dead deliveries: failed (waiting for an operator) or discarded; none of them means both. */
export interface DeadDeliveryFilter {
  readonly status?: 'failed' | 'discarded' | undefined;
  readonly reason?: FailureReason | undefined;
  readonly eventType?: string | undefined;
  readonly subscriptionId?: string | undefined;
  /** Failed at or after this time (ISO 8601). */
  readonly from?: string | undefined;
  /** Failed at or before this time (ISO 8601). */
  readonly to?: string | undefined;
}

/** Most recently failed first: the order of the dead-letter listing. */
export const newestFailedFirst = [
  { field: 'failedAt', direction: -1 },
  { field: '_id', direction: -1 },
] as const;

/**
 * The indexes of the dead-letter views, each most recently failed first after a fixed status
 * (always fixed: no status means both dead ones): by status; by status and reason, event type or
 * subscription. A time window is a range on `failedAt` after them.
 */
export const deadDeliveryIndexes = (collection: string): IndexDeclaration[] => [
  { collection, key: { status: 1, failedAt: -1, _id: -1 }, name: 'status_failedAt' },
  {
    collection,
    key: { status: 1, 'failure.reason': 1, failedAt: -1, _id: -1 },
    name: 'status_reason_failedAt',
  },
  {
    collection,
    key: { status: 1, eventType: 1, failedAt: -1, _id: -1 },
    name: 'status_eventType_failedAt',
  },
  {
    collection,
    key: { status: 1, subscriptionId: 1, failedAt: -1, _id: -1 },
    name: 'status_subscription_failedAt',
  },
];

/** The MongoDB filter of a {@link DeadDeliveryFilter}. */
export function deadDeliveryQuery(filter: DeadDeliveryFilter): Filter<DeliveryDocument> {
  const failedAt = windowCondition(filter);
  return {
    status: filter.status ?? { $in: ['failed', 'discarded'] },
    ...(filter.reason === undefined ? {} : { 'failure.reason': filter.reason }),
    ...(filter.eventType === undefined ? {} : { eventType: filter.eventType }),
    ...(filter.subscriptionId === undefined ? {} : { subscriptionId: filter.subscriptionId }),
    ...(failedAt === undefined ? {} : { failedAt }),
  };
}
