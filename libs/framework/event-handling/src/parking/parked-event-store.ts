import type { Collection, Db, Filter } from 'mongodb';
import type { Page } from '@cqrs/framework-query-handling';
import { findPage } from '@cqrs/framework-query-handling';
import type { IndexDeclaration } from '@cqrs/framework-mongo';
import { isDuplicateKeyError } from '@cqrs/framework-mongo';
import type { ParkedEvent, ParkedStatus, ParkReason, RawMessage } from './parked-event';

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

export interface ListParkedEvents {
  readonly status?: ParkedStatus;
  readonly limit: number;
  readonly cursor?: string;
}

/** Parked events of one `evh`: written by the consumer, listed and replayed by operators. */
export interface ParkedEventStore {
  /**
   * Parks the message under `id`: creates the document, or updates reason, message and time of
   * the one parked before (adding the attempts), setting it back to `parked`. Never duplicates.
   */
  park(request: ParkRequest): Promise<void>;
  get(id: string): Promise<ParkedEvent | null>;
  /** Most recently parked first, keyset-paged; `cursor` is the previous page's `nextCursor`. */
  list(request: ListParkedEvents): Promise<Page<ParkedEvent>>;
  /**
   * Marks a parked event replayed at `at`; one replayed already keeps its first time. `null`
   * when there is no event with that id.
   */
  markReplayed(id: string, at: Date): Promise<ParkedEvent | null>;
}

const newestFirst = [
  { field: 'parkedAt', direction: -1 },
  { field: '_id', direction: -1 },
] as const;

/**
 * The indexes the store needs: listing by status and, unfiltered, everything, both most
 * recent first (the sort of {@link ParkedEventStore.list}).
 */
export const parkedEventIndexes = (
  collection: string = defaultParkedEventsCollection,
): IndexDeclaration[] => [
  { collection, key: { status: 1, parkedAt: -1, _id: -1 }, name: 'status_parkedAt' },
  { collection, key: { parkedAt: -1, _id: -1 }, name: 'parkedAt' },
];

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
      $unset: { replayedAt: '' as const, ...(type ? {} : { type: '' as const }) },
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
    park,
    get: (id) => events.findOne({ _id: id }),
    list: ({ status, limit, cursor }) =>
      findPage(
        events,
        (status === undefined ? {} : { status }) as Filter<ParkedEvent>,
        newestFirst,
        { limit, ...(cursor === undefined ? {} : { cursor }) },
        (document) => document,
      ),
    markReplayed: async (id, at) =>
      (await events.findOneAndUpdate(
        { _id: id, status: 'parked' },
        { $set: { status: 'replayed', replayedAt: at } },
        { returnDocument: 'after' },
      )) ?? events.findOne({ _id: id }),
  };
}
