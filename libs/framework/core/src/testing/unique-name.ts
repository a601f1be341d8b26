import { randomBytes } from 'node:crypto';

/**
 * `prefix` plus a random suffix, e.g. `orders-3f9a1c2b`: one database, topic or consumer group
 * per test, so tests never see each other's data. Only letters, digits and dashes, which both
 * MongoDB database names and Kafka topic names accept.
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}
