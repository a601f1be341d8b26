/**
 * Where a read-model rebuild stands: `building` (dual-writing and scanning the write model),
 * `switching` (scan done, the rebuilt collection is being renamed over the live one), or ended.
 */
export const rebuildStatuses = [
  'building',
  'switching',
  'completed',
  'cancelled',
  'failed',
] as const;

export type RebuildStatus = (typeof rebuildStatuses)[number];

/** The statuses in which a rebuild holds its read model's one slot. */
export const activeRebuildStatuses = ['building', 'switching'] as const satisfies RebuildStatus[];

/**
 * One rebuild of a read model, in `read_model_rebuilds`. The state lives here, not in a process,
 * so whichever `chgh` replica leads next continues it from `after`.
 */
export interface RebuildDocument {
  readonly _id: string;
  /** The projection's name, e.g. `order-stats`. */
  readonly readModel: string;
  /** The collection that serves the read model, e.g. `order_stats`. */
  readonly collection: string;
  /** Where it is rebuilt, e.g. `order_stats__rebuild_<id>`; renamed to `collection` at the end. */
  readonly target: string;
  readonly status: RebuildStatus;
  /**
   * The read model's name while the rebuild is active, its id once it ended: a unique index on
   * it allows one active rebuild per read model (the engine ignores partial indexes).
   */
  readonly slot: string;
  /** `_id` of the last write-model document the scan applied; `null` before the first. */
  readonly after: unknown;
  /** Write-model documents the scan applied so far. */
  readonly documents: number;
  /** Write-model documents when it was requested. */
  readonly total: number;
  /** Subject of the token that requested it. */
  readonly requestedBy: string;
  readonly startedAt: Date;
  readonly updatedAt: Date;
  /** When it completed or failed, or, once cancelled, when its target was dropped. */
  readonly finishedAt: Date | null;
  readonly cancelledBy: string | null;
  /** Why it failed; `null` unless failed. */
  readonly error: string | null;
}

/** The collection rebuilds are kept in. */
export const rebuildsCollection = 'read_model_rebuilds';

/** The collection a rebuild of `collection` writes until it switches. */
export const rebuildTarget = (collection: string, id: string): string =>
  `${collection}__rebuild_${id}`;
