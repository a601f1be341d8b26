import type { V1Deployment, V1Probe } from '@kubernetes/client-node';
import { annotationPrefix, appLabels, appSelector, type AppRenderInput } from '../deploy-app';
import type { AppSettings } from '../values';

const httpProbe = (probe: AppSettings['probes']['liveness']): V1Probe => ({
  httpGet: { path: probe.path, port: 'http' },
  periodSeconds: probe.periodSeconds,
  timeoutSeconds: probe.timeoutSeconds,
  failureThreshold: probe.failureThreshold,
  ...(probe.initialDelaySeconds !== undefined
    ? { initialDelaySeconds: probe.initialDelaySeconds }
    : {}),
});

/**
 * The app's Deployment. Autoscaled apps leave `replicas` to their HorizontalPodAutoscaler (the
 * field is not applied, so a deploy never resets the current scale). One-active apps run their
 * fixed replicas; the lease inside the app decides which one works. Pods run as the image's
 * non-root user on a read-only root filesystem with a writable `/tmp`, and stop gracefully:
 * preStop sleep, then SIGTERM to `node` (PID 1), which drains and exits.
 */
export function deploymentTemplate(input: AppRenderInput, configMapName: string): V1Deployment {
  const { app, settings } = input;
  const labels = appLabels(app);
  const selector = appSelector(app);
  const annotations = settings.oneActive
    ? { [`${annotationPrefix}/one-active`]: 'true' }
    : undefined;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: app.name,
      namespace: input.namespace,
      labels,
      ...(annotations ? { annotations } : {}),
    },
    spec: {
      ...(settings.autoscaling === null ? { replicas: settings.replicas } : {}),
      revisionHistoryLimit: settings.revisionHistoryLimit,
      progressDeadlineSeconds: settings.progressDeadlineSeconds,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: {
          labels: { ...labels, 'app.kubernetes.io/version': input.imageTag },
          ...(annotations ? { annotations } : {}),
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: settings.terminationGracePeriodSeconds,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: settings.topologySpread.map((c) => ({
            ...c,
            labelSelector: { matchLabels: selector },
            matchLabelKeys: ['pod-template-hash'],
          })),
          containers: [
            {
              name: 'app',
              image: input.image,
              imagePullPolicy: input.pullPolicy,
              ports: [{ name: 'http', containerPort: settings.port, protocol: 'TCP' }],
              envFrom: [
                { configMapRef: { name: configMapName } },
                ...settings.secrets.map((name) => ({ secretRef: { name } })),
              ],
              resources: {
                requests: settings.resources.requests,
                limits: settings.resources.limits,
              },
              startupProbe: httpProbe(settings.probes.startup),
              livenessProbe: httpProbe(settings.probes.liveness),
              readinessProbe: httpProbe(settings.probes.readiness),
              ...(settings.preStopSleepSeconds > 0
                ? { lifecycle: { preStop: { sleep: { seconds: settings.preStopSleepSeconds } } } }
                : {}),
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}
