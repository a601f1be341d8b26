import path from 'node:path';
import type { V1ConfigMap, V1Deployment } from '@kubernetes/client-node';
import { localSecrets } from '@cqrs/tools-cluster';
import { repoRoot } from '@cqrs/tools-infra';
import { allRoutes, discoverApps } from '@cqrs/tools-workspace';
import { renderApps } from './render-apps';
import { loadValues } from './values';

// The local one-node cluster's overlay (tools/cluster): what deploy --values deploy/values.local.yaml renders.
const values = loadValues([
  path.join(repoRoot, 'deploy/values.yaml'),
  path.join(repoRoot, 'deploy/values.local.yaml'),
]);
const apps = discoverApps({ root: repoRoot });
const rendered = renderApps({ values, apps, routes: allRoutes, imageTag: 't1' });
const objects = rendered.flatMap((r) => r.objects);
const deployments = objects.filter((o): o is V1Deployment => o.kind === 'Deployment');
const configMaps = objects.filter((o): o is V1ConfigMap => o.kind === 'ConfigMap');
const milli = (cpu: string) => (cpu.endsWith('m') ? Number(cpu.slice(0, -1)) : Number(cpu) * 1000);
const mebi = (memory: string) => Number(/^(\d+)Mi$/.exec(memory)?.[1] ?? NaN);

describe('deploy/values.local.yaml', () => {
  it('runs every app from the images npm run images loads, never pulling', () => {
    expect(deployments).toHaveLength(apps.length);
    for (const d of deployments) {
      const container = d.spec?.template.spec?.containers[0];
      expect(container?.image).toBe(`localhost/cqrs/${d.metadata?.name}:t1`);
      expect(container?.imagePullPolicy).toBe('Never');
      expect(d.spec?.template.spec?.topologySpreadConstraints).toEqual([]);
    }
  });

  it('fits 14 apps with 2 replicas each on 2 cores, with fixed replicas (no metrics server)', () => {
    const replicas = deployments.map((d) => d.spec?.replicas ?? 0);
    const requests = deployments.map(
      (d) => d.spec?.template.spec?.containers[0]?.resources?.requests,
    );
    const cpu = requests.reduce((sum, r, i) => sum + milli(r?.cpu ?? '0') * (replicas[i] ?? 0), 0);
    const memory = requests.reduce(
      (sum, r, i) => sum + mebi(r?.memory ?? '0Mi') * (replicas[i] ?? 0),
      0,
    );

    expect(replicas.every((n) => n === 2)).toBe(true);
    expect(objects.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    expect(cpu).toBeLessThanOrEqual(500);
    expect(memory).toBeLessThanOrEqual(8 * 1024);
  });

  it('points the apps at the in-cluster Kafka, and only extevp at the bridge webhook receivers', () => {
    for (const cm of configMaps) {
      const extevp = cm.metadata?.name?.includes('-extevp-') ?? false;
      expect(cm.data?.KAFKA_BROKERS).toBe('kafka.cqrs.svc.cluster.local:9092');
      expect(cm.data?.WEBHOOK_ALLOWED_NETWORKS).toBe(extevp ? '10.244.77.0/24' : undefined);
      expect(cm.data?.WEBHOOK_PLAIN_HTTP_NETWORKS).toBe(extevp ? '10.244.77.0/24' : undefined);
    }
    expect(configMaps.filter((cm) => cm.data?.WEBHOOK_ALLOWED_NETWORKS)).toHaveLength(
      apps.filter((a) => a.role === 'extevp').length,
    );
  });

  it('refers only to Secrets the local cluster creates', () => {
    const created = localSecrets({
      apps,
      jwtSecret: 'x'.repeat(32),
      serviceToken: 'token',
      webhookSecrets: [`whsec_${Buffer.from('k'.repeat(32)).toString('base64')}`],
    }).map((s) => s.metadata?.name);
    const referenced = deployments.flatMap((d) =>
      (d.spec?.template.spec?.containers[0]?.envFrom ?? []).flatMap((e) => e.secretRef?.name ?? []),
    );

    expect(new Set(referenced)).toEqual(new Set(created));
  });
});
