import { z } from 'zod';
import { toEventCatalogResponse } from '../api/event-admin';
import { customerStandingEventTypes } from './customer-standing-events';
import { eventCatalog } from './event-catalog';
import { orderEventSchema, orderEventTypes, ordersEventsTopic } from './order-events';

describe('Event catalog', () => {
  it('lists every event type of the union exactly once', () => {
    // Arrange
    const unionTypes = orderEventSchema.options.map((option) => option.shape.type.value);

    // Act
    const catalogTypes = eventCatalog.map((entry) => entry.type);

    // Assert
    expect([...catalogTypes].sort()).toEqual([...unionTypes].sort());
    expect(new Set(catalogTypes).size).toBe(catalogTypes.length);
    expect([...catalogTypes].sort()).toEqual(Object.values(orderEventTypes).sort());
  });

  it('names every type order.<what>.v1, describes it in one line and hides standings', () => {
    // Assert
    for (const entry of eventCatalog) {
      expect(entry.type).toMatch(/^order\.[a-z_]+\.v1$/);
      expect(entry.description).toMatch(/^[^\n]{10,120}$/);
    }
    expect(eventCatalog.map((entry) => entry.type as string)).not.toContain(
      customerStandingEventTypes.recorded,
    );
  });

  it('pairs each type with the data schema of the union member of that type', () => {
    // Act
    const mismatched = eventCatalog.filter((entry) => {
      const member = orderEventSchema.options.find(
        (option) => option.shape.type.value === entry.type,
      );
      const { type: _type, ...memberShape } = member?.shape ?? {};
      return (
        Object.keys(memberShape).sort().join() !== Object.keys(entry.dataSchema.shape).sort().join()
      );
    });

    // Assert
    expect(mismatched).toEqual([]);
  });

  it('carries the order, its customer and the time in every event', () => {
    // Assert
    for (const entry of eventCatalog) {
      expect(Object.keys(entry.dataSchema.shape)).toEqual(
        expect.arrayContaining(['orderId', 'customerId', 'occurredAt']),
      );
    }
  });

  it('serves the topic and a JSON Schema per type that keeps objects open', () => {
    // Act
    const response = toEventCatalogResponse();
    const placed = response.items.find((item) => item.type === 'order.placed.v1');

    // Assert
    expect(response.topic).toBe(ordersEventsTopic);
    expect(response.topic).toBe('orders.events.v1');
    expect(placed?.dataSchema).toMatchObject({
      type: 'object',
      required: ['orderId', 'customerId', 'occurredAt', 'lines', 'currency', 'total'],
    });
    expect(placed?.dataSchema).not.toHaveProperty('additionalProperties');
  });

  it('lets a consumer on v1 read data with a field added later', () => {
    // Arrange
    const data = {
      orderId: 'o-1',
      customerId: 'c-1',
      occurredAt: '2025-03-01T09:00:00.000Z',
      reason: 'duplicate',
      refundId: 'r-1',
    };
    const cancelled = eventCatalog.find((entry) => entry.type === 'order.cancelled.v1');

    // Act
    const result = (cancelled?.dataSchema ?? z.never()).safeParse(data);

    // Assert
    expect(result.success).toBe(true);
  });
});
