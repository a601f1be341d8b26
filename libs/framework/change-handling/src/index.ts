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
