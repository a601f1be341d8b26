import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CloudEvent } from '@cqrs/framework-kafka';
import { formatSequence } from '@cqrs/framework-kafka';
import type { EventRoutes } from '../routing/event-routes';
import { eventRoute } from '../routing/event-routes';

/** A customer event as the customers `evp` would publish it. */
export function customerEvent(
  type: string,
  data: Record<string, unknown>,
  overrides: Partial<CloudEvent> = {},
): CloudEvent {
  const subject = typeof data.customerId === 'string' ? data.customerId : 'c-1';
  return {
    specversion: '1.0',
    id: `${subject}:${randomUUID()}`,
    source: '/customers',
    type,
    subject,
    time: '2026-01-01T00:00:00.000Z',
    datacontenttype: 'application/json',
    data,
    correlationid: `corr-${randomUUID().slice(0, 8)}`,
    sequence: formatSequence(1),
    ...overrides,
  };
}

/**
 * Routes shaped like orders-evh's: a block becomes two commands (standing and hold), a
 * registration one, a rename none.
 */
export const testRoutes: EventRoutes = {
  'customer.blocked.v1': eventRoute({
    data: z.object({ customerId: z.string(), reason: z.string() }),
    toCommands: (_event, data) => [
      {
        method: 'PUT',
        path: `/internal/standings/${data.customerId}`,
        body: { status: 'blocked' },
        key: 'standing',
      },
      {
        method: 'POST',
        path: `/internal/customers/${data.customerId}/orders/hold`,
        body: { reason: data.reason },
        key: 'hold',
      },
    ],
  }),
  'customer.registered.v1': eventRoute({
    data: z.object({ customerId: z.string() }),
    toCommands: (_event, data) => [
      {
        method: 'PUT',
        path: `/internal/standings/${data.customerId}`,
        body: { status: 'pending' },
        key: 'standing',
      },
    ],
  }),
  'customer.renamed.v1': eventRoute({ data: z.object({}), toCommands: () => [] }),
};
