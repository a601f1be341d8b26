import type { Collection, Db, Filter } from 'mongodb';
import type { DeadLetterGroup, Discard, GroupRow } from '@cqrs/framework-jobs';
import { countByReason, groupOf, groupStages, windowCondition } from '@cqrs/framework-jobs';
import type { Page } from '@cqrs/framework-query-handling';
import { findPage } from '@cqrs/framework-query-handling';
import type { IndexDeclaration } from '@cqrs/framework-mongo';
import { isDuplicateKeyError } from '@cqrs/framework-mongo';
import type {
  ParkedEvent,
  ParkedStatus,
  ParkReason,
  ParkReasonCode,
  RawMessage,
} from './parked-event';

/** The collection parked events live in unless a service names another. */
export const defaultParkedEventsCollection = 'parked_events';

/** One parking: the message, why, and how many commands this handling sent. */
export interface ParkRequest {
  readonly id: string;
  readonly message: RawMessage;
  readonly type?: string;
  readonly reason: ParkReason;
  readonly attempts: number;
  readonly parkedAt: Date;
}

/** Which parked events: every field narrows, none means all. */
export interface ParkedEventFilter {
  readonly status?: ParkedStatus | undefined;
  readonly reason?: ParkReasonCode | undefined;
  readonly type?: string | undefined;
  /** Parked at or after this time (ISO 8601). */
  readonly from?: string | undefined;
  /** Parked at or before this time (ISO 8601). */
  readonly to?: string | undefined;
}

export interface ListParkedEvents extends ParkedEventFilter {
  readonly limit: number;
  readonly cursor?: string;
}

/** What discarding an event did: `changed` is false when it was discarded before. */
export interface DiscardResult {
  readonly event: ParkedEvent;
  readonly changed: boolean;
}

/** Parked events of one `evh`: written by the consumer, listed and replayed by operators. */
export interface ParkedEventStore {
  readonly events: Collection<ParkedEvent>;
  /**
   * Parks the message under `id`: creates the document, or updates reason, message and time of
   * the one parked before (adding the attempts), setting it back to `parked`. Never duplicates.
   */
  park(request: ParkRequest): Promise<void>;
  get(id: string): Promise<ParkedEvent | null>;
  /** Most recently parked first, keyset-paged; `cursor` is the previous page's `nextCursor`. */
  list(request: ListParkedEvents): Promise<Page<ParkedEvent>>;
  /** Counts by reason code and event type, with the oldest and newest parking, largest first. */
  groups(filter: ParkedEventFilter): Promise<DeadLetterGroup<ParkReasonCode>[]>;
  /** How many events are parked now, by reason code (the gauge). */
  countParkedByReason(): Promise<Partial<Record<ParkReasonCode, number>>>;
  /**
   * Marks a parked event replayed at `at`; one replayed already keeps its first time. `null`
   * when there is no event with that id.
   */
  markReplayed(id: string, at: Date): Promise<ParkedEvent | null>;
  /**
   * Gives up on a parked event, keeping who, why and when; one discarded before keeps its first
   * discard. `null` when there is no event with that id; a replayed one is returned unchanged.
   */
  discard(id: string, discard: Discard): Promise<DiscardResult | null>;
}

const newestFirst = [
  { field: 'parkedAt', direction: -1 },
  { field: '_id', direction: -1 },
] as const;

/** Every status: a filter on reason or type alone still has the indexes' first field fixed. */
const allStatuses: readonly ParkedStatus[] = ['parked', 'replayed', 'discarded'];

/**
 * The indexes the store needs, each most recently parked first (the sort of
 * {@link ParkedEventStore.list}): by status; by status and reason; by status and type; and,
 * unfiltered, everything. A filter on reason or type without a status fixes the status to all
 * three, so it too starts on an index prefix; a time window is a range on `parkedAt` after it.
 */
export const parkedEventIndexes = (
  collection: string = defaultParkedEventsCollection,
): IndexDeclaration[] => [
  { collection, key: { status: 1, parkedAt: -1, _id: -1 }, name: 'status_parkedAt' },
  { collection, key: { parkedAt: -1, _id: -1 }, name: 'parkedAt' },
  {
    collection,
    key: { status: 1, 'reason.code': 1, parkedAt: -1, _id: -1 },
    name: 'status_reason_parkedAt',
  },
  { collection, key: { status: 1, type: 1, parkedAt: -1, _id: -1 }, name: 'status_type_parkedAt' },
];

/** The MongoDB filter of a {@link ParkedEventFilter}. */
export function parkedEventQuery(filter: ParkedEventFilter): Filter<ParkedEvent> {
  const narrowed = filter.reason !== undefined || filter.type !== undefined;
  const parkedAt = windowCondition(filter);
  return {
    ...(filter.status !== undefined
      ? { status: filter.status }
      : narrowed
        ? { status: { $in: [...allStatuses] } }
        : {}),
    ...(filter.reason === undefined ? {} : { 'reason.code': filter.reason }),
    ...(filter.type === undefined ? {} : { type: filter.type }),
    ...(parkedAt === undefined ? {} : { parkedAt }),
  };
}

/** The parked events of `db.<collection>`. Creating it does no I/O. */
export function createParkedEventStore(
  db: Db,
  collection: string = defaultParkedEventsCollection,
): ParkedEventStore {
  const events: Collection<ParkedEvent> = db.collection<ParkedEvent>(collection);

  async function park(request: ParkRequest): Promise<void> {
    const { id, message, type, reason, attempts, parkedAt } = request;
    const update = {
      $set: { ...message, reason, parkedAt, status: 'parked' as const, ...(type && { type }) },
      $inc: { attempts },
      $unset: {
        replayedAt: '' as const,
        discarded: '' as const,
        ...(type ? {} : { type: '' as const }),
      },
    };
    try {
      await events.updateOne({ _id: id }, update, { upsert: true });
    } catch (error) {
      // Two replicas parking the same new event at once: one insert wins, the other updates.
      if (!isDuplicateKeyError(error)) throw error;
      await events.updateOne({ _id: id }, update);
    }
  }

  return {
    events,
    park,
    get: (id) => events.findOne({ _id: id }),
    list: ({ limit, cursor, ...filter }) =>
      findPage(
        events,
        parkedEventQuery(filter),
        newestFirst,
        { limit, ...(cursor === undefined ? {} : { cursor }) },
        (document) => document,
      ),
    groups: async (filter) =>
      (
        await events
          .aggregate<GroupRow<ParkReasonCode>>([
            { $match: parkedEventQuery(filter) },
            ...groupStages('reason.code', 'type', 'parkedAt'),
          ])
          .toArray()
      ).map(groupOf),
    countParkedByReason: () => countByReason(events, { status: 'parked' }, 'reason.code'),
    markReplayed: async (id, at) =>
      (await events.findOneAndUpdate(
        { _id: id, status: 'parked' },
        { $set: { status: 'replayed', replayedAt: at } },
        { returnDocument: 'after' },
      )) ?? events.findOne({ _id: id }),
    async discard(id, discard) {
      const discarded = await events.findOneAndUpdate(
        { _id: id, status: 'parked' },
        { $set: { status: 'discarded', discarded: discard } },
        { returnDocument: 'after' },
      );
      if (discarded !== null) return { event: discarded, changed: true };
      const event = await events.findOne({ _id: id });
      return event === null ? null : { event, changed: false };
    },
  };
}
