import type { KubernetesObject } from '@kubernetes/client-node';
import { describeObject, refOf, type Cluster } from '../kube/cluster';
import { appSelectorString, fieldManager } from '../render/deploy-app';
import { managedKinds, type RenderedApp } from '../render/render-apps';

/**
 * The app's objects in the cluster that its settings no longer render: an autoscaler or a
 * disruption budget switched off, an HTTPRoute of an app that lost its routes. Only objects that
 * carry the app's name and our `managed-by` label count, so another app's objects and objects
 * someone else made are never candidates. The Deployment is always rendered, and ConfigMaps are
 * left to `pruneConfigMaps`, which keeps the ones rollbacks still need.
 */
export async function removedObjects(
  cluster: Cluster,
  rendered: RenderedApp,
): Promise<KubernetesObject[]> {
  const namespace = rendered.deployment.metadata?.namespace ?? '';
  const selector = `${appSelectorString(rendered.app)},app.kubernetes.io/managed-by=${fieldManager}`;
  const renderedNames = new Set(rendered.objects.map(describeObject));
  const removed: KubernetesObject[] = [];
  for (const { apiVersion, kind } of managedKinds) {
    if (kind === 'Deployment' || kind === 'ConfigMap') continue;
    if (!(await cluster.serves(apiVersion, kind))) continue;
    const live = await cluster.list<KubernetesObject>(apiVersion, kind, namespace, selector);
    // A list's items may leave out apiVersion and kind.
    const objects = live.map((o) => ({ ...o, apiVersion, kind }));
    removed.push(...objects.filter((o) => !renderedNames.has(describeObject(o))));
  }
  return removed;
}

/**
 * Deletes what `removedObjects` finds, after a successful rollout (so a rollback still has the
 * objects the previous version ran with).
 *
 * @returns `Kind/name` of each object deleted.
 */
export async function pruneRemoved(cluster: Cluster, rendered: RenderedApp): Promise<string[]> {
  const removed = await removedObjects(cluster, rendered);
  for (const object of removed) await cluster.delete(refOf(object));
  return removed.map(describeObject);
}
