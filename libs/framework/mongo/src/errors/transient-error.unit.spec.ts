import { AppError } from '@cqrs/framework-core';
import type { TopologyDescription } from 'mongodb';
import {
  MongoNetworkError,
  MongoNetworkTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { mapMongoError } from './map-mongo-error';
import { isTransientMongoError } from './transient-error';

// What the driver reports when selection times out: a topology with no usable server.
const noPrimary = { servers: new Map(), error: undefined } as unknown as TopologyDescription;

const serverError = (code: number, labels: string[] = []) =>
  new MongoServerError({ message: `code ${code}`, code, errorLabels: labels });

describe('isTransientMongoError', () => {
  it.each([
    ['a network error', new MongoNetworkError('socket closed')],
    ['a network time-out', new MongoNetworkTimeoutError('timed out')],
    ['no server selectable', new MongoServerSelectionError('no primary', noPrimary)],
    ['not writable primary', serverError(10107)],
    ['primary stepped down', serverError(189)],
    ['shutdown in progress', serverError(91)],
    ['a retryable-write label', serverError(1234, ['RetryableWriteError'])],
    [
      "Node's write-after-close error the driver passes on unwrapped",
      Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' }),
    ],
    ['a client closed under the operation', new MongoTopologyClosedError()],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
  ])('treats %s as transient', (_what, error) => {
    expect(isTransientMongoError(error)).toBe(true);
  });

  it.each([
    ['a duplicate key', serverError(11000)],
    ['a validation failure', serverError(121)],
    ['a plain error', new Error('bug')],
    ['a file-system error', Object.assign(new Error('no such file'), { code: 'ENOENT' })],
    ['a non-error', 'oops'],
  ])('does not treat %s as transient', (_what, error) => {
    expect(isTransientMongoError(error)).toBe(false);
  });
});

describe('mapMongoError', () => {
  it('turns a transient failure into a retriable unavailable error with the cause', () => {
    const cause = new MongoNetworkError('socket closed');

    const mapped = mapMongoError(cause, 'customers.insert');

    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ code: 'unavailable', retriable: true, cause });
  });

  it('returns anything else unchanged', () => {
    const error = serverError(11000);

    expect(mapMongoError(error, 'customers.insert')).toBe(error);
  });
});
