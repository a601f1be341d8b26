import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { customersEventsTopic } from '@cqrs/customers-shared';
import { signToken } from '@cqrs/framework-core';
import { eventually, waitUntil } from '@cqrs/framework-core/testing';
import { collect } from '@cqrs/framework-kafka/testing';
import {
  buildAppImages,
  imageStore,
  loadImages,
  localNamespace,
  neverReadyImage,
  realClusterLayout,
} from '@cqrs/tools-cluster';
import { repoRoot } from '@cqrs/tools-infra';
import { discoverApps } from '@cqrs/tools-workspace';
import { localValuesFile } from './testing/local-cluster-system';
import { runDeploy } from './testing/run-deploy';
import { registerSteadily, type LoadResult } from './testing/steady-load';

/**
 * The deploy tool on the real node (pods tier): the whole system runs in the local cluster's
 * pods (testing/pods-global-setup.ts), and a steady, bounded load of registrations goes through
 * the gateway while one app is redeployed, rolled back, or loses its active replica.
 */
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through the pods tier's global setup`);
  return value;
};

interface PodState {
  readonly name: string;
  readonly app: string;
  readonly uid: string;
  readonly restarts: number;
}

const layout = realClusterLayout();
const cmdh = 'customers-cmdh';

describe('one app of the running system redeployed on a real node', () => {
  const kc = new KubeConfig();
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let token: string;
  let scratch: string;

  const pods = async (): Promise<PodState[]> =>
    (await core.listNamespacedPod({ namespace: localNamespace })).items
      .filter((p) => p.metadata?.deletionTimestamp === undefined && p.status?.phase === 'Running')
      .map((p) => ({
        name: p.metadata?.name ?? '',
        app: p.metadata?.labels?.['app.kubernetes.io/name'] ?? '',
        uid: p.metadata?.uid ?? '',
        restarts: (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0),
      }))
      .sort((a, b) => a.uid.localeCompare(b.uid));
  const imageOf = async (app: string) =>
    (await apps.readNamespacedDeployment({ name: app, namespace: localNamespace })).spec?.template
      .spec?.containers[0]?.image ?? '';
  const load = (perSecond: number, seconds: number): Promise<LoadResult> =>
    registerSteadily({ gatewayUrl: env('E2E_GATEWAY_URL'), token, perSecond, seconds });
  const deploy = (...args: string[]) =>
    runDeploy(layout.kubeconfig, [cmdh, ...args, '--values', localValuesFile]);

  beforeAll(async () => {
    kc.loadFromFile(layout.kubeconfig);
    core = kc.makeApiClient(CoreV1Api);
    apps = kc.makeApiClient(AppsV1Api);
    token = await signToken({
      sub: 'load',
      roles: [],
      secret: env('E2E_JWT_SECRET'),
      expiresIn: '1h',
    });
    scratch = mkdtempSync(path.join(tmpdir(), 'pods-spec-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('rolls customers-cmdh to a new tag under load: no failed request, no other pod touched', async () => {
    // `npm run images -- customers-cmdh --tag T2`: the same build under a new tag.
    const tag = `t2-${randomBytes(3).toString('hex')}`;
    const store = imageStore();
    const app = discoverApps().filter((a) => a.name === cmdh);
    const { images } = await buildAppImages({
      store,
      root: repoRoot,
      apps: app,
      tag,
      log: () => {},
    });
    await loadImages(
      store,
      images.map((i) => i.image),
      layout.containerdSocket,
      () => {},
    );
    const before = await pods();

    const running = load(50, 60);
    await sleep(10_000);
    const deployed = await deploy('--image-tag', tag);
    const result = await running;

    // The whole output on failure: why the deploy tool gave up.
    expect({ code: deployed.code, output: deployed.stderr }).toEqual({
      code: 0,
      output: expect.stringContaining('successfully rolled out') as unknown,
    });
    expect(result.failures).toEqual([]);
    expect(result.accepted).toHaveLength(result.sent);
    expect(await imageOf(cmdh)).toMatch(new RegExp(`/${cmdh}:${tag}$`));
    const after = await pods();
    const others = (list: PodState[]) => list.filter((p) => p.app !== cmdh);
    expect(others(after)).toEqual(others(before));
    const renewed = after.filter((p) => p.app === cmdh);
    expect(renewed).toHaveLength(2);
    expect(renewed.some((p) => before.some((b) => b.uid === p.uid))).toBe(false);
  });

  it('rolls back a release that never becomes ready, still without a failed request', async () => {
    const good = await imageOf(cmdh);
    const broken = `${good.slice(0, good.lastIndexOf(':'))}:broken-${randomBytes(3).toString('hex')}`;
    const store = imageStore();
    await neverReadyImage(store, good, broken);
    await loadImages(store, [broken], layout.containerdSocket, () => {});
    const shortDeadline = path.join(scratch, 'short-deadline.yaml');
    writeFileSync(shortDeadline, 'defaults:\n  progressDeadlineSeconds: 20\n');

    const running = load(50, 45);
    await sleep(5_000);
    const deployed = await runDeploy(layout.kubeconfig, [
      cmdh,
      '--image-tag',
      broken.slice(broken.lastIndexOf(':') + 1),
      '--values',
      localValuesFile,
      '--values',
      shortDeadline,
    ]);
    const result = await running;

    expect(deployed.code).toBe(1);
    expect(`${deployed.stdout}${deployed.stderr}`).toMatch(/progress deadline/);
    expect(`${deployed.stdout}${deployed.stderr}`).toMatch(/rolled back/i);
    expect(await imageOf(cmdh)).toBe(good);
    expect(result.failures).toEqual([]);
    expect(result.accepted).toHaveLength(result.sent);
  });

  it('another customers-evp replica takes over from a deleted active pod; every accepted registration is on Kafka', async () => {
    const mongo = await MongoClient.connect(env('E2E_MONGO_URL'));
    const kafka = new Kafka({
      clientId: 'pods-spec',
      brokers: env('E2E_KAFKA_BROKERS').split(','),
      logLevel: logLevel.NOTHING,
    });
    const { consumer, received } = await collect(kafka, customersEventsTopic);
    try {
      const leases = mongo.db('customers').collection<{ _id: string; owner: string }>('leases');
      const holder = async () => (await leases.findOne({ _id: 'customers-evp' }))?.owner ?? '';
      const evpPods = (await pods()).filter((p) => p.app === 'customers-evp').map((p) => p.name);
      expect(evpPods).toHaveLength(2);
      const owner = await holder();
      const activeName = evpPods.find((name) => owner.startsWith(`${name}:`));
      expect(activeName).toBeDefined();

      const running = load(20, 30);
      await sleep(10_000);
      await core.deleteNamespacedPod({ name: activeName ?? '', namespace: localNamespace });
      const result = await running;

      expect(result.failures).toEqual([]);
      // The deleted pod releases the lease on SIGTERM; whichever replica asks first takes it:
      // the standby, or the replacement the ReplicaSet starts meanwhile (a race either may win).
      const successor = await eventually(async () => {
        const next = await holder();
        return next !== '' && !next.startsWith(`${activeName}:`) ? next : undefined;
      }, 'another customers-evp replica holds the lease');
      const liveEvps = (await pods()).filter((p) => p.app === 'customers-evp');
      expect(liveEvps.map((p) => p.name)).not.toContain(activeName);
      expect(liveEvps.some((p) => successor.startsWith(`${p.name}:`))).toBe(true);
      const published = () =>
        new Set(
          received
            .map((r) => JSON.parse(r.value) as { type: string; subject: string })
            .filter((e) => e.type === 'customer.registered.v1')
            .map((e) => e.subject),
        );
      const missing = () => result.accepted.filter((id) => !published().has(id));
      // Waits, then reports exactly which accepted registrations have no event.
      await waitUntil(() => missing().length === 0, 'every event is on Kafka', 90_000).catch(
        () => undefined,
      );
      expect(missing()).toEqual([]);
      expect(result.accepted.length).toBeGreaterThan(0);
    } finally {
      await consumer.disconnect();
      await mongo.close();
    }
  });
});
