import type { Actor } from '@cqrs/framework-core';
import { testToken, waitUntil } from '@cqrs/framework-core/testing';
import type { EvpUnderTest } from '@cqrs/framework-event-publishing/testing';
import { evpUnderTest } from '@cqrs/framework-event-publishing/testing';
import type { OrderCommand } from '@cqrs/orders-shared';
import {
  eventCatalog,
  fromOrderDocument,
  orderAggregate,
  ordersCollection,
  toOrderDocument,
} from '@cqrs/orders-shared';
import type { PipelineWriter } from '@cqrs/framework-command-handling/testing';
import { pipelineWriter } from '@cqrs/framework-command-handling/testing';
import type { Config } from './config';
import { start } from './app';
import { configSchema } from './config';

const shopper: Actor = { sub: 'shopper-7', roles: ['customer'] };
const paymentService: Actor = { sub: 'orders-extevh', roles: ['service'] };
const warehouse: Actor = { sub: 'warehouse-1', roles: ['fulfilment'] };

describe('orders-evp', () => {
  let evp: EvpUnderTest<Config>;
  let app: Awaited<ReturnType<typeof start>>;
  /** Writes order changes exactly as orders-cmdh does: through the command pipeline. */
  let orders: PipelineWriter<OrderCommand>;

  beforeEach(async () => {
    evp = await evpUnderTest({
      evp: { service: 'orders-evp', configSchema, start },
      main: 'apps/orders/evp/src/main.ts',
    });
    app = await evp.start();
    orders = pipelineWriter(evp.db, {
      collection: ordersCollection,
      aggregate: orderAggregate,
      toDocument: toOrderDocument,
      fromDocument: fromOrderDocument,
      aggregateIdOf: (command) => command.orderId,
    });
  });
  afterEach(() => evp?.cleanUp());

  it('publishes placed, paid and shipped as CloudEvents keyed by order id, in order', async () => {
    // Arrange
    await evp.publisherStarted();

    // Act
    await orders.write(
      {
        type: 'PlaceOrder',
        orderId: 'o1',
        customerId: 'c1',
        lines: [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1250 }],
        currency: 'EUR',
        customerStanding: 'active',
      },
      shopper,
    );
    await orders.write(
      { type: 'RecordPaymentSucceeded', orderId: 'o1', reference: 'pay-1' },
      paymentService,
    );
    await orders.write({ type: 'ShipOrder', orderId: 'o1' }, warehouse);
    const published = await evp.published();
    await waitUntil(() => published().length >= 3, 'three events arrived');

    // Assert
    expect(published()).toEqual([
      { key: 'o1', id: 'o1:1', type: 'order.placed.v1', sequence: 1 },
      { key: 'o1', id: 'o1:2', type: 'order.paid.v1', sequence: 2 },
      { key: 'o1', id: 'o1:3', type: 'order.shipped.v1', sequence: 3 },
    ]);
  });

  it('lists every order event type with its JSON Schema in the catalog', async () => {
    // Act
    const response = await fetch(`${app.url}/orders/events/types`, {
      headers: { authorization: `Bearer ${await testToken({ sub: 'ops' })}` },
    });

    // Assert
    expect(response.status).toBe(200);
    const catalog = (await response.json()) as {
      topic: string;
      items: { type: string; dataSchema: object }[];
    };
    expect(catalog.topic).toBe(evp.topic);
    expect(catalog.items.map((item) => item.type).sort()).toEqual(
      eventCatalog.map((e) => e.type).sort(),
    );
    expect(catalog.items.map((item) => item.type)).toEqual(
      expect.arrayContaining(['order.placed.v1', 'order.paid.v1', 'order.shipped.v1']),
    );
    expect(catalog.items.every((item) => 'properties' in item.dataSchema)).toBe(true);
  });
});
