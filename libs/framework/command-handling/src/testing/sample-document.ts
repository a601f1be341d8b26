import type { ProcessedCommand, VersionedDocument } from '../stored-event';

/** A small aggregate document shaped like a service's persistence DTO. */
export interface SampleDocument extends VersionedDocument {
  email: string;
  state: string;
}

/** The document of aggregate `id` at `version`, as the write model would store it. */
export function sampleDocument(
  id: string,
  version: number,
  overrides: Partial<Pick<SampleDocument, 'email' | 'state' | 'processedCommands'>> = {},
): SampleDocument {
  const commandId = `cmd-${id}-${version}`;
  const processed: ProcessedCommand = {
    commandId,
    fingerprint: `fp-${commandId}`,
    version,
    status: version === 1 ? 201 : 200,
    body: { id, version },
  };
  return {
    _id: id,
    version,
    email: overrides.email ?? `${id}@example.com`,
    state: overrides.state ?? (version === 1 ? 'pending_kyc' : 'active'),
    lastEvent: {
      id: `${id}:${version}`,
      type: version === 1 ? 'sample.registered.v1' : 'sample.changed.v1',
      aggregateId: id,
      version,
      time: new Date(Date.UTC(2025, 0, 1, 0, 0, version)),
      data: { version },
      actor: { sub: 'tester', roles: ['admin'] },
      commandId,
      correlationId: `corr-${id}`,
    },
    processedCommands: overrides.processedCommands ?? [processed],
  };
}
