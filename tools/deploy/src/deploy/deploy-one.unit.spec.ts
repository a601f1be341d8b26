import path from 'node:path';
import type { KubernetesObject, V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { repoRoot } from '@cqrs/tools-infra';
import { allRoutes } from '@cqrs/tools-workspace';
import type { Cluster, ObjectRef } from '../kube/cluster';
import { renderApps, type RenderedApp } from '../render/render-apps';
import { loadValues } from '../render/values';
import { deployOne } from './deploy-one';

const values = loadValues([path.join(repoRoot, 'deploy/values.yaml')]);
const qryh = { name: 'customers-qryh', service: 'customers', role: 'qryh' };
const render = (
  tag: string,
  env: Record<string, string> = {},
  settings: Record<string, unknown> = {},
) =>
  renderApps(
    {
      values: { ...values, apps: { 'customers-qryh': { env, ...settings } } },
      apps: [qryh],
      routes: allRoutes,
      imageTag: tag,
    },
    [qryh],
  )[0] as RenderedApp;
const key = (o: ObjectRef | KubernetesObject) => `${o.kind}/${o.metadata?.name}`;
const imageOf = (d: V1Deployment | undefined) => d?.spec?.template.spec?.containers[0]?.image ?? '';

/**
 * Objects in memory and a Deployment controller in miniature: each new template becomes a
 * ReplicaSet with the next revision; a template whose image is tagged `bad` never becomes
 * available and fails its progress deadline.
 */
class FakeCluster implements Cluster {
  readonly objects = new Map<string, KubernetesObject>();
  readonly applied: string[] = [];
  readonly deleted: string[] = [];
  readonly replicaSets: V1ReplicaSet[] = [];

  apply<T extends KubernetesObject>(object: T): Promise<T> {
    this.applied.push(key(object));
    const stored = structuredClone(object) as KubernetesObject & V1Deployment;
    if (object.kind === 'Deployment') {
      const template = JSON.stringify(stored.spec?.template);
      let rs = this.replicaSets.find((r) => JSON.stringify(r.spec?.template) === template);
      if (rs === undefined) {
        rs = {
          metadata: {
            name: `rs-${this.replicaSets.length + 1}`,
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'uid-1' },
            ],
          },
          spec: { selector: {}, template: structuredClone(stored.spec?.template) },
        };
        this.replicaSets.push(rs);
      }
      const revision =
        Math.max(
          0,
          ...this.replicaSets.map((r) =>
            Number(r.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0),
          ),
        ) + 1;
      rs.metadata!.annotations = { 'deployment.kubernetes.io/revision': String(revision) };
      stored.metadata = {
        ...stored.metadata,
        uid: 'uid-1',
        annotations: { 'deployment.kubernetes.io/revision': String(revision) },
      };
    }
    this.objects.set(key(object), stored);
    return Promise.resolve(stored as T);
  }

  read<T extends KubernetesObject>(ref: ObjectRef): Promise<T | undefined> {
    const stored = this.objects.get(key(ref));
    if (stored === undefined || ref.kind !== 'Deployment')
      return Promise.resolve(stored as T | undefined);
    const bad = imageOf(stored).endsWith(':bad');
    const status: V1Deployment['status'] = bad
      ? {
          observedGeneration: 0,
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: 'timed out',
            },
          ],
        }
      : { observedGeneration: 0, replicas: 2, updatedReplicas: 2, availableReplicas: 2 };
    return Promise.resolve({ ...stored, status } as unknown as T);
  }

  list<T extends KubernetesObject>(_apiVersion: string, kind: string): Promise<T[]> {
    if (kind === 'ReplicaSet') return Promise.resolve(this.replicaSets as T[]);
    if (kind === 'Pod') {
      const pod: V1Pod = {
        metadata: { name: 'customers-qryh-x' },
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'ContainersNotReady',
              message: 'probe fails',
            },
          ],
        },
      };
      return Promise.resolve([pod] as T[]);
    }
    return Promise.resolve([...this.objects.values()].filter((o) => o.kind === kind) as T[]);
  }

  delete(ref: ObjectRef): Promise<void> {
    this.deleted.push(key(ref));
    this.objects.delete(key(ref));
    return Promise.resolve();
  }

  serves = () => Promise.resolve(true);
  ensureNamespace = () => Promise.resolve('exists' as const);
  namespaceExists = () => Promise.resolve(true);
}

