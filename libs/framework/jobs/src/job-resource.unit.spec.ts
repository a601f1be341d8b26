import { z } from 'zod';
import type { JobDocument } from './job';
import { jobResourceSchema, toJobResource } from './job-resource';
import { jobRoutes } from './job-routes';

const filter = z.strictObject({ reason: z.enum(['a', 'b']).optional() });
const outcomes = ['replayed', 'stillFailing'] as const;

const job: JobDocument = {
  _id: '3b241101-e2bb-4255-8caf-4136c566a962',
  kind: 'test',
  status: 'cancelled',
  params: { reason: 'a' },
  asOf: new Date('2026-03-01T00:00:00.000Z'),
  matched: 5,
  processed: 2,
  counts: { replayed: 2 },
  cursor: [new Date('2026-03-01T00:00:00.000Z'), 'x'],
  owner: 'host:1:abc',
  createdBy: 'ops-1',
  createdAt: new Date('2026-03-01T00:00:00.000Z'),
  updatedAt: new Date('2026-03-01T00:01:00.000Z'),
  finishedAt: new Date('2026-03-01T00:01:00.000Z'),
  cancelledBy: 'ops-2',
  error: null,
};

describe('job resource', () => {
  it('shows every outcome count beside matched, 0 for outcomes not seen yet', () => {
    const resource = toJobResource(job, outcomes);

    expect(jobResourceSchema(filter, outcomes).parse(resource)).toEqual({
      id: job._id,
      status: 'cancelled',
      filter: { reason: 'a' },
      matched: 5,
      processed: 2,
      replayed: 2,
      stillFailing: 0,
      createdBy: 'ops-1',
      createdAt: '2026-03-01T00:00:00.000Z',
      updatedAt: '2026-03-01T00:01:00.000Z',
      finishedAt: '2026-03-01T00:01:00.000Z',
      cancelledBy: 'ops-2',
      error: null,
    });
  });
});

describe('jobRoutes', () => {
  const routes = jobRoutes({
    service: 'orders',
    app: 'evh',
    tags: ['orders parked events'],
    roles: ['operator'],
    path: '/orders/parked-events/replays',
    name: 'OrdersParkedEventReplay',
    what: 'bulk replay of parked events',
    filter,
    outcomes,
  });

  it('declares start, progress and cancel for the roles given, answering problems', () => {
    expect(
      [routes.start, routes.get, routes.cancel].map(
        (r) => `${r.method} ${r.path} ${r.operationId}`,
      ),
    ).toEqual([
      'post /orders/parked-events/replays startOrdersParkedEventReplay',
      'get /orders/parked-events/replays/{jobId} getOrdersParkedEventReplay',
      'post /orders/parked-events/replays/{jobId}/cancel cancelOrdersParkedEventReplay',
    ]);
    expect(routes.start.roles).toEqual(['operator']);
    expect(routes.start.responses[202].headers).toHaveProperty('Location');
    expect(Object.keys(routes.cancel.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
    ]);
  });

  it('takes a strict filter and a uuid job id', () => {
    expect(routes.start.body.safeParse({ reason: 'a' }).success).toBe(true);
    expect(routes.start.body.safeParse({ status: 'parked' }).success).toBe(false);
    expect(routes.get.params.safeParse({ jobId: 'nope' }).success).toBe(false);
  });
});
