import type { Drift, ServiceName } from '../report';

/** What the topic check needs of a write-model document. */
export interface VersionedAggregate {
  readonly _id: string;
  readonly version: number;
}

/** What the checks need of one CloudEvent read from a topic. */
export interface TopicEvent {
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
}

export interface TopicCheck {
  readonly expected: number;
  readonly published: number;
  readonly duplicated: number;
  readonly lost: number;
  readonly unknown: number;
  readonly drifts: readonly Drift[];
}

/** The event id of `aggregateId` at `version` (the write model's `lastEvent.id`). */
export const eventIdOf = (aggregateId: string, version: number) => `${aggregateId}:${version}`;

/** `[1,2,3,7,9,10]` -> `1-3, 7, 9-10`. */
function ranges(versions: readonly number[]): string {
  const parts: string[] = [];
  let start = versions[0];
  for (let i = 0; i < versions.length; i++) {
    const v = versions[i] as number;
    const next = versions[i + 1];
    if (next === v + 1) continue;
    parts.push(start === v ? `${v}` : `${start}-${v}`);
    start = next;
  }
  return parts.join(', ');
}

/**
 * Write model versus topic: every version 1..n of every aggregate must have exactly one event
 * (by CloudEvent id) on the service's topic. Extra copies are counted as duplicates (delivery is
 * at least once), not drift; a missing version is lost; an event of a version the write model
 * does not have is unknown (a write model reset under a topic that kept its events, or an event
 * published for a write that did not happen).
 */
export function checkTopic(
  service: ServiceName,
  topic: string,
  aggregates: readonly VersionedAggregate[],
  events: readonly TopicEvent[],
): TopicCheck {
  const copies = new Map<string, number>();
  for (const event of events) copies.set(event.id, (copies.get(event.id) ?? 0) + 1);

  const drifts: Drift[] = [];
  let expected = 0;
  let published = 0;
  let duplicated = 0;
  const expectedIds = new Set<string>();
  for (const aggregate of aggregates) {
    const missing: number[] = [];
    for (let version = 1; version <= aggregate.version; version++) {
      const id = eventIdOf(aggregate._id, version);
      expectedIds.add(id);
      expected++;
      const count = copies.get(id) ?? 0;
      if (count === 0) missing.push(version);
      else {
        published++;
        duplicated += count - 1;
      }
    }
    if (missing.length > 0) {
      drifts.push({
        service,
        check: 'topic',
        id: aggregate._id,
        detail: `version(s) ${ranges(missing)} of ${aggregate.version} not on ${topic}`,
      });
    }
  }

  const unknownBySubject = new Map<string, string[]>();
  for (const id of copies.keys()) {
    if (expectedIds.has(id)) continue;
    const subject = id.slice(0, id.lastIndexOf(':'));
    unknownBySubject.set(subject, [...(unknownBySubject.get(subject) ?? []), id]);
  }
  let unknown = 0;
  for (const [subject, ids] of unknownBySubject) {
    unknown += ids.length;
    drifts.push({
      service,
      check: 'topic',
      id: subject,
      detail: `${ids.length} event(s) on ${topic} of versions the write model does not have (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', ...' : ''})`,
    });
  }
  return { expected, published, duplicated, lost: expected - published, unknown, drifts };
}
