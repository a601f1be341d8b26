import { z } from 'zod';
import type { RebuildDocument } from './rebuild';
import { rebuildStatuses } from './rebuild';

/** A read-model rebuild as the API shows it: where it stands and how far its scan got. */
export const rebuildResourceSchema = z.object({
  id: z.string(),
  readModel: z.string().describe('The read model, e.g. order-stats'),
  collection: z.string().describe('The collection that serves it, replaced at the switch'),
  target: z.string().describe('The collection it is rebuilt into until the switch'),
  status: z
    .enum(rebuildStatuses)
    .describe(
      'building: scanning the write model (the old collection still serves); switching; ' +
        'completed: the rebuilt collection serves; cancelled; failed: see error',
    ),
  documents: z.number().int().nonnegative().describe('Write-model documents scanned so far'),
  total: z.number().int().nonnegative().describe('Write-model documents when it was requested'),
  requestedBy: z.string().describe('Subject of the token that requested it'),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  finishedAt: z.iso
    .datetime()
    .nullable()
    .describe('When it completed or failed, or, cancelled, when its target was dropped'),
  cancelledBy: z.string().nullable(),
  error: z.string().nullable().describe('Why it failed; null unless failed'),
});

export type RebuildResource = z.infer<typeof rebuildResourceSchema>;

/** Maps a stored rebuild to its resource. */
export const toRebuildResource = (rebuild: RebuildDocument): RebuildResource => ({
  id: rebuild._id,
  readModel: rebuild.readModel,
  collection: rebuild.collection,
  target: rebuild.target,
  status: rebuild.status,
  documents: rebuild.documents,
  total: rebuild.total,
  requestedBy: rebuild.requestedBy,
  startedAt: rebuild.startedAt.toISOString(),
  updatedAt: rebuild.updatedAt.toISOString(),
  finishedAt: rebuild.finishedAt?.toISOString() ?? null,
  cancelledBy: rebuild.cancelledBy,
  error: rebuild.error,
});
