import type { Db } from 'mongodb';
import type { BoundRoute } from '@cqrs/framework-core';
import { AppError, bindRoute } from '@cqrs/framework-core';
import type { Projection, RebuildableReadModel } from '../projection';
import type { RebuildDocument } from './rebuild';
import { toRebuildResource } from './rebuild-resource';
import type { ReadModelRebuildRoutes } from './rebuild-routes';
import type { RebuildStore } from './rebuild-store';

const notFound = (what: string, reason: string) =>
  new AppError('not_found', `No ${what}`, { details: { reason } });

/**
 * The rebuildable read models of `projections` by name.
 *
 * @throws Error when `routes` name one that is not among them: the declaration and the app
 * disagree.
 */
export function rebuildableReadModels(
  projections: readonly Projection[],
  routes: { readonly readModels: readonly string[] },
): ReadonlyMap<string, RebuildableReadModel> {
  const byName = new Map(
    projections.flatMap((p) => (p.rebuild ? [[p.name, p.rebuild] as const] : [])),
  );
  const missing = routes.readModels.filter((name) => !byName.has(name));
  if (missing.length > 0) {
    throw new Error(`read models declared rebuildable but not rebuildable here: ${missing.join()}`);
  }
  return byName;
}

/**
 * Serves the routes of {@link readModelRebuildRoutes} on any replica: they only read and write
 * `read_model_rebuilds`; the leader notices a request (or a cancel) within its poll interval.
 */
export function rebuildHandlers(
  routes: ReadModelRebuildRoutes,
  readModels: ReadonlyMap<string, RebuildableReadModel>,
  store: RebuildStore,
  db: Db,
  source: string,
): BoundRoute[] {
  const readModelOf = (name: string) => {
    const readModel = readModels.get(name);
    if (!readModel) throw notFound(`rebuildable read model ${name}`, 'read_model_not_found');
    return readModel;
  };
  const found = async (name: string, id: string): Promise<RebuildDocument> => {
    readModelOf(name);
    const rebuild = await store.get(name, id);
    if (!rebuild) throw notFound(`rebuild ${id} of ${name}`, 'rebuild_not_found');
    return rebuild;
  };
  return [
    bindRoute(routes.start, async ({ params, actor, log }) => {
      const { collection } = readModelOf(params.name);
      const total = await db.collection(source).countDocuments();
      const rebuild = await store.request({
        readModel: params.name,
        collection,
        total,
        requestedBy: actor.sub,
      });
      log.info(
        { rebuild: rebuild._id, readModel: params.name, total, operator: actor.sub },
        'read-model rebuild requested',
      );
      return {
        status: 202,
        headers: {
          Location: `/${routes.start.service}/read-models/${params.name}/rebuilds/${rebuild._id}`,
        },
        body: toRebuildResource(rebuild),
      };
    }),
    bindRoute(routes.get, async ({ params }) => ({
      status: 200,
      body: toRebuildResource(await found(params.name, params.rebuildId)),
    })),
    bindRoute(routes.cancel, async ({ params, actor, log }) => {
      const current = await found(params.name, params.rebuildId);
      const cancelled =
        current.status === 'cancelled'
          ? current
          : await store.cancel(params.name, params.rebuildId, actor.sub);
      if (!cancelled) {
        throw new AppError('conflict', `rebuild ${params.rebuildId} can no longer be cancelled`, {
          details: { reason: 'rebuild_finished' },
          retriable: false,
        });
      }
      log.info({ rebuild: cancelled._id, operator: actor.sub }, 'read-model rebuild cancelled');
      return { status: 200, body: toRebuildResource(cancelled) };
    }),
  ];
}
