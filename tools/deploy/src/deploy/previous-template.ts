import type { V1Deployment, V1PodTemplateSpec, V1ReplicaSet } from '@kubernetes/client-node';

/** The annotation the Deployment controller numbers revisions with, on the Deployment and its ReplicaSets. */
export const revisionAnnotation = 'deployment.kubernetes.io/revision';

const revisionOf = (o: { metadata?: { annotations?: Record<string, string> } }): number => {
  const value = Number(o.metadata?.annotations?.[revisionAnnotation]);
  return Number.isInteger(value) ? value : 0;
};

/** The pod template to roll back to, and the revision it was. */
export interface PreviousTemplate {
  readonly revision: number;
  readonly template: V1PodTemplateSpec;
}

/**
 * What `kubectl rollout undo` goes back to: the pod template of the Deployment's ReplicaSet with
 * the highest revision below the Deployment's current one, without the `pod-template-hash` label
 * the controller added. Undefined when there is none (the first rollout failed).
 */
export function previousTemplate(
  deployment: V1Deployment,
  replicaSets: readonly V1ReplicaSet[],
): PreviousTemplate | undefined {
  const uid = deployment.metadata?.uid;
  const current = revisionOf(deployment);
  const candidates = replicaSets
    .filter((rs) =>
      rs.metadata?.ownerReferences?.some((o) => o.uid === uid && o.kind === 'Deployment'),
    )
    .filter(
      (rs) => revisionOf(rs) > 0 && revisionOf(rs) < current && rs.spec?.template !== undefined,
    )
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  const previous = candidates[0];
  if (previous?.spec?.template === undefined) return undefined;
  const template = structuredClone(previous.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  if (template.metadata)
    delete (template.metadata as { creationTimestamp?: unknown }).creationTimestamp;
  return { revision: revisionOf(previous), template };
}
