import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppsV1Api, type KubernetesObject } from '@kubernetes/client-node';
import { signToken } from '@cqrs/framework-core';
import { discoverApps, LOCAL_JWT_SECRET, resolveWebhookSecrets } from '@cqrs/tools-workspace';
import { ensureGatewayApiCrds } from '../gateway/gateway-api-crds';
import { ensureTraefikBinary } from '../gateway/traefik-binary';
import { traefikImageSpec } from '../gateway/traefik-image';
import { traefikManifests } from '../gateway/traefik-manifests';
import { binaryImage } from '../images/binary-image';
import { ensureEngineImage } from '../images/engine-image';
import { imageStore } from '../images/image-store';
import { ensureKafkaImage } from '../images/kafka-image';
import { loadImages } from '../images/load-images';
import { kubeClient } from '../kube/apply';
import { localInfraManifests } from '../manifests/local-infra';
import { localNamespace, localSecrets } from '../manifests/local-secrets';
import type { RealClusterLayout } from '../node/layout';
import { localEndpoints, type LocalEndpoints } from './endpoints';

/** The workloads the add-ons bring, waited for until every replica is ready. */
const workloads = [
  { kind: 'StatefulSet', namespace: localNamespace, name: 'kafka' },
  { kind: 'Deployment', namespace: localNamespace, name: 'engine' },
  { kind: 'Deployment', namespace: 'traefik', name: 'traefik' },
] as const;

async function waitReady(apps: AppsV1Api, log: (line: string) => void, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (const w of workloads) {
    for (;;) {
      const status =
        w.kind === 'StatefulSet'
          ? (await apps.readNamespacedStatefulSet({ name: w.name, namespace: w.namespace })).status
          : (await apps.readNamespacedDeployment({ name: w.name, namespace: w.namespace })).status;
      const ready = status?.readyReplicas ?? 0;
      if (ready >= 1 && (status?.updatedReplicas ?? 0) >= 1) break;
      if (Date.now() > deadline) throw new Error(`${w.kind} ${w.namespace}/${w.name} is not ready`);
      await sleep(500);
    }
    log(`${w.kind.toLowerCase()} ${w.namespace}/${w.name} ready`);
  }
}

/**
 * Installs what the apps need on the local one-node cluster, idempotently: the in-cluster
 * Kafka and engine (images built here from the Maven jars, hostPath volumes under the
 * cluster's state), the Gateway API CRDs and Traefik serving them on a 127.0.0.1 port, and the
 * Secrets the apps read (the local development JWT and webhook secrets, as `npm start` uses, so
 * `npm run token` and `npm run webhook:send` work against the cluster too). Writes and returns
 * the host-side endpoints.
 */
export async function installLocalAddons(options: {
  readonly layout: RealClusterLayout;
  readonly apiserverUrl: string;
  readonly log: (line: string) => void;
  readonly timeoutMs?: number;
}): Promise<LocalEndpoints> {
  const { layout, log } = options;
  const endpoints = localEndpoints();
  const store = imageStore();
  const kafka = await ensureKafkaImage(store, log);
  const engine = await ensureEngineImage(store, log);
  const traefik = await binaryImage(store, traefikImageSpec(await ensureTraefikBinary(log)));
  await loadImages(store, [kafka.name, engine.name, traefik.name], layout.containerdSocket, log);

  const client = kubeClient(layout.kubeconfig);
  const apply = async (objects: readonly KubernetesObject[]) => {
    for (const o of objects) await client.apply(o);
  };
  await apply(await ensureGatewayApiCrds(log));
  await apply(
    localInfraManifests({
      volumesDir: layout.volumes,
      kafkaHostPort: endpoints.kafkaHostPort,
      mongoHostPort: endpoints.mongoHostPort,
      images: { kafka: kafka.name, engine: engine.name },
    }),
  );
  const serviceToken = await signToken({
    sub: 'local-cluster',
    roles: ['service'],
    secret: LOCAL_JWT_SECRET,
    expiresIn: '365d',
  });
  await apply(
    localSecrets({
      apps: discoverApps(),
      jwtSecret: LOCAL_JWT_SECRET,
      serviceToken,
      webhookSecrets: resolveWebhookSecrets(),
    }),
  );
  await apply(
    traefikManifests({
      apiserverUrl: options.apiserverUrl,
      gatewayPort: endpoints.gatewayPort,
      image: traefik.name,
    }),
  );
  await waitReady(client.kc.makeApiClient(AppsV1Api), log, options.timeoutMs ?? 300_000);
  writeFileSync(layout.endpointsFile, JSON.stringify(endpoints, null, 2));
  return endpoints;
}
