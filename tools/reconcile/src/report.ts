/** The services the reconciliation knows. */
export type ServiceName = 'customers' | 'orders';

/** What a drift was found by. */
export type CheckName =
  | 'topic'
  | 'audit-trail'
  | 'order-stats'
  | 'open-orders'
  | 'standing'
  | 'webhook-deliveries'
  | 'stuck-deliveries';

/** One disagreement, with the aggregate (or delivery) it is about. */
export interface Drift {
  readonly service: ServiceName;
  readonly check: CheckName;
  /** The aggregate id (customer, order) or, for deliveries, the delivery id. */
  readonly id: string;
  readonly detail: string;
}

/** What one service's write model, topic and read models hold, and how far they drift. */
export interface ServiceSummary {
  readonly service: ServiceName;
  /** Aggregates in the write model. */
  readonly aggregates: number;
  /** Events the write model implies: the sum of every aggregate's version. */
  readonly expected: number;
  /** Distinct expected events found on the topic. */
  readonly published: number;
  /** Extra copies of published events (at-least-once; counted, not drift). */
  readonly duplicated: number;
  /** Expected events missing from the topic. */
  readonly lost: number;
  /** Events on the topic of an aggregate version the write model does not have. */
  readonly unknown: number;
  /** Events parked by this service's evh (not lost, but not applied: they explain drift). */
  readonly parked: number;
  /** Drifts per check. */
  readonly drifts: Readonly<Partial<Record<CheckName, number>>>;
}

export interface ReconcileReport {
  readonly services: readonly ServiceSummary[];
  readonly drifts: readonly Drift[];
  /** Consumer groups still lagging when the wait for zero lag timed out (empty: caught up). */
  readonly lagging: readonly string[];
  /** True only when nothing drifted and nothing was lost. */
  readonly ok: boolean;
}

export interface ReconcileOptions {
  readonly mongoUrl: string;
  /** Comma-separated `host:port` list. */
  readonly kafkaBrokers: string;
  /** Default: every service. */
  readonly services?: readonly ServiceName[];
  /**
   * How long to wait for the consumer groups to reach zero lag, then for drift still in flight
   * (an event not yet published, a change not yet recorded) to settle (default 60 s).
   */
  readonly settleTimeoutMs?: number;
  /** A pending delivery whose claim lapsed longer ago than this is stuck (default 60 s). */
  readonly stuckAfterMs?: number;
  /** Progress messages (default: none). */
  readonly log?: (line: string) => void;
}
