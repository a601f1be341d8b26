import { chghUnderTest } from '@cqrs/framework-change-handling/testing';
import type { OrderHistoryEntry, OrderStats } from '@cqrs/orders-shared';
import {
  orderHistoryCollection,
  orderStatsCollection,
  ordersCollection,
} from '@cqrs/orders-shared';
import { start } from '../app';
import type { Config } from '../config';
import { configSchema } from '../config';

/**
 * A database of its own for one test, and replicas of orders-chgh started in-process on it.
 * `close` stops the replicas still running and drops the database.
 */
export async function chghFixture() {
  const fixture = await chghUnderTest<Config, OrderHistoryEntry>({
    chgh: { service: 'orders-chgh', configSchema, start },
    source: ordersCollection,
    history: orderHistoryCollection,
  });
  const stats = fixture.db.collection<OrderStats>(orderStatsCollection);
  return {
    ...fixture,
    /** The customer's order stats, as orders-chgh keeps them. */
    statsOf: (customerId: string) => stats.findOne({ _id: customerId }),
  };
}
