import type { RebuildDocument } from './rebuild';
import { rebuildResourceSchema, toRebuildResource } from './rebuild-resource';
import { readModelRebuildRoutes } from './rebuild-routes';

const at = new Date('2026-03-01T10:00:00.000Z');
const stored: RebuildDocument = {
  _id: '0b7f0c6e-9d43-4f7e-9a52-6a1d8f0e2b11',
  readModel: 'order-stats',
  collection: 'order_stats',
  target: 'order_stats__rebuild_0b7f0c6e-9d43-4f7e-9a52-6a1d8f0e2b11',
  status: 'building',
  slot: 'order-stats',
  after: 'order-9',
  documents: 9,
  total: 20,
  requestedBy: 'ops-ada',
  startedAt: at,
  updatedAt: at,
  finishedAt: null,
  cancelledBy: null,
  error: null,
};

describe('read-model rebuild routes', () => {
  const routes = readModelRebuildRoutes('orders', ['order-stats']);

  it('are chgh routes under /<service>/read-models/{name}/rebuilds, for operators only', () => {
    // Act
    const declared = [routes.start, routes.get, routes.cancel].map(
      (r) => `${r.method} ${r.path} ${r.app} ${r.exposure} ${r.auth} ${r.roles.join()}`,
    );

    // Assert
    expect(declared).toEqual([
      'post /orders/read-models/{name}/rebuilds chgh public bearer operator',
      'get /orders/read-models/{name}/rebuilds/{rebuildId} chgh public bearer operator',
      'post /orders/read-models/{name}/rebuilds/{rebuildId}/cancel chgh public bearer operator',
    ]);
    expect(Object.keys(routes.start.responses)).toEqual(['202', '400', '401', '403', '404', '409']);
    expect(routes.start.params.shape.name.description).toContain('order-stats');
  });

  it('show a stored rebuild as its resource, without its scan position or slot', () => {
    // Act
    const resource = toRebuildResource(stored);

    // Assert
    expect(rebuildResourceSchema.strict().parse(resource)).toEqual({
      id: stored._id,
      readModel: 'order-stats',
      collection: 'order_stats',
      target: stored.target,
      status: 'building',
      documents: 9,
      total: 20,
      requestedBy: 'ops-ada',
      startedAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
      finishedAt: null,
      cancelledBy: null,
      error: null,
    });
  });
});
