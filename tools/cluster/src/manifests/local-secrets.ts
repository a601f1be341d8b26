import type { V1Secret } from '@kubernetes/client-node';
import { isWebhookSecret } from '@cqrs/framework-webhooks';
import type { DevApp } from '@cqrs/tools-workspace';

/** The namespace of the apps and the infrastructure on the local cluster (deploy/k8s/local). */
export const localNamespace = 'cqrs';

/**
 * The engine as pods reach it (Service `mongo` of deploy/k8s/local/engine.yaml). A direct
 * connection, as tools/dev uses locally: the engine reports a standalone server, so the driver
 * must not look for replica-set members.
 */
export const localMongoUrl = `mongodb://mongo.${localNamespace}.svc.cluster.local:27017/?directConnection=true`;

export interface LocalSecretsInput {
  /** Every app of the system; each service gets its Mongo Secret, each extevh its webhook keys. */
  readonly apps: readonly Pick<DevApp, 'name' | 'service' | 'role'>[];
  /** `JWT_HS256_SECRET` the apps verify tokens with (the apps require at least 32 characters). */
  readonly jwtSecret: string;
  /** `SERVICE_TOKEN`: a JWT with role `service`, signed with `jwtSecret`. */
  readonly serviceToken: string;
  /** `WEBHOOK_SECRETS` of the extevh apps: the providers' `whsec_` keys. */
  readonly webhookSecrets: readonly string[];
}

const secret = (name: string, stringData: Record<string, string>): V1Secret => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name,
    namespace: localNamespace,
    labels: { 'app.kubernetes.io/part-of': 'cqrs-local' },
  },
  type: 'Opaque',
  stringData,
});

/**
 * The Secrets deploy/values.yaml's `secrets` name, for the local cluster (deploy/k8s/addons/
 * secrets.yaml is the production template): `cqrs-auth` (JWT_HS256_SECRET, SERVICE_TOKEN),
 * `<service>-mongo` (MONGO_URL of the in-cluster engine) and `<app>-webhook` of each extevh app
 * (WEBHOOK_SECRETS), from the given values.
 *
 * @throws Error when a value would make the apps refuse to start.
 */
export function localSecrets(input: LocalSecretsInput): V1Secret[] {
  if (input.jwtSecret.length < 32) throw new Error('jwtSecret: at least 32 characters');
  if (input.serviceToken === '') throw new Error('serviceToken: empty');
  if (input.webhookSecrets.length === 0 || !input.webhookSecrets.every(isWebhookSecret))
    throw new Error('webhookSecrets: one or more whsec_ secrets');
  const services = [...new Set(input.apps.map((a) => a.service))].sort();
  const webhookApps = input.apps
    .filter((a) => a.role === 'extevh')
    .map((a) => a.name)
    .sort();
  return [
    secret('cqrs-auth', { JWT_HS256_SECRET: input.jwtSecret, SERVICE_TOKEN: input.serviceToken }),
    ...services.map((service) => secret(`${service}-mongo`, { MONGO_URL: localMongoUrl })),
    ...webhookApps.map((app) =>
      secret(`${app}-webhook`, { WEBHOOK_SECRETS: input.webhookSecrets.join(',') }),
    ),
  ];
}
