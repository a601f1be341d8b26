import type { Document } from 'mongodb';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import type { ChangeEvent } from '@cqrs/framework-mongo';
import { writeEventsPipeline } from '@cqrs/framework-mongo';

/** What a publisher reads of a write: its `lastEvent`. */
export type LastEventChange = ChangeEvent<Pick<VersionedDocument, 'lastEvent'>>;

/**
 * The change stream of a publisher of the write model's events (evp, the webhook fan-out):
 * inserts and replaces, each with only the `lastEvent` of its document. The state and the
 * processed-command records, most of a document's bytes, are left on the server: it encodes and
 * sends, and the publisher decodes, a fraction of each write. The change's `_id` (the resume
 * token) and `clusterTime` stay as they are.
 */
export const lastEventPipeline: Document[] = [
  ...writeEventsPipeline,
  {
    $project: {
      operationType: 1,
      clusterTime: 1,
      ns: 1,
      documentKey: 1,
      'fullDocument.lastEvent': 1,
    },
  },
];
