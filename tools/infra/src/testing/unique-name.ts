import { randomBytes } from 'node:crypto';

/** A name no other test (or earlier run) uses: topics, groups and databases are never shared. */
export const uniqueName = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
