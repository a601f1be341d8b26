import type { Operation } from 'fast-json-patch';
import fastJsonPatch from 'fast-json-patch';
import type { StoredEvent, VersionedDocument } from '@cqrs/framework-command-handling';

/** One audit-trail entry: who changed what, through which command, and the field-level diff. */
export interface AuditEntry {
  /** `<aggregateId>:<version>`: one entry per version, so a re-delivered change is written once. */
  _id: string;
  aggregateId: string;
  version: number;
  eventId: string;
  eventType: string;
  time: Date;
  actor: StoredEvent['actor'];
  commandId: string;
  correlationId: string;
  causationId?: string;
  /** RFC 6902 operations turning the previous version's state into this one. */
  patch: Operation[];
  /** The state at this version (without bookkeeping), the base for the next entry's patch. */
  state: Record<string, unknown>;
}

/** The business state of a document: everything but the write model's bookkeeping. */
export function stateOf(document: VersionedDocument): Record<string, unknown> {
  const {
    _id,
    version: _version,
    lastEvent: _lastEvent,
    processedCommands: _processed,
    ...rest
  } = document as VersionedDocument & Record<string, unknown>;
  // JSON round trip: dates become ISO strings, as an API client would see them in a patch.
  return JSON.parse(JSON.stringify({ id: _id, ...rest })) as Record<string, unknown>;
}

/**
 * Builds the entry for `document` given the state of the version before it (`{}` when the
 * aggregate was just created or its earlier history is not known).
 */
export function auditEntryFor(
  document: VersionedDocument,
  previousState: Record<string, unknown>,
): AuditEntry {
  const event = document.lastEvent;
  const state = stateOf(document);
  return {
    _id: `${document._id}:${document.version}`,
    aggregateId: document._id,
    version: document.version,
    eventId: event.id,
    eventType: event.type,
    time: event.time,
    actor: event.actor,
    commandId: event.commandId,
    correlationId: event.correlationId,
    ...(event.causationId === undefined ? {} : { causationId: event.causationId }),
    patch: fastJsonPatch.compare(previousState, state),
    state,
  };
}
