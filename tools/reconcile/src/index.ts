export { reconcile } from './reconcile';
export { formatReport } from './format-report';
export type {
  CheckName,
  Drift,
  ReconcileOptions,
  ReconcileReport,
  ServiceName,
  ServiceSummary,
} from './report';
