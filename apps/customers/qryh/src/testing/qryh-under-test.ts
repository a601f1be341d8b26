import { auditTrailIndexes } from '@cqrs/framework-change-handling';
import type { TestedApp } from '@cqrs/framework-core/testing';
import { qryhUnderTest } from '@cqrs/framework-query-handling/testing';
import { customerHistoryCollection, customerIndexes } from '@cqrs/customers-shared';
import { start } from '../app';
import type { Config } from '../config';
import { configSchema } from '../config';
import { customerSeeder } from './customer-seed';

const customersQryh: TestedApp<Config> = { service: 'customers-qryh', configSchema, start };

/** customers-qryh in-process on a database of its own, seeded the way the writing apps write. */
export const startQryh = () =>
  qryhUnderTest(customersQryh, {
    indexes: [...customerIndexes, ...auditTrailIndexes(customerHistoryCollection)],
    seeders: customerSeeder,
  });

export type QryhUnderTest = Awaited<ReturnType<typeof startQryh>>;
