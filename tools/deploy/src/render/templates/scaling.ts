import type { V1PodDisruptionBudget, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import { appLabels, appSelector, type AppRenderInput } from '../deploy-app';

/** The app's HorizontalPodAutoscaler on CPU, for roles with `autoscaling` (cmdh, qryh, extevh). */
export function autoscalerTemplate(input: AppRenderInput): V2HorizontalPodAutoscaler | undefined {
  const { app, settings } = input;
  if (settings.autoscaling === null) return undefined;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: app.name, namespace: input.namespace, labels: appLabels(app) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app.name },
      minReplicas: settings.autoscaling.minReplicas,
      maxReplicas: settings.autoscaling.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: {
              type: 'Utilization',
              averageUtilization: settings.autoscaling.targetCPUUtilizationPercentage,
            },
          },
        },
      ],
    },
  };
}

/**
 * The app's PodDisruptionBudget, when it runs at least two replicas: drains then take one pod at
 * a time (for one-active roles: the standby stays while the active one moves).
 */
export function disruptionBudgetTemplate(input: AppRenderInput): V1PodDisruptionBudget | undefined {
  const { app, settings } = input;
  const least = settings.autoscaling?.minReplicas ?? settings.replicas;
  if (settings.disruptionBudget === null || least < 2) return undefined;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: app.name, namespace: input.namespace, labels: appLabels(app) },
    spec: {
      maxUnavailable: settings.disruptionBudget.maxUnavailable,
      selector: { matchLabels: appSelector(app) },
    },
  };
}
