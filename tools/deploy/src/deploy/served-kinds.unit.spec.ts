import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';
import { allRoutes } from '@cqrs/tools-workspace';
import type { Cluster } from '../kube/cluster';
import { renderApps } from '../render/render-apps';
import { loadValues } from '../render/values';
import { requireServedKinds } from './served-kinds';

const qryh = { name: 'customers-qryh', service: 'customers', role: 'qryh' };
const rendered = renderApps({
  values: loadValues([path.join(repoRoot, 'deploy/values.yaml')]),
  apps: [qryh],
  routes: allRoutes,
  imageTag: 'v1',
});
/** A cluster that serves every kind but `unserved`, and records what it was asked. */
const clusterWithout = (...unserved: string[]) => {
  const asked: string[] = [];
  const cluster = {
    serves: (apiVersion: string, kind: string) => {
      asked.push(`${apiVersion} ${kind}`);
      return Promise.resolve(!unserved.includes(kind));
    },
  } as unknown as Cluster;
  return { cluster, asked };
};

describe('requireServedKinds', () => {
  it('asks once for each kind the apps render, and passes when all are served', async () => {
    const { cluster, asked } = clusterWithout();

    await requireServedKinds(cluster, rendered);

    expect(asked.sort()).toEqual([
      'apps/v1 Deployment',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'gateway.networking.k8s.io/v1 HTTPRoute',
      'policy/v1 PodDisruptionBudget',
      'v1 ConfigMap',
      'v1 Service',
    ]);
  });

  it('names a missing HTTPRoute and the two ways out', async () => {
    const { cluster } = clusterWithout('HTTPRoute');

    await expect(requireServedKinds(cluster, rendered)).rejects.toThrow(
      'the cluster does not serve gateway.networking.k8s.io/v1 HTTPRoute: install the Gateway API CRDs, or deploy without routes (`gateway: { enabled: false }` in a --values file)',
    );
  });

  it('names any other missing kind', async () => {
    const { cluster } = clusterWithout('HorizontalPodAutoscaler');

    await expect(requireServedKinds(cluster, rendered)).rejects.toThrow(
      /^the cluster does not serve autoscaling\/v2 HorizontalPodAutoscaler$/,
    );
  });
});
