import { z } from 'zod';

/** One RFC 6902 JSON Patch operation, as the audit trail stores it and the history API shows it. */
export const jsonPatchOperationSchema = z.discriminatedUnion('op', [
  z.object({ op: z.enum(['add', 'replace', 'test']), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal('remove'), path: z.string() }),
  z.object({ op: z.enum(['move', 'copy']), from: z.string(), path: z.string() }),
]);

export type JsonPatchOperation = z.infer<typeof jsonPatchOperationSchema>;
