export { auditEntryFor, stateOf, type AuditEntry } from './audit-entry';
export { auditTrailIndexes, createAuditTrail } from './audit-trail';
export {
  changeHandlingConfigShape,
  startChangeHandlingApp,
  type ChangeHandlingConfig,
} from './change-handling-app';
export { auditTrailProjection, type Projection } from './projection';
