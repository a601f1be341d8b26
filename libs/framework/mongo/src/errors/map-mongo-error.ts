import { AppError } from '@cqrs/framework-core';
import { isTransientMongoError } from './transient-error';

/**
 * Turns a transient MongoDB failure into `AppError('unavailable')`, retriable, with the driver
 * error as `cause`; anything else is returned unchanged (it is a bug or a rule the caller must
 * handle, and retrying would not help).
 *
 * @param operation what was being done, e.g. `customers.replace`, for the message and logs.
 */
export function mapMongoError(error: unknown, operation: string): unknown {
  if (!isTransientMongoError(error)) return error;
  return new AppError('unavailable', `MongoDB is unavailable (${operation})`, {
    retriable: true,
    cause: error,
    details: { operation },
  });
}
