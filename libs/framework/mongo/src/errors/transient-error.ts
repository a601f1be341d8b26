import {
  MongoError,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
  MongoWriteConcernError,
} from 'mongodb';

/**
 * Server error codes that say "this server cannot serve you right now", not "your request is
 * wrong": elections, shutdowns, network trouble between members, time limits.
 */
const transientCodes = new Set<number>([
  6, // HostUnreachable
  7, // HostNotFound
  50, // MaxTimeMSExpired
  64, // WriteConcernFailed (timed out waiting for replication; the write may have applied)
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/** Labels the server and driver attach to errors that a later attempt may not hit. */
const transientLabels = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool'];

/**
 * Socket failures the driver sometimes passes on unwrapped: a write to a connection the server
 * just closed rejects with Node's own `EPIPE` error ("This socket has been ended by the other
 * party"), not a `MongoNetworkError` (seen with driver 7.9 when the server restarts).
 */
const socketErrorCodes = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ENOTCONN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const isSocketError = (error: unknown): boolean =>
  error instanceof Error &&
  !(error instanceof MongoError) &&
  socketErrorCodes.has(String((error as NodeJS.ErrnoException).code));

/**
 * Whether trying the same operation again later may succeed: network failures, no reachable
 * primary, elections, time-outs. Duplicate keys, validation errors and the like are not.
 *
 * A transient failure of a write is ambiguous: the server may have applied it. The write model
 * copes because every write is guarded (insert by `_id`, replace by expected version) and the
 * command id is recorded in the document, so a retry either applies once or finds its result.
 */
export function isTransientMongoError(error: unknown): boolean {
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoOperationTimeoutError ||
    error instanceof MongoWriteConcernError ||
    // The client was closed under the operation: at shutdown, or reconnecting (monitor-watchdog).
    error instanceof MongoTopologyClosedError
  ) {
    return true;
  }
  if (isSocketError(error)) return true;
  if (!(error instanceof MongoError)) return false;
  if (transientLabels.some((label) => error.hasErrorLabel(label))) return true;
  return typeof error.code === 'number' && transientCodes.has(error.code);
}
