import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { signToken } from '@cqrs/framework-core';
import { buildAppImages, imageStore, loadImages } from '@cqrs/tools-cluster';
import {
  deployLocalClusterSystem,
  localValuesFile,
  registerSteadily,
  runDeploy,
} from '@cqrs/tools-deploy/testing';
import { discoverApps } from '@cqrs/tools-dev';
import { repoRoot } from '@cqrs/tools-infra';

/**
 * `npm run bench:pods`: the whole system in real pods on the local one-node cluster (started and
 * deployed if needed, stopped afterwards only then). Prints each app's memory in its pods (the
 * kubelet's cgroup working set, the figure an OOM kill and a memory limit go by) idle and under a
 * steady load of registrations, and the time from `npm run deploy -- <app>` with a new tag to the
 * rollout done (every replica Ready), per app. Asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

interface PodStats {
  readonly podRef: { readonly name: string; readonly namespace: string };
  readonly memory?: { readonly workingSetBytes?: number };
}

/** Working set per app (the largest of its replicas), from the kubelet's summary API. */
async function memoryByApp(core: CoreV1Api, node: string): Promise<Map<string, number>> {
  const body = await core.connectGetNodeProxyWithPath({ name: node, path: 'stats/summary' });
  const summary = JSON.parse(body) as { pods: PodStats[] };
  const byApp = new Map<string, number>();
  for (const pod of summary.pods.filter((p) => p.podRef.namespace === 'cqrs')) {
    // <app>-<replicaset hash>-<pod suffix>, or <statefulset>-<ordinal>
    const app = pod.podRef.name.replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, '').replace(/-\d+$/, '');
    byApp.set(app, Math.max(byApp.get(app) ?? 0, pod.memory?.workingSetBytes ?? 0));
  }
  return byApp;
}

async function main(): Promise<void> {
  const system = await deployLocalClusterSystem(log);
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(system.session.layout.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const node = (await core.listNode()).items[0]?.metadata?.name ?? '';
    log('idle for 30 s...');
    await sleep(30_000);
    const idle = await memoryByApp(core, node);
    const token = await signToken({
      sub: 'bench',
      roles: [],
      secret: system.session.endpoints.jwtSecret,
      expiresIn: '1h',
    });
    log('steady load: 50 registrations/s for 40 s...');
    const running = registerSteadily({
      gatewayUrl: system.session.endpoints.gatewayUrl,
      token,
      perSecond: 50,
      seconds: 40,
    });
    await sleep(30_000);
    const loaded = await memoryByApp(core, node);
    const result = await running;
    log(
      `load: ${result.accepted.length}/${result.sent} accepted, ${result.failures.length} failed`,
    );

    const store = imageStore();
    const ready = new Map<string, number>();
    for (const app of discoverApps()) {
      const tag = `bench-${Date.now().toString(36)}`;
      const { images } = await buildAppImages({
        store,
        root: repoRoot,
        apps: [app],
        tag,
        log: () => {},
      });
      await loadImages(
        store,
        images.map((i) => i.image),
        system.session.layout.containerdSocket,
        () => {},
      );
      const started = Date.now();
      const run = await runDeploy(system.session.layout.kubeconfig, [
        app.name,
        '--image-tag',
        tag,
        '--values',
        localValuesFile,
      ]);
      if (run.code !== 0) throw new Error(`deploy ${app.name} failed:\n${run.stderr}`);
      ready.set(app.name, Date.now() - started);
    }
    // Back to the tag every other run deploys, so the next test or bench starts from it.
    await runDeploy(system.session.layout.kubeconfig, [
      '--all',
      '--image-tag',
      system.tag,
      '--values',
      localValuesFile,
    ]);

    console.log('\n| app | memory idle | memory under load | deploy -> Ready (2 replicas) |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const app of [...ready.keys()].sort()) {
      console.log(
        `| ${app} | ${mib(idle.get(app) ?? 0)} | ${mib(loaded.get(app) ?? 0)} | ${((ready.get(app) ?? 0) / 1000).toFixed(1)} s |`,
      );
    }
    for (const infra of ['kafka', 'engine']) {
      console.log(
        `| ${infra} | ${mib(idle.get(infra) ?? 0)} | ${mib(loaded.get(infra) ?? 0)} | - |`,
      );
    }
  } finally {
    await system.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
