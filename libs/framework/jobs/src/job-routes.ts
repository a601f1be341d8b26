import type { z } from 'zod';
import type { AppRole } from '@cqrs/framework-core';
import { defineRoute, linkTo, problem, withLinks } from '@cqrs/framework-core';
import { jobParamsSchema, jobResourceSchema } from './job-resource';

/** What the job routes of one kind share with the routes around them. */
export interface JobRoutesSpec<F extends z.ZodObject, O extends string> {
  readonly service: string;
  readonly app: AppRole;
  readonly tags: readonly string[];
  readonly roles: readonly string[];
  /** The collection of jobs, e.g. `/orders/parked-events/replays`. */
  readonly path: string;
  /** Operation ids are `<verb><name>`, e.g. `startOrdersParkedEventReplay`. */
  readonly name: string;
  /** What a job does, for the summaries, e.g. `replay of parked events`. */
  readonly what: string;
  /** The job's filter: the request body that starts it. */
  readonly filter: F;
  readonly outcomes: readonly O[];
}

/**
 * The routes of one kind of background job: start one (202 + Location), read its progress,
 * cancel it. Bearer routes for `roles` only, every error a problem.
 */
export function jobRoutes<F extends z.ZodObject, const O extends string>(
  spec: JobRoutesSpec<F, O>,
) {
  const common = {
    service: spec.service,
    app: spec.app,
    exposure: 'public',
    tags: spec.tags,
    auth: 'bearer',
    roles: spec.roles,
  } as const;
  const job = jobResourceSchema(spec.filter, spec.outcomes);
  const guarded = {
    401: problem('Missing, expired or invalid bearer token'),
    403: problem(`The caller does not have the ${spec.roles.join(' or ')} role`),
  } as const;
  const notFound = problem('No such job (reason job_not_found)');
  const get = defineRoute({
    ...common,
    method: 'get',
    path: `${spec.path}/{jobId}`,
    operationId: `get${spec.name}`,
    summary: `Progress of a ${spec.what}`,
    params: jobParamsSchema,
    responses: {
      200: { description: 'The job and its progress', body: job },
      400: problem('Invalid job id'),
      ...guarded,
      404: notFound,
    },
  });
  const cancel = defineRoute({
    ...common,
    method: 'post',
    path: `${spec.path}/{jobId}/cancel`,
    operationId: `cancel${spec.name}`,
    summary: `Cancel a running ${spec.what}: it stops after the item in flight`,
    params: jobParamsSchema,
    responses: {
      200: { description: 'Cancelled (or cancelled before)', body: job },
      400: problem('Invalid job id'),
      ...guarded,
      404: notFound,
      409: problem('The job already completed or failed (reason job_finished)'),
    },
  });
  const start = defineRoute({
    ...common,
    method: 'post',
    path: spec.path,
    operationId: `start${spec.name}`,
    summary: `Start a ${spec.what} in the background, for every item the filter matches now`,
    body: spec.filter,
    responses: {
      202: {
        description: 'Started; follow its progress at the Location',
        body: job,
        headers: { Location: 'URL of the job' },
      },
      400: problem('Invalid filter; the problem lists each field'),
      ...guarded,
    },
  });
  const toJob = (description: string) => ({
    GetJob: linkTo(get, { 'path.jobId': '$response.body#/id' }, description),
    CancelJob: linkTo(cancel, { 'path.jobId': '$response.body#/id' }),
  });
  return {
    start: withLinks(start, 202, toJob('Its progress')),
    get: withLinks(get, 200, toJob('Its progress again')),
    cancel,
  };
}

/** The routes {@link jobRoutes} declares. */
export type JobRoutes<F extends z.ZodObject, O extends string> = ReturnType<typeof jobRoutes<F, O>>;
