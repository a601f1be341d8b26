export {
  accept,
  refusalAmong,
  reject,
  type AggregateDefinition,
  type Decision,
  type DecisionContext,
  type RejectionCode,
  type Typed,
} from './aggregate';
export {
  processedCommandSchema,
  storedEventSchema,
  type ProcessedCommand,
  type StoredEvent,
  type VersionedDocument,
} from './stored-event';
export { storeConflictReasons, type AggregateStore } from './aggregate-store';
export { documentMapping, type DocumentMeta, type StoredDocument } from './document-mapping';
export { domainEventSchema, storedEventParser } from './domain-event';
export {
  createCommandHandler,
  type CommandHandler,
  type CommandHandlerOptions,
  type CommandOutcome,
  type CommandRequest,
  type CommandResult,
} from './command-handler';
export { deriveId, fingerprintOf } from './identity';
export {
  defaultProcessedBodiesLimit,
  defaultProcessedCommandsLimit,
  findProcessedIn,
  recordProcessed,
  type ProcessedBounds,
} from './processed-commands';
export {
  commandIdFromKey,
  commandMetadata,
  commandResponseHeaders,
  observeCommands,
  type HttpCommandRequest,
} from './http-command';
export {
  commandHeadersSchema,
  createCommandHeadersSchema,
  internalCommandHeadersSchema,
} from './command-headers';
export {
  commandResponses,
  idempotencyKeyReused,
  keyReused,
  staleVersion,
} from './command-responses';
export { createVersionedRepository, type VersionedRepository } from './versioned-repository';
export {
  startCommandHandlingApp,
  type CommandHandlingAppSpec,
  type CommandHandlingJob,
} from './command-handling-app';
