import { z } from 'zod';
import { freeTextSchema, problem } from '@cqrs/framework-core';

// What the dead-letter APIs of `evh` (parked events) and `extevp` (failed deliveries) share:
// the time window of their filters, the grouped view, and discarding with a reason.

const isoTime = z.iso.datetime({ offset: true });

/** `from` / `to` of a dead-letter filter, to spread into its `z.strictObject`. */
export const timeWindowShape = (what: string) => ({
  from: isoTime.optional().describe(`Only items ${what} at or after this time`),
  to: isoTime.optional().describe(`Only items ${what} at or before this time`),
});

/** Refuses a window that ends before it starts (a 400, not an empty answer). */
export const windowInOrder = (window: { readonly from?: string; readonly to?: string }) =>
  window.from === undefined ||
  window.to === undefined ||
  Date.parse(window.from) <= Date.parse(window.to);

export const windowMessage = { message: 'from must not be after to', path: ['to'] };

/** The MongoDB condition of a time window on a date field; `undefined` for no window. */
export function windowCondition(window: {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}): { $gte?: Date; $lte?: Date } | undefined {
  if (window.from === undefined && window.to === undefined) return undefined;
  return {
    ...(window.from === undefined ? {} : { $gte: new Date(window.from) }),
    ...(window.to === undefined ? {} : { $lte: new Date(window.to) }),
  };
}

/** `POST .../{id}/discard`: why the item is given up on. */
export const discardBodySchema = z.strictObject({
  reason: freeTextSchema(500).describe('Why it is given up on, for whoever reads it later'),
});

/** Who discarded an item, why and when, as the API shows it. */
export const discardSchema = z.object({
  by: z.string().describe("Subject of the operator's token"),
  reason: z.string().describe('Why it was given up on'),
  at: z.iso.datetime(),
});

/** Who discarded an item, why and when, as stored. */
export interface Discard {
  readonly by: string;
  readonly reason: string;
  readonly at: Date;
}

export const toDiscardResource = (discard: Discard | null | undefined) =>
  discard ? { ...discard, at: discard.at.toISOString() } : null;

/** One group of dead letters: the same failure reason and event type. */
export interface DeadLetterGroup<R extends string = string> {
  readonly reason: R;
  readonly type: string | null;
  readonly count: number;
  readonly oldest: Date;
  readonly newest: Date;
}

/** The grouped view: counts by failure reason and event type, largest first. */
export const deadLetterGroupsSchema = <R extends z.ZodType>(reason: R, what: string) =>
  z.object({
    items: z.array(
      z.object({
        reason,
        type: z.string().nullable().describe('The event type; null when it could not be read'),
        count: z.number().int().positive(),
        oldest: z.iso.datetime().describe(`The earliest ${what} time in the group`),
        newest: z.iso.datetime().describe(`The latest ${what} time in the group`),
      }),
    ),
  });

export const toGroupResource = <R extends string>(group: DeadLetterGroup<R>) => ({
  reason: group.reason,
  type: group.type,
  count: group.count,
  oldest: group.oldest.toISOString(),
  newest: group.newest.toISOString(),
});

/**
 * The `$group` stage of the grouped view: by reason and type, counting and keeping the oldest and
 * newest time of `timeField`; `$sort` it after.
 */
export const groupStages = (reasonField: string, typeField: string, timeField: string) => [
  {
    $group: {
      _id: { reason: `$${reasonField}`, type: `$${typeField}` },
      count: { $sum: 1 },
      oldest: { $min: `$${timeField}` },
      newest: { $max: `$${timeField}` },
    },
  },
  { $sort: { count: -1, '_id.reason': 1, '_id.type': 1 } },
];

/** A row of {@link groupStages}. */
export interface GroupRow<R extends string> {
  readonly _id: { readonly reason: R; readonly type?: string | null };
  readonly count: number;
  readonly oldest: Date;
  readonly newest: Date;
}

/** A row of {@link groupStages} as a group. */
export const groupOf = <R extends string>(row: GroupRow<R>): DeadLetterGroup<R> => ({
  reason: row._id.reason,
  type: row._id.type ?? null,
  count: row.count,
  oldest: row.oldest,
  newest: row.newest,
});

/** The 401 and 403 of the operators' dead-letter routes. */
export const operatorProblems = {
  401: problem('Missing, expired or invalid bearer token'),
  403: problem('The caller does not have the operator role'),
} as const;

/** The responses of a discard route besides its 200. */
export const discardProblems = (what: string, notFoundReason: string, conflict: string) =>
  ({
    400: problem('Invalid id, or a body without a reason'),
    ...operatorProblems,
    404: problem(`No ${what} with this id (reason ${notFoundReason})`),
    409: problem(conflict),
  }) as const;
