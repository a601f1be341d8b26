export {
  connectMongo,
  type ConnectMongoOptions,
  type MongoConnection,
} from './connection/connect-mongo';
export { duplicateKeyIndex, isDuplicateKeyError } from './errors/duplicate-key';
export { mapMongoError } from './errors/map-mongo-error';
export { isTransientMongoError } from './errors/transient-error';
export { applyIndexes, type AppliedIndexes } from './indexes/apply-indexes';
export type { IndexDeclaration } from './indexes/index-declaration';
export {
  createLeaderElector,
  type LeaderElector,
  type LeaderElectorOptions,
} from './lease/leader-elector';
export type { LeadershipEnd, LeaseHandlers } from './lease/lease-handlers';
export {
  createLease,
  defaultLeaseOwner,
  type Lease,
  type LeaseDocument,
  type LeaseOptions,
} from './lease/lease';
export {
  clusterTimeOf,
  writeEventsPipeline,
  type BatchInfo,
  type ChangeEvent,
} from './change-stream/change-event';
export type {
  ChangeStreamSubscriber,
  ChangeStreamSubscriberOptions,
  HistoryLostInfo,
  HistoryLostPolicy,
  InitialPosition,
} from './change-stream/subscriber-options';
export { createChangeStreamSubscriber } from './change-stream/change-stream-subscriber';
export {
  changeStreamConfigShape,
  changeStreamPolicies,
  snapshottingChangeStreamConfigShape,
  type ChangeStreamConfig,
  type ChangeStreamPolicies,
} from './change-stream/change-stream-config';
export { type CheckpointDocument, type SnapshotProgress } from './change-stream/checkpoint-store';
export {
  runOneActive,
  runWithLease,
  type RunWithLeaseOptions,
} from './change-stream/run-with-lease';
export { oneActiveReadiness } from './change-stream/one-active';
export { connectServiceMongo, mongoConfigShape, type MongoConfig } from './service/service-mongo';
export { runEvery, scheduleOnOneReplica } from './lease/scheduled-job';
