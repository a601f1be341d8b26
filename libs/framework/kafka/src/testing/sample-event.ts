import type { CloudEvent } from '../cloud-events/cloud-event';
import { formatSequence } from '../cloud-events/cloud-event';

/** Event `version` of aggregate `subject`, shaped like what `evp` publishes. */
export function sampleEvent(subject: string, version: number): CloudEvent {
  return {
    specversion: '1.0',
    id: `${subject}:${version}`,
    source: '/customers',
    type: 'customer.changed.v1',
    subject,
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, version)).toISOString(),
    datacontenttype: 'application/json',
    data: { version, note: 'ünïcödé' },
    correlationid: `corr-${subject}`,
    sequence: formatSequence(version),
  };
}
