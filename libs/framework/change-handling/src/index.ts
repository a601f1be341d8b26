export { auditEntryFor, stateOf, type AuditEntry } from './audit-entry';
export { auditTrailIndexes, createAuditTrail } from './audit-trail';
export {
  createAuditTrailProjector,
  type AuditTrailProjectorOptions,
} from './audit-trail-projector';
