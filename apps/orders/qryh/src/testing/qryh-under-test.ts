import { auditTrailIndexes } from '@cqrs/framework-change-handling';
import type { TestedApp } from '@cqrs/framework-core/testing';
import { qryhUnderTest } from '@cqrs/framework-query-handling/testing';
import { orderHistoryCollection, orderIndexes } from '@cqrs/orders-shared';
import { start } from '../app';
import type { Config } from '../config';
import { configSchema } from '../config';
import { orderSeeder } from './order-seed';

const ordersQryh: TestedApp<Config> = { service: 'orders-qryh', configSchema, start };

/** orders-qryh in-process on a database of its own, seeded the way the writing apps write. */
export const startQryh = () =>
  qryhUnderTest(ordersQryh, {
    indexes: [...orderIndexes, ...auditTrailIndexes(orderHistoryCollection)],
    seeders: orderSeeder,
  });

export type QryhUnderTest = Awaited<ReturnType<typeof startQryh>>;
