import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  type V1Deployment,
  type V1Pod,
} from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '@cqrs/framework-core/testing';
import { ensureClusterBinaries } from './binaries';
import { startControlPlane, type ControlPlane } from './control-plane';
import { neverReadyTag } from './stages';

function deployment(name: string, image: string): V1Deployment {
  const labels = { app: name };
  return {
    metadata: { name, labels },
    spec: {
      replicas: 2,
      // Short, so a rollout that cannot finish is reported as failed quickly.
      progressDeadlineSeconds: 10,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: labels },
            },
          ],
          containers: [
            {
              name: 'app',
              image,
              ports: [{ containerPort: 8080 }],
              readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
            },
          ],
        },
      },
    },
  };
}

const isReady = (pod: V1Pod) =>
  pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

const commandLines = (): string[] =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      } catch {
        return '';
      }
    });

describe('local control plane (etcd, kube-apiserver, controller manager, scheduler, kwok)', () => {
  let dir: string;
  let plane: ControlPlane;
  let apps: AppsV1Api;
  let core: CoreV1Api;
  let namespace: string;

  beforeAll(async () => {
    // The first run ever compiles Kubernetes (see README); later runs reuse the cache.
    const binaries = await ensureClusterBinaries(() => undefined);
    dir = mkdtempSync(path.join(os.tmpdir(), 'cqrs-cluster-'));
    plane = await startControlPlane({ dir, binaries });
    const kc = new KubeConfig();
    kc.loadFromFile(plane.kubeconfigPath);
    apps = kc.makeApiClient(AppsV1Api);
    core = kc.makeApiClient(CoreV1Api);
    namespace = `cluster-test-${randomBytes(3).toString('hex')}`;
    await core.createNamespace({ body: { metadata: { name: namespace } } });
  }, 90 * 60_000);

  afterAll(async () => {
    await plane?.stop();
  });

  it('registers three Ready kwok nodes, each in its own zone', async () => {
    const nodes = (await core.listNode()).items;

    expect(nodes.map((n) => n.metadata?.name).sort()).toEqual([...plane.nodeNames].sort());
    expect(nodes).toHaveLength(3);
    const zones = new Set(nodes.map((n) => n.metadata?.labels?.['topology.kubernetes.io/zone']));
    expect(zones.size).toBe(3);
    expect(
      nodes.every((n) =>
        n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      ),
    ).toBe(true);
  });

  it('rolls out a Deployment with a readiness probe: both replicas become available, in two zones', async () => {
    await apps.createNamespacedDeployment({
      namespace,
      body: deployment('web', 'example.com/web:1.0.0'),
    });

    const status = await eventually(
      async () => {
        const d = await apps.readNamespacedDeployment({ name: 'web', namespace });
        return d.status?.availableReplicas === 2 && d.status.updatedReplicas === 2
          ? d.status
          : undefined;
      },
      '2 available replicas of web',
      90_000,
    );

    expect(status.readyReplicas).toBe(2);
    const pods = (await core.listNamespacedPod({ namespace, labelSelector: 'app=web' })).items;
    expect(pods.map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
    expect(pods.every(isReady)).toBe(true);
    const nodeNames = new Set(pods.map((p) => p.spec?.nodeName));
    expect(nodeNames.size).toBe(2);
  });

  it(`keeps pods of an image tagged ${neverReadyTag} Running but never Ready, so the rollout fails`, async () => {
    await apps.createNamespacedDeployment({
      namespace,
      body: deployment('broken', `example.com/broken:${neverReadyTag}`),
    });

    // The deployment controller gives up after progressDeadlineSeconds: what a deploy tool sees.
    const progressing = await eventually(
      async () => {
        const d = await apps.readNamespacedDeployment({ name: 'broken', namespace });
        const c = d.status?.conditions?.find((x) => x.type === 'Progressing');
        return c?.reason === 'ProgressDeadlineExceeded' ? c : undefined;
      },
      'ProgressDeadlineExceeded on broken',
      90_000,
    );

    expect(progressing.status).toBe('False');
    const pods = await eventually(
      async () => {
        const list = await core.listNamespacedPod({ namespace, labelSelector: 'app=broken' });
        const running = list.items.filter((p) => p.status?.phase === 'Running');
        return running.length === 2 ? running : undefined;
      },
      '2 running pods of broken',
      90_000,
    );
    expect(pods.some(isReady)).toBe(false);
    expect(pods.flatMap((p) => p.status?.containerStatuses ?? []).map((c) => c.ready)).toEqual([
      false,
      false,
    ]);
    const d = await apps.readNamespacedDeployment({ name: 'broken', namespace });
    expect(d.status?.availableReplicas ?? 0).toBe(0);
  });

  it('stop() ends every process it started and removes its directory', async () => {
    const started = plane.processes;
    expect(started.map((p) => p.name)).toEqual([
      'etcd',
      'kube-apiserver',
      'kube-controller-manager',
      'kube-scheduler',
      'kwok',
    ]);

    await plane.stop();

    const alive = started.filter(({ pid }) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    expect(commandLines().filter((cmd) => cmd.includes(dir))).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });
});
