import { z } from 'zod';
import {
  defineRoute,
  linkTo,
  pascalCase,
  problem,
  roleRequired,
  withLinks,
} from '@cqrs/framework-core';
import { rebuildResourceSchema } from './rebuild-resource';

const guarded = {
  401: problem('Missing, expired or invalid bearer token'),
  403: roleRequired('operator'),
} as const;

/**
 * The read-model rebuild routes of `service`'s `chgh`, for its shared lib to declare (so the
 * gateway, `openapi.yaml` and the HTTPRoutes have them), operators only: request a rebuild of
 * one of `readModels` (the names of its rebuildable projections), follow it, cancel it.
 */
export function readModelRebuildRoutes<const S extends string>(
  service: S,
  readModels: readonly [string, ...string[]],
) {
  const base = `/${service}/read-models/{name}/rebuilds` as const;
  const name = pascalCase(service);
  const common = {
    service,
    app: 'chgh',
    exposure: 'public',
    tags: [`${service} read models`],
    auth: 'bearer',
    roles: ['operator'],
  } as const;
  const readModel = z
    .string()
    .min(1)
    .max(100)
    .describe(`The read model: ${readModels.join(', ')}`);
  const rebuildParams = z.object({
    name: readModel,
    rebuildId: z.uuid().describe('Id of the rebuild, from the Location of its request'),
  });
  const notFound = problem(
    'No such read model (reason read_model_not_found) or rebuild (reason rebuild_not_found)',
  );
  const get = defineRoute({
    ...common,
    method: 'get',
    path: `${base}/{rebuildId}`,
    operationId: `get${name}ReadModelRebuild`,
    summary: 'Progress of a read-model rebuild',
    params: rebuildParams,
    responses: {
      200: { description: 'The rebuild and its progress', body: rebuildResourceSchema },
      400: problem('Invalid read model name or rebuild id'),
      ...guarded,
      404: notFound,
    },
  });
  const cancel = defineRoute({
    ...common,
    method: 'post',
    path: `${base}/{rebuildId}/cancel`,
    operationId: `cancel${name}ReadModelRebuild`,
    summary:
      'Cancel a read-model rebuild: the old collection keeps serving, the new one is dropped',
    params: rebuildParams,
    responses: {
      200: { description: 'Cancelled (or cancelled before)', body: rebuildResourceSchema },
      400: problem('Invalid read model name or rebuild id'),
      ...guarded,
      404: notFound,
      409: problem('The rebuild is switching, completed or failed (reason rebuild_finished)'),
    },
  });
  const start = defineRoute({
    ...common,
    method: 'post',
    path: base,
    operationId: `start${name}ReadModelRebuild`,
    summary:
      'Rebuild a read model from the write model into a new collection while the old one ' +
      'serves, then switch to it',
    params: z.object({ name: readModel }),
    responses: {
      202: {
        description: 'Requested; the leading chgh replica works on it; follow the Location',
        body: rebuildResourceSchema,
        headers: { Location: 'URL of the rebuild' },
      },
      400: problem('Invalid read model name'),
      ...guarded,
      404: problem('No rebuildable read model of this name (reason read_model_not_found)'),
      409: problem('A rebuild of this read model is active (reason rebuild_in_progress)'),
    },
  });
  const toRebuild = (description: string) => ({
    GetRebuild: linkTo(
      get,
      { 'path.name': '$request.path.name', 'path.rebuildId': '$response.body#/id' },
      description,
    ),
    CancelRebuild: linkTo(cancel, {
      'path.name': '$request.path.name',
      'path.rebuildId': '$response.body#/id',
    }),
  });
  return {
    readModels,
    start: withLinks(start, 202, toRebuild('Its progress')),
    get: withLinks(get, 200, toRebuild('Its progress again')),
    cancel,
  };
}

/** The routes {@link readModelRebuildRoutes} declares. */
export type ReadModelRebuildRoutes = ReturnType<typeof readModelRebuildRoutes>;
