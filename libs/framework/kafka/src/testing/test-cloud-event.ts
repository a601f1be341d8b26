import { randomUUID } from 'node:crypto';
import type { CloudEvent } from '../cloud-events/cloud-event';
import { formatSequence } from '../cloud-events/cloud-event';

/**
 * A CloudEvent as a service's `evp` publishes it: event `version` of aggregate `subject`, with a
 * fresh id (so the same change sent twice under two ids can be told apart) and correlation id.
 */
export function testCloudEvent(
  source: string,
  type: string,
  subject: string,
  data: Record<string, unknown>,
  version = 1,
): CloudEvent {
  return {
    specversion: '1.0',
    id: `${subject}:${version}:${randomUUID()}`,
    source,
    type,
    subject,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data,
    correlationid: `corr-${randomUUID()}`,
    sequence: formatSequence(version),
  };
}
