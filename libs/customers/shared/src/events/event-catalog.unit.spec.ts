import { z } from 'zod';
import { toEventCatalogResponse } from '../api/event-admin';
import { customerEventSchema, customerEventTypes, customersEventsTopic } from './customer-events';
import { eventCatalog } from './event-catalog';

describe('Event catalog', () => {
  it('lists every event type of the union exactly once', () => {
    // Arrange
    const unionTypes = customerEventSchema.options.map((option) => option.shape.type.value);

    // Act
    const catalogTypes = eventCatalog.map((entry) => entry.type);

    // Assert
    expect([...catalogTypes].sort()).toEqual([...unionTypes].sort());
    expect(new Set(catalogTypes).size).toBe(catalogTypes.length);
    expect([...catalogTypes].sort()).toEqual(Object.values(customerEventTypes).sort());
  });

  it('names every type customer.<what>.v1 and describes it in one line', () => {
    // Assert
    for (const entry of eventCatalog) {
      expect(entry.type).toMatch(/^customer\.[a-z_]+\.v1$/);
      expect(entry.description).toMatch(/^[^\n]{10,120}$/);
    }
  });

  it('pairs each type with the data schema of the union member of that type', () => {
    // Act
    const mismatched = eventCatalog.filter((entry) => {
      const member = customerEventSchema.options.find(
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

  it('serves the topic and a JSON Schema per type that keeps objects open', () => {
    // Act
    const response = toEventCatalogResponse();
    const blocked = response.items.find((item) => item.type === 'customer.blocked.v1');

    // Assert
    expect(response.topic).toBe(customersEventsTopic);
    expect(response.topic).toBe('customers.events.v1');
    expect(blocked?.dataSchema).toMatchObject({
      type: 'object',
      required: ['customerId', 'occurredAt', 'reason'],
    });
    expect(blocked?.dataSchema).not.toHaveProperty('additionalProperties');
  });

  it('lets a consumer on v1 read data with a field added later', () => {
    // Arrange
    const data = { customerId: 'c-1', occurredAt: '2025-03-01T09:00:00.000Z', tier: 'gold' };
    const unblocked = eventCatalog.find((entry) => entry.type === 'customer.unblocked.v1');

    // Act
    const result = (unblocked?.dataSchema ?? z.never()).safeParse(data);

    // Assert
    expect(result.success).toBe(true);
  });
});
