import type { ParkedEvent } from '../parking/parked-event';
import { parkedEventResourceSchema, toParkedEventResource } from './parked-event-resource';

const parked: ParkedEvent = {
  _id: 'c-1:3',
  topic: 'customers.events.v1',
  partition: 1,
  offset: '17',
  key: 'c-1',
  headers: [{ name: 'content-type', value: 'application/cloudevents+json' }],
  value: '{"secret":"personal data"}',
  type: 'customer.blocked.v1',
  reason: {
    code: 'refused',
    message: 'Order is closed',
    status: 422,
    problemReason: 'order_closed',
    command: 'POST /internal/orders/o-1/hold',
  },
  attempts: 2,
  parkedAt: new Date('2026-01-02T03:04:05.000Z'),
  status: 'parked',
};

describe('toParkedEventResource', () => {
  it('shows who discarded an event, why and when', () => {
    const resource = toParkedEventResource({
      ...parked,
      status: 'discarded',
      discarded: { by: 'ops-1', reason: 'duplicate', at: new Date('2026-01-04T00:00:00.000Z') },
    });

    expect(resource).toMatchObject({
      status: 'discarded',
      discarded: { by: 'ops-1', reason: 'duplicate', at: '2026-01-04T00:00:00.000Z' },
    });
    expect(parkedEventResourceSchema.parse(resource)).toEqual(resource);
  });

  it('maps a parked event to its resource, without the payload', () => {
    const resource = toParkedEventResource(parked);

    expect(resource).toEqual({
      id: 'c-1:3',
      topic: 'customers.events.v1',
      partition: 1,
      offset: '17',
      type: 'customer.blocked.v1',
      reason: parked.reason,
      attempts: 2,
      parkedAt: '2026-01-02T03:04:05.000Z',
      status: 'parked',
      replayedAt: null,
      discarded: null,
    });
    expect(JSON.stringify(resource)).not.toContain('personal data');
    expect(parkedEventResourceSchema.parse(resource)).toEqual(resource);
  });

  it('shows an undecodable message without type, and a replayed one with its time', () => {
    const resource = toParkedEventResource({
      ...parked,
      _id: 'customers.events.v1:1:17',
      type: undefined,
      reason: { code: 'bad_json', message: 'message value is not JSON' },
      attempts: 0,
      status: 'replayed',
      replayedAt: new Date('2026-01-03T00:00:00.000Z'),
    });

    expect(resource).toMatchObject({
      type: null,
      reason: { code: 'bad_json', message: 'message value is not JSON' },
      status: 'replayed',
      replayedAt: '2026-01-03T00:00:00.000Z',
    });
    expect(parkedEventResourceSchema.safeParse(resource).success).toBe(true);
  });
});
