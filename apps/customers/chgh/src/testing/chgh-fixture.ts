import { chghUnderTest } from '@cqrs/framework-change-handling/testing';
import type { CustomerHistoryEntry } from '@cqrs/customers-shared';
import { customerHistoryCollection, customersCollection } from '@cqrs/customers-shared';
import { start } from '../app';
import type { Config } from '../config';
import { configSchema } from '../config';

/**
 * A database of its own for one test, and replicas of customers-chgh started in-process on it.
 * `close` stops the replicas still running and drops the database.
 */
export const chghFixture = () =>
  chghUnderTest<Config, CustomerHistoryEntry>({
    chgh: { service: 'customers-chgh', configSchema, start },
    source: customersCollection,
    history: customerHistoryCollection,
  });
