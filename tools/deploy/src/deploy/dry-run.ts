import type { V1Deployment } from '@kubernetes/client-node';
import { describeObject, refOf, type Cluster } from '../kube/cluster';
import type { RenderedApp } from '../render/render-apps';
import { replicasToHandOver } from './hand-over-replicas';
import { objectDiff } from './object-diff';
import { removedObjects } from './prune-removed';

/**
 * What deploying the app would change: each object is server-side applied with `dryRun=All`
 * (so defaulting, admission and field ownership are the server's) and diffed against the live
 * object, and each object the deploy would remove because the app no longer renders it is
 * named. Nothing is written. Returns the diffs, one per changed object.
 */
export async function dryRunApp(cluster: Cluster, rendered: RenderedApp): Promise<string[]> {
  const diffs: string[] = [];
  for (const object of rendered.objects) {
    const live = await cluster.read(refOf(object));
    const applied = await cluster.apply(object, { dryRun: true });
    // A deploy hands the replicas to a new autoscaler first; a lone dry-run apply would show
    // them reset to 1.
    const kept = object.kind === 'Deployment' ? replicasToHandOver(live, object) : undefined;
    if (kept !== undefined) (applied as V1Deployment).spec!.replicas = kept;
    const diff = objectDiff(`${rendered.app.name} ${describeObject(object)}`, live, applied);
    if (diff !== '') diffs.push(diff);
  }
  for (const live of await removedObjects(cluster, rendered)) {
    diffs.push(objectDiff(`${rendered.app.name} ${describeObject(live)}`, live, undefined));
  }
  return diffs;
}
