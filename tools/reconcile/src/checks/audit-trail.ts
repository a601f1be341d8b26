import type { Operation } from 'fast-json-patch';
import fastJsonPatch from 'fast-json-patch';
import type { VersionedDocument } from '@cqrs/framework-command-handling';
import { stateOf } from '@cqrs/framework-change-handling';
import type { Drift, ServiceName } from '../report';

/** What the check needs of an audit-trail entry. */
export interface TrailEntry {
  readonly aggregateId: string;
  readonly version: number;
  readonly patch: readonly Operation[];
}

/**
 * Write model versus audit trail: one entry per version 1..n, and the entries' patches, applied
 * in version order to an empty state, give the current state (what `stateOf` makes of the
 * document, the same JSON form the trail records). An entry for a version or an aggregate the
 * write model does not have is drift too.
 */
export function checkAuditTrail(
  service: ServiceName,
  documents: readonly VersionedDocument[],
  entries: readonly TrailEntry[],
): Drift[] {
  const byAggregate = new Map<string, TrailEntry[]>();
  for (const entry of entries) {
    const list = byAggregate.get(entry.aggregateId);
    if (list) list.push(entry);
    else byAggregate.set(entry.aggregateId, [entry]);
  }
  const drifts: Drift[] = [];
  const drift = (id: string, detail: string) =>
    drifts.push({ service, check: 'audit-trail', id, detail });

  for (const document of documents) {
    const trail = (byAggregate.get(document._id) ?? []).sort((a, b) => a.version - b.version);
    byAggregate.delete(document._id);
    const versions = new Set(trail.map((e) => e.version));
    const missing: number[] = [];
    for (let v = 1; v <= document.version; v++) if (!versions.has(v)) missing.push(v);
    const beyond = trail.filter((e) => e.version > document.version).map((e) => e.version);
    if (missing.length > 0) {
      drift(
        document._id,
        `no history entry for version(s) ${missing.join(', ')} of ${document.version}`,
      );
      continue;
    }
    if (beyond.length > 0) {
      drift(
        document._id,
        `history entries for version(s) ${beyond.join(', ')} beyond ${document.version}`,
      );
      continue;
    }
    let state: unknown = {};
    try {
      for (const entry of trail) {
        state = fastJsonPatch.applyPatch(state, [...entry.patch], false, false).newDocument;
      }
    } catch (error) {
      drift(document._id, `the history's patches do not apply: ${(error as Error).message}`);
      continue;
    }
    const difference = fastJsonPatch.compare(state as object, stateOf(document));
    if (difference.length > 0) {
      const paths = difference.map((op) => `${op.op} ${op.path}`).slice(0, 5);
      drift(document._id, `the history replays to a different state (${paths.join('; ')})`);
    }
  }
  for (const [aggregateId, trail] of byAggregate) {
    drift(
      aggregateId,
      `${trail.length} history entr(ies) of an aggregate the write model does not have`,
    );
  }
  return drifts;
}
