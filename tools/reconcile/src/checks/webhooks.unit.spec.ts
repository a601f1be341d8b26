import type { SubscriptionFacts } from './webhooks';
import { checkDeliveries, checkStuckDeliveries, subscriptionStartMarginMs } from './webhooks';

const start = new Date('2026-12-04T10:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms).toISOString();
const subscription = (fields: Partial<SubscriptionFacts> = {}): SubscriptionFacts => ({
  _id: 'sub_1',
  status: 'active',
  eventTypes: ['customer.blocked.v1'],
  createdAt: start,
  ...fields,
});
const blocked = (id: string, ms: number) => ({
  id,
  type: 'customer.blocked.v1',
  subject: 'c',
  time: at(ms),
});

describe('webhook reconciliation', () => {
  const later = subscriptionStartMarginMs + 1_000;

  it('wants a delivery for each wanted event after the subscription started matching', () => {
    // Arrange
    const events = [
      blocked('c:1', -5_000),
      blocked('c:2', later),
      { id: 'c:3', type: 'customer.closed.v1', subject: 'c', time: at(later) },
      blocked('c:4', later),
      blocked('c:4', later),
    ];

    // Act
    const drifts = checkDeliveries('customers', [subscription()], events, new Set(['sub_1:c:2']));

    // Assert
    expect(drifts).toEqual([
      {
        service: 'customers',
        check: 'webhook-deliveries',
        id: 'sub_1',
        detail: '1 wanted event(s) without a delivery (c:4)',
      },
    ]);
  });

  it('counts from when a subscription started matching, and never for a disabled one', () => {
    // Arrange
    const events = [blocked('c:1', later)];

    // Act
    const drifts = [
      ...checkDeliveries('customers', [subscription({ status: 'disabled' })], events, new Set()),
      ...checkDeliveries(
        'customers',
        [subscription({ matchingSince: new Date(start.getTime() + later) })],
        events,
        new Set(),
      ),
    ];

    // Assert
    expect(drifts).toEqual([]);
  });

  it('reports pending deliveries whose claim lapsed long ago', () => {
    // Arrange
    const now = new Date(start.getTime() + 120_000);
    const deliveries = [
      { _id: 'stuck', status: 'pending' as const, claim: 'x', dueAt: start },
      {
        _id: 'claimed',
        status: 'pending' as const,
        claim: 'y',
        dueAt: new Date(now.getTime() + 1),
      },
      { _id: 'waiting', status: 'pending' as const, claim: null, dueAt: start },
      { _id: 'done', status: 'delivered' as const, claim: 'z', dueAt: start },
    ];

    // Act
    const drifts = checkStuckDeliveries('orders', deliveries, now, 60_000);

    // Assert
    expect(drifts.map((d) => d.id)).toEqual(['stuck']);
  });
});
