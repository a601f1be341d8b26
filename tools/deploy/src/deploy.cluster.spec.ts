import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventually } from '@cqrs/framework-core/testing';
import { parseAllDocuments } from 'yaml';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  type KubernetesObject,
  type V1Deployment,
  type V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { startControlPlane, neverReadyTag, type ControlPlane } from '@cqrs/tools-cluster';
import { repoRoot } from '@cqrs/tools-infra';
import { discoverApps } from '@cqrs/tools-workspace';
import type { Cluster } from './kube/cluster';
import { connectCluster } from './kube/connect-cluster';
import { fieldManager } from './render/deploy-app';
import { managedKinds } from './render/render-apps';
import { installHttpRouteCrd } from './testing/gateway-api-crd';
import { runDeploy } from './testing/run-deploy';

const apps = discoverApps().map((a) => a.name);
const namespace = `deploy-test-${randomBytes(3).toString('hex')}`;

describe('npm run deploy against a Kubernetes control plane', () => {
  let dir: string;
  let plane: ControlPlane;
  let objects: KubernetesObjectApi;
  let cluster: Cluster;
  let appsApi: AppsV1Api;
  let kubeconfig: string;
  let kubeConfig: KubeConfig;
  let values: string;

  /** generation and resourceVersion of every object the deploy tool manages, by `Kind/name`. */
  const snapshot = async (): Promise<
    Map<string, { app: string; generation?: number; resourceVersion?: string }>
  > => {
    const all = new Map<string, { app: string; generation?: number; resourceVersion?: string }>();
    for (const { apiVersion, kind } of managedKinds) {
      const list = await cluster.list<KubernetesObject>(
        apiVersion,
        kind,
        namespace,
        `app.kubernetes.io/managed-by=${fieldManager}`,
      );
      for (const o of list) {
        all.set(`${kind}/${o.metadata?.name}`, {
          app: o.metadata?.labels?.['app.kubernetes.io/name'] ?? '?',
          ...(o.metadata?.generation !== undefined ? { generation: o.metadata.generation } : {}),
          ...(o.metadata?.resourceVersion !== undefined
            ? { resourceVersion: o.metadata.resourceVersion }
            : {}),
        });
      }
    }
    return all;
  };
  /**
   * A snapshot once the controllers are done with our objects: every HPA's target at its
   * minReplicas or more, every Deployment rolled out, and nothing changed over the last 5 s.
   */
  const quietSnapshot = () =>
    eventually(
      async () => {
        const hpas = await objects.list<V2HorizontalPodAutoscaler>(
          'autoscaling/v2',
          'HorizontalPodAutoscaler',
          namespace,
        );
        // Without a metrics server an HPA only keeps its target within min/max (its
        // desiredReplicas stays 0): settled once it has seen the target at minReplicas or more.
        const settled = hpas.items.every(
          (h) =>
            h.status?.currentReplicas !== undefined &&
            h.status.currentReplicas >= (h.spec?.minReplicas ?? 1),
        );
        const deployments = await appsApi.listNamespacedDeployment({ namespace });
        const rolledOut = deployments.items.every(
          (d) =>
            d.status?.observedGeneration === d.metadata?.generation &&
            d.status?.availableReplicas === d.spec?.replicas &&
            d.status?.updatedReplicas === d.spec?.replicas,
        );
        if (!settled || !rolledOut) return undefined;
        const first = await snapshot();
        await sleep(5_000);
        const second = await snapshot();
        return JSON.stringify([...first]) === JSON.stringify([...second]) ? second : undefined;
      },
      'a cluster at rest',
      180_000,
    );
  /** `npm run deploy` arguments for customers-qryh at `tag`, with the test's values. */
  const qryhAt = (tag: string) => ['customers-qryh', '--image-tag', tag, '--values', values];
  const imageOf = async (app: string) =>
    (await appsApi.readNamespacedDeployment({ name: app, namespace })).spec?.template.spec
      ?.containers[0]?.image;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'deploy-cluster-'));
    plane = await startControlPlane({
      dir: path.join(dir, 'cluster'),
      nodes: 3,
      log: (l) => process.stderr.write(`[cluster] ${l}\n`),
    });
    kubeconfig = plane.kubeconfigPath;
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    kubeConfig = kc;
    ({ cluster } = connectCluster({ kubeconfig }));
    objects = KubernetesObjectApi.makeApiClient(kc);
    appsApi = kc.makeApiClient(AppsV1Api);
    // A bare control plane has no Gateway API: a stand-in HTTPRoute CRD, until it is served.
    await installHttpRouteCrd(kc);
    values = path.join(dir, 'values.yaml');
    writeFileSync(values, `namespace: ${namespace}\n`);
  }, 1_800_000);

  afterAll(async () => {
    try {
      if (plane !== undefined) {
        const kc = new KubeConfig();
        kc.loadFromFile(plane.kubeconfigPath);
        await kc
          .makeApiClient(CoreV1Api)
          .deleteNamespace({ name: namespace })
          .catch(() => undefined); // never created when an earlier step failed
      }
    } finally {
      await plane?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deploys every app with --all and waits for each rollout', async () => {
    const run = await runDeploy(kubeconfig, ['--all', '--image-tag', 't1', '--values', values]);

    expect(run.stderr).toContain(`created namespace ${namespace}`);
    expect({ code: run.code, deployed: run.stdout.trim().split('\n') }).toEqual({
      code: 0,
      deployed: apps.map((a) => `${a}: deployed`),
    });
    expect(run.stderr).toMatch(
      /customers-qryh: deployment "customers-qryh" successfully rolled out/,
    );
    for (const app of apps) expect(await imageOf(app)).toBe(`registry.example.com/cqrs/${app}:t1`);
    const ours = await snapshot();
    expect(ours.has('HTTPRoute/customers-qryh')).toBe(true);
    expect(ours.has('HorizontalPodAutoscaler/customers-qryh')).toBe(true);
    expect(ours.has('HorizontalPodAutoscaler/customers-evp')).toBe(false);
  });

  it('prints a dry run diff and changes nothing', async () => {
    const before = await quietSnapshot();

    const run = await runDeploy(kubeconfig, [...qryhAt('t2'), '--dry-run']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^-\s+image: registry\.example\.com\/cqrs\/customers-qryh:t1$/m);
    expect(run.stdout).toMatch(/^\+\s+image: registry\.example\.com\/cqrs\/customers-qryh:t2$/m);
    expect(await snapshot()).toEqual(before);
  });

  it('redeploys one app without touching any object of the others', async () => {
    // Controllers still at work (an HPA scaling its Deployment to minReplicas and recording it)
    // would move resourceVersions on their own: start from a cluster at rest.
    const before = await quietSnapshot();

    const run = await runDeploy(kubeconfig, qryhAt('t2'));

    expect(run.code).toBe(0);
    const after = await snapshot();
    const others = [...before].filter(([, o]) => o.app !== 'customers-qryh');
    expect(others.length).toBeGreaterThan(0);
    expect(
      others.filter(([key, o]) => JSON.stringify(after.get(key)) !== JSON.stringify(o)),
    ).toEqual([]);
    expect(after.get('Deployment/customers-qryh')?.generation).toBeGreaterThan(
      before.get('Deployment/customers-qryh')?.generation ?? Infinity,
    );
    expect(await imageOf('customers-qryh')).toBe('registry.example.com/cqrs/customers-qryh:t2');
  });

  it('rolls a rollout that never becomes ready back to the previous template and fails with the reason', async () => {
    const short = path.join(dir, 'short-deadline.yaml');
    writeFileSync(short, 'apps:\n  customers-qryh:\n    progressDeadlineSeconds: 10\n');

    const run = await runDeploy(kubeconfig, [...qryhAt(neverReadyTag), '--values', short]);

    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 1 });
    expect(run.stderr).toMatch(
      /customers-qryh: FAILED: deployment "customers-qryh" exceeded its progress deadline/,
    );
    expect(run.stderr).toMatch(/not ready/);
    expect(run.stderr).toContain('(rolled back to the previous template)');
    expect(await imageOf('customers-qryh')).toBe('registry.example.com/cqrs/customers-qryh:t2');
    const deployment: V1Deployment = await appsApi.readNamespacedDeployment({
      name: 'customers-qryh',
      namespace,
    });
    expect(deployment.status?.updatedReplicas).toBe(deployment.status?.availableReplicas);
  });

  it('removes an object the app no longer renders, and shows it in a dry run first', async () => {
    const noAutoscaler = path.join(dir, 'no-autoscaler.yaml');
    writeFileSync(
      noAutoscaler,
      'apps:\n  customers-qryh:\n    autoscaling: null\n    replicas: 2\n',
    );
    const args = qryhAt('t2');
    const before = await quietSnapshot();

    const dryRun = await runDeploy(kubeconfig, [...args, '--values', noAutoscaler, '--dry-run']);

    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain(
      '+++ customers-qryh HorizontalPodAutoscaler/customers-qryh [deleted]',
    );
    expect(await snapshot()).toEqual(before);

    const run = await runDeploy(kubeconfig, [...args, '--values', noAutoscaler]);

    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(run.stderr).toContain(
      'customers-qryh: removed what the app no longer renders: HorizontalPodAutoscaler/customers-qryh',
    );
    const after = await snapshot();
    expect(after.has('HorizontalPodAutoscaler/customers-qryh')).toBe(false);
    const others = [...before].filter(([, o]) => o.app !== 'customers-qryh');
    expect(
      others.filter(([key, o]) => JSON.stringify(after.get(key)) !== JSON.stringify(o)),
    ).toEqual([]);
    const deployment = await appsApi.readNamespacedDeployment({
      name: 'customers-qryh',
      namespace,
    });
    expect(deployment.spec?.replicas).toBe(2);
  });

  it('hands spec.replicas over to a new autoscaler without scaling the app down to one pod', async () => {
    // From the test before: customers-qryh runs 2 replicas of its own, without an autoscaler.
    const dryRun = await runDeploy(kubeconfig, [...qryhAt('t2'), '--dry-run']);
    expect(dryRun.stdout).toContain(
      '+++ customers-qryh HorizontalPodAutoscaler/customers-qryh (after apply)',
    );
    // The replicas stay as they are, so the Deployment does not change at all.
    expect(dryRun.stdout).not.toContain('customers-qryh Deployment/customers-qryh');

    const seen: number[] = [];
    const watching = await new Watch(kubeConfig).watch(
      `/apis/apps/v1/namespaces/${namespace}/deployments`,
      { fieldSelector: 'metadata.name=customers-qryh' },
      (_type: string, deployment: V1Deployment) => {
        if (deployment.spec?.replicas !== undefined) seen.push(deployment.spec.replicas);
      },
      () => undefined,
    );

    const run = await runDeploy(kubeconfig, qryhAt('t2'));
    await quietSnapshot();
    watching.abort();

    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBe(2);
    expect((await snapshot()).has('HorizontalPodAutoscaler/customers-qryh')).toBe(true);
    expect(run.stderr).toContain('customers-qryh: kept spec.replicas at 2 for the autoscaler');
  });

  it('accepts the cluster add-ons as valid objects (server-side dry run)', async () => {
    const addons = ['secrets.yaml', 'mongodb.yaml', 'kafka.yaml'].flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(repoRoot, 'deploy/k8s/addons', file), 'utf8')).map(
        (doc) => doc.toJS() as KubernetesObject,
      ),
    );

    const applied = await Promise.all(
      addons.map((o) =>
        objects.patch(
          { ...o, metadata: { ...o.metadata, name: o.metadata?.name ?? '', namespace } },
          undefined,
          'All',
          fieldManager,
          true,
          PatchStrategy.ServerSideApply,
        ),
      ),
    );

    expect(applied.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(
      addons.map((o) => `${o.kind}/${o.metadata?.name}`),
    );
    expect(
      applied
        .filter((o) => o.kind === 'StatefulSet')
        .map((o) => (o as { spec?: { replicas?: number } }).spec?.replicas),
    ).toEqual([3, 3]);
  });
});
