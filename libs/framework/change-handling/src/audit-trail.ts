import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import type { Collection, Db } from 'mongodb';
import { MongoServerError } from 'mongodb';
import type { Logger } from 'pino';
import { inSpan, spanLinksTo, tracingStarted } from '@cqrs/framework-core';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { AuditEntry } from './audit-entry';
import { auditEntryFor } from './audit-entry';
import type { DocumentOrigin } from './projection';

const DUPLICATE_KEY = 11000;

/**
 * The audit-trail projector of a `chgh` app: one entry per aggregate version, written in
 * change-stream order. Idempotent: a batch replayed after a crash finds its entries already
 * there and skips them, so checkpointing after the batch is enough.
 */
export function createAuditTrail(options: { db: Db; collection: string; logger: Logger }) {
  const entries: Collection<AuditEntry> = options.db.collection<AuditEntry>(options.collection);

  async function previousState(
    document: VersionedDocument,
    origin: DocumentOrigin,
  ): Promise<Record<string, unknown>> {
    if (document.version === 1) return {};
    const previous = await entries.findOne(
      { _id: `${document._id}:${document.version - 1}` },
      { projection: { state: 1 } },
    );
    // Expected of a snapshot (the versions before it predate this chgh); a gap in the stream.
    if (!previous && origin === 'stream') {
      options.logger.warn(
        { aggregateId: document._id, version: document.version },
        'previous version not in the audit trail; recording the full state as the patch',
      );
    }
    return previous?.state ?? {};
  }

  /**
   * Records the versions in `documents` (change-stream order), skipping those already there. A
   * version whose previous one is not in the trail gets its full state as the patch. With
   * tracing on, in one span per batch that links to each version's command (not a child of any:
   * a batch serves many flows).
   */
  function record(
    documents: readonly VersionedDocument[],
    origin: DocumentOrigin = 'stream',
  ): Promise<void> {
    if (!tracingStarted() || documents.length === 0) return recordAll(documents, origin);
    const links = spanLinksTo(documents.map((document) => document.lastEvent));
    const attributes = {
      'db.collection.name': options.collection,
      'audit.entries': documents.length,
    };
    return inSpan(
      `audit ${options.collection}`,
      { kind: SpanKind.CONSUMER, parent: ROOT_CONTEXT, links, attributes },
      () => recordAll(documents, origin),
    );
  }

  async function recordAll(
    documents: readonly VersionedDocument[],
    origin: DocumentOrigin,
  ): Promise<void> {
    for (const document of documents) {
      const entry = auditEntryFor(document, await previousState(document, origin));
      try {
        await entries.insertOne(entry);
      } catch (error) {
        if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      }
    }
  }

  return { record, collection: entries };
}

/** Indexes the audit trail needs: history of one aggregate in version order. */
export const auditTrailIndexes = (collection: string) => [
  { collection, key: { aggregateId: 1, version: 1 }, name: 'aggregate_version', unique: true },
];
