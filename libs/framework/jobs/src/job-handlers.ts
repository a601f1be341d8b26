import type { z } from 'zod';
import type { BoundRoute } from '@cqrs/framework-core';
import { bindRoute } from '@cqrs/framework-core';
import type { JobRunner } from './job-runner';
import { toJobResource } from './job-resource';
import type { JobRoutes } from './job-routes';

/** Serves the routes of {@link jobRoutes} with `runner`. */
export function jobHandlers<F extends z.ZodObject, O extends string>(
  routes: JobRoutes<F, O>,
  runner: JobRunner<z.output<F>>,
  outcomes: readonly O[],
): BoundRoute[] {
  // The body's type depends on `O`, which TypeScript cannot follow through the route's generic
  // schema; `jobResourceSchema` and `toJobResource` are checked against each other in a test.
  const resource = (job: Parameters<typeof toJobResource>[0]) =>
    toJobResource(job, outcomes) as never;
  return [
    bindRoute(routes.start, async ({ body, actor, log }) => {
      const job = await runner.submit(body as z.output<F>, actor.sub);
      log.info({ jobId: job._id, matched: job.matched, operator: actor.sub }, 'job started');
      return {
        status: 202,
        headers: { Location: `${routes.start.path}/${job._id}` },
        body: resource(job),
      };
    }),
    bindRoute(routes.get, async ({ params }) => ({
      status: 200,
      body: resource(await runner.get(params.jobId)),
    })),
    bindRoute(routes.cancel, async ({ params, actor, log }) => {
      const job = await runner.cancel(params.jobId, actor.sub);
      log.info({ jobId: job._id, operator: actor.sub }, 'job cancelled');
      return { status: 200, body: resource(job) };
    }),
  ];
}
