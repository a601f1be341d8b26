import type { V1Deployment } from '@kubernetes/client-node';
import type { Cluster } from '../kube/cluster';
import { fieldManager } from '../render/deploy-app';

/** The field manager that holds `spec.replicas` while an autoscaler takes it over. */
export const replicasHandoverManager = `${fieldManager}-handover-to-hpa`;

type ReplicasFields = { 'f:spec'?: { 'f:replicas'?: unknown } };

/**
 * An app that gets an autoscaler is applied without `spec.replicas`. Were our field manager the
 * field's only owner, the API server would remove the field and its default (1) would scale the
 * app down to one pod until the autoscaler scaled it up again. The way out Kubernetes documents
 * (Server-Side Apply, "Transferring ownership"): apply the live value under a second manager
 * first, so the field stays owned when ours lets go; the autoscaler takes it from there.
 *
 * @returns the live replicas to hand over, or undefined when nothing needs handing over.
 */
export function replicasToHandOver(
  live: V1Deployment | undefined,
  rendered: V1Deployment,
): number | undefined {
  const replicas = live?.spec?.replicas;
  if (rendered.spec?.replicas !== undefined || replicas === undefined) return undefined;
  const ours = (live?.metadata?.managedFields ?? []).some(
    (m) =>
      m.manager === fieldManager &&
      m.operation === 'Apply' &&
      (m.fieldsV1 as ReplicasFields | undefined)?.['f:spec']?.['f:replicas'] !== undefined,
  );
  return ours ? replicas : undefined;
}

/**
 * Applies the hand-over `replicasToHandOver` calls for, before the Deployment itself is applied.
 *
 * @returns the replicas handed over, or undefined when nothing needed handing over.
 */
export async function handOverReplicas(
  cluster: Cluster,
  live: V1Deployment | undefined,
  rendered: V1Deployment,
): Promise<number | undefined> {
  const replicas = replicasToHandOver(live, rendered);
  if (replicas === undefined) return undefined;
  await cluster.apply(
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: rendered.metadata?.name, namespace: rendered.metadata?.namespace },
      spec: { replicas },
    },
    { fieldManager: replicasHandoverManager },
  );
  return replicas;
}
