export { jobStatuses, type JobDocument, type JobStatus } from './job';
export type { JobKind } from './job-kind';
export { jobHandlers } from './job-handlers';
export { jobsGauge } from './job-metrics';
export { jobParamsSchema, jobResourceSchema, toJobResource } from './job-resource';
export { jobRoutes, type JobRoutes, type JobRoutesSpec } from './job-routes';
export { createJobRunner, type JobRunner, type JobRunnerOptions } from './job-runner';
export {
  createJobStore,
  defaultJobsCollection,
  jobIndexes,
  type JobStore,
  type NewJob,
} from './job-store';
export { runJob, type RunEnd } from './run-job';
export {
  deadLetterGroupsSchema,
  discardBodySchema,
  discardProblems,
  discardSchema,
  groupOf,
  groupStages,
  operatorProblems,
  timeWindowShape,
  toDiscardResource,
  toGroupResource,
  windowCondition,
  windowInOrder,
  windowMessage,
  type DeadLetterGroup,
  type GroupRow,
  type Discard,
} from './dead-letter-schemas';
export { capWindowAt, countByReason } from './dead-letter-queries';
