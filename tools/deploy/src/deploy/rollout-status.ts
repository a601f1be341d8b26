import type { V1Deployment } from '@kubernetes/client-node';

/** Where a Deployment's rollout stands. */
export type RolloutStatus =
  | { readonly state: 'progressing'; readonly message: string }
  | { readonly state: 'done'; readonly message: string }
  | { readonly state: 'failed'; readonly message: string };

/** The `Progressing` condition's reason once `progressDeadlineSeconds` passed without progress. */
export const progressDeadlineExceeded = 'ProgressDeadlineExceeded';

/**
 * Decides a rollout the way `kubectl rollout status` does (kubectl's DeploymentStatusViewer):
 * nothing counts until the controller has observed the current generation; then a `Progressing`
 * condition with reason `ProgressDeadlineExceeded` fails it; it is done once every desired replica
 * is updated, no old replica is left, and every updated replica is available.
 */
export function rolloutStatus(deployment: V1Deployment): RolloutStatus {
  const name = deployment.metadata?.name ?? '?';
  const status = deployment.status ?? {};
  if ((deployment.metadata?.generation ?? 0) > (status.observedGeneration ?? 0)) {
    return {
      state: 'progressing',
      message: 'waiting for the deployment spec update to be observed',
    };
  }
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === progressDeadlineExceeded) {
    const detail = progressing.message ? ` (${progressing.message})` : '';
    return {
      state: 'failed',
      message: `deployment "${name}" exceeded its progress deadline${detail}`,
    };
  }
  const desired = deployment.spec?.replicas;
  const updated = status.updatedReplicas ?? 0;
  const replicas = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  if (desired !== undefined && updated < desired) {
    return {
      state: 'progressing',
      message: `${updated} out of ${desired} new replicas have been updated`,
    };
  }
  if (replicas > updated) {
    return {
      state: 'progressing',
      message: `${replicas - updated} old replicas are pending termination`,
    };
  }
  if (available < updated) {
    return {
      state: 'progressing',
      message: `${available} of ${updated} updated replicas are available`,
    };
  }
  return { state: 'done', message: `deployment "${name}" successfully rolled out` };
}
