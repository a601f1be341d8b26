import type { Collection, Db } from 'mongodb';
import { isDuplicateKeyError } from '@cqrs/framework-mongo';
import type { InboundWebhook, WebhookFailure, WebhookRefusal } from './inbound-webhook';

/** The collection inbound webhooks live in unless a service names another. */
export const defaultInboundWebhooksCollection = 'inbound_webhooks';

/** A webhook as it arrives, verified and valid. */
export type ReceivedWebhook = { readonly id: string } & Pick<
  InboundWebhook,
  'provider' | 'type' | 'rawBody' | 'timestampSeconds' | 'commandId' | 'receivedAt'
>;

/** The inbound webhooks of one `extevh`; the webhook id is the document id, so it is unique. */
export interface InboundWebhookStore {
  /**
   * Stores a first delivery as `pending`, or counts a redelivery of one stored before (which
   * keeps its first body); returns the webhook as it now stands.
   */
  receive(webhook: ReceivedWebhook): Promise<InboundWebhook>;
  /** Its command was applied (final, whatever was recorded before). */
  markApplied(id: string, at: Date): Promise<void>;
  /** Its command was refused for good; an applied webhook stays applied. */
  markRefused(id: string, refusal: WebhookRefusal, at: Date): Promise<void>;
  /** Its command could not be applied now; only a still pending webhook records that. */
  markFailed(id: string, failure: WebhookFailure): Promise<void>;
  get(id: string): Promise<InboundWebhook | null>;
}

/** The inbound webhooks of `db.<collection>`. Creating it does no I/O. */
export function createInboundWebhookStore(
  db: Db,
  collection: string = defaultInboundWebhooksCollection,
): InboundWebhookStore {
  const webhooks: Collection<InboundWebhook> = db.collection<InboundWebhook>(collection);

  async function receive(webhook: ReceivedWebhook): Promise<InboundWebhook> {
    const { id, receivedAt, ...fields } = webhook;
    const upsert = () =>
      webhooks.findOneAndUpdate(
        { _id: id },
        {
          $setOnInsert: { ...fields, receivedAt, status: 'pending', attempts: 0 },
          $set: { lastReceivedAt: receivedAt },
          $inc: { deliveries: 1 },
        },
        { upsert: true, returnDocument: 'after' },
      );
    let stored: InboundWebhook | null;
    try {
      stored = await upsert();
    } catch (error) {
      // Two deliveries of a new webhook at once: one insert wins, the other updates.
      if (!isDuplicateKeyError(error)) throw error;
      stored = await upsert();
    }
    if (stored === null) throw new Error(`inbound webhook ${id} was not stored`);
    return stored;
  }

  return {
    receive,
    markApplied: async (id, at) => {
      await webhooks.updateOne(
        { _id: id },
        { $set: { status: 'applied', appliedAt: at }, $inc: { attempts: 1 } },
      );
    },
    markRefused: async (id, refusal, at) => {
      await webhooks.updateOne(
        { _id: id, status: { $ne: 'applied' } },
        { $set: { status: 'refused', refusedAt: at, refusal }, $inc: { attempts: 1 } },
      );
    },
    markFailed: async (id, failure) => {
      await webhooks.updateOne(
        { _id: id, status: 'pending' },
        { $set: { lastFailure: failure }, $inc: { attempts: 1 } },
      );
    },
    get: (id) => webhooks.findOne({ _id: id }),
  };
}