const run = (cluster: FakeCluster, rendered: RenderedApp, lines: string[] = []) =>
  deployOne({
    cluster,
    rendered,
    log: (l) => lines.push(l),
    pollMs: 0,
    sleep: () => Promise.resolve(),
  });
const deploymentRef = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'customers-qryh', namespace: 'cqrs' },
};

describe('deployOne', () => {
  it('applies exactly the app objects in order and reports the rollout done', async () => {
    const cluster = new FakeCluster();
    const rendered = render('v1');

    expect(await run(cluster, rendered)).toEqual({ app: 'customers-qryh', ok: true });
    expect(cluster.applied).toEqual(rendered.objects.map(key));
  });

  it('removes the app ConfigMaps no template refers to any more', async () => {
    const cluster = new FakeCluster();
    await run(cluster, render('v1', { LOG_LEVEL: 'info' }));
    const first = render('v1', { LOG_LEVEL: 'info' }).objects[0] as KubernetesObject;
    cluster.replicaSets.length = 0; // the controller dropped the old ReplicaSet from its history

    await run(cluster, render('v2', { LOG_LEVEL: 'debug' }));

    expect(cluster.deleted).toEqual([key(first)]);
  });

  it('removes an object the app no longer renders once the new version is rolled out', async () => {
    const cluster = new FakeCluster();
    await run(cluster, render('v1'));
    expect(cluster.objects.has('HorizontalPodAutoscaler/customers-qryh')).toBe(true);
    const lines: string[] = [];

    await run(cluster, render('v2', {}, { autoscaling: null, replicas: 2 }), lines);

    expect(cluster.deleted).toEqual(['HorizontalPodAutoscaler/customers-qryh']);
    expect(lines).toContain(
      'customers-qryh: removed what the app no longer renders: HorizontalPodAutoscaler/customers-qryh',
    );
  });

  it('keeps what the previous version ran with when the rollout fails', async () => {
    const cluster = new FakeCluster();
    await run(cluster, render('v1'));

    const outcome = await run(cluster, render('bad', {}, { autoscaling: null, replicas: 2 }));

    expect(outcome).toMatchObject({ ok: false, rolledBack: true });
    expect(cluster.deleted).toEqual([]);
    expect(cluster.objects.has('HorizontalPodAutoscaler/customers-qryh')).toBe(true);
  });

  it('rolls a failed rollout back to the previous template and fails with the reason', async () => {
    const cluster = new FakeCluster();
    await run(cluster, render('v1'));
    const lines: string[] = [];

    const outcome = await run(cluster, render('bad'), lines);

    expect(outcome).toEqual({
      app: 'customers-qryh',
      ok: false,
      rolledBack: true,
      reason:
        'deployment "customers-qryh" exceeded its progress deadline (timed out); pod customers-qryh-x not ready (ContainersNotReady: probe fails)',
    });
    expect(imageOf(await cluster.read<V1Deployment>(deploymentRef))).toBe(
      'registry.example.com/cqrs/customers-qryh:v1',
    );
    expect(lines).toContain(
      'customers-qryh: rolling back to revision 1 (registry.example.com/cqrs/customers-qryh:v1)',
    );
  });

  it('fails without a rollback when the first rollout fails', async () => {
    const cluster = new FakeCluster();

    const outcome = await run(cluster, render('bad'));

    expect(outcome).toMatchObject({ ok: false, rolledBack: false });
    expect(imageOf(await cluster.read<V1Deployment>(deploymentRef))).toMatch(/:bad$/);
  });
});
