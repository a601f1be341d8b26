import { createHash } from 'node:crypto';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { appLabels, type AppRenderInput } from '../deploy-app';

const urlVariable = (role: string) => `${role.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;

/**
 * The app's environment, the same contract the dev runner gives it (tools/dev
 * `appEnvironment`): `SERVICE_NAME`, `HOST`/`PORT`, `MONGO_DB` (the service), `<ROLE>_URL` of
 * each other app of the service (its Service's DNS name), plus the `env` values. Secrets
 * (`MONGO_URL`, JWT, `SERVICE_TOKEN`, webhook keys) come from Secrets, never from here.
 */
export function appEnvironment(input: AppRenderInput): Record<string, string> {
  const { app, settings } = input;
  const urls: Record<string, string> = {};
  for (const other of input.siblings) {
    if (other.name !== app.name)
      urls[urlVariable(other.role)] = `http://${other.name}:${settings.port}`;
  }
  // Leaves the app time to finish on its own before the kubelet's SIGKILL (after preStop).
  const graceSeconds = Math.max(
    1,
    settings.terminationGracePeriodSeconds - settings.preStopSleepSeconds - 5,
  );
  return {
    ...settings.env,
    ...urls,
    SERVICE_NAME: app.name,
    HOST: '0.0.0.0',
    PORT: String(settings.port),
    LOG_PRETTY: 'false',
    MONGO_DB: app.service,
    SHUTDOWN_GRACE_MS: String(graceSeconds * 1000),
  };
}

/**
 * The app's environment as an immutable ConfigMap named after its content (`<app>-<hash>`), so
 * a changed environment rolls the pods, and rolling back a Deployment's template brings back the
 * environment it ran with. The deploy tool removes ConfigMaps no ReplicaSet uses any more.
 */
export function configMapTemplate(input: AppRenderInput): V1ConfigMap {
  const data = Object.fromEntries(
    Object.entries(appEnvironment(input)).sort(([a], [b]) => a.localeCompare(b)),
  );
  const hash = createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 10);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `${input.app.name}-${hash}`,
      namespace: input.namespace,
      labels: appLabels(input.app),
    },
    immutable: true,
    data,
  };
}
