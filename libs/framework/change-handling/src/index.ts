export { auditEntryFor, stateOf, type AuditEntry } from './audit-entry';
export { auditTrailIndexes, createAuditTrail } from './audit-trail';
export {
  changeHandlingConfigShape,
  startChangeHandlingApp,
  type ChangeHandlingConfig,
} from './change-handling-app';
export { auditTrailProjection, type Projection } from './projection';
export { historyEntrySchema, type HistoryEntry } from './history/history-entry';
export {
  historyEntryResourceSchema,
  toHistoryEntryResource,
  type HistoryEntryResource,
  type HistoryResourceDescriptions,
} from './history/history-resource';
export { jsonPatchOperationSchema, type JsonPatchOperation } from './history/json-patch-operation';
export type { DocumentOrigin, RebuildableReadModel } from './projection';
export {
  activeRebuildStatuses,
  rebuildStatuses,
  rebuildsCollection,
  type RebuildDocument,
  type RebuildStatus,
} from './rebuild/rebuild';
export { rebuildResourceSchema, type RebuildResource } from './rebuild/rebuild-resource';
export { readModelRebuildRoutes, type ReadModelRebuildRoutes } from './rebuild/rebuild-routes';
