import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
import { repoRoot } from '@cqrs/tools-infra';
import { discoverApps } from '@cqrs/tools-workspace';

/**
 * `npm run bench:pods`: the whole system in real pods on the local one-node cluster (started and
 * deployed if needed, stopped afterwards only then). Prints each app's memory in its pods (the
 * pod cgroup's working set, the figure the kubelet evicts by and `kubectl top` shows) idle and
 * under a
 * steady load of registrations, and the time from `npm run deploy -- <app>` with a new tag to the
 * rollout done (every replica Ready), per app. Asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** The pod's memory cgroup (cgroup v1, cgroupfs driver: kubepods/<qos>/pod<uid>). */
function podCgroup(uid: string): string | undefined {
  const root = '/sys/fs/cgroup/memory/kubepods';
  for (const dir of [root, path.join(root, 'burstable'), path.join(root, 'besteffort')]) {
    const candidate = path.join(dir, `pod${uid}`);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Working set per app (the largest of its replicas): the pod cgroup's usage less its inactive
 * file cache, as the kubelet computes it for eviction and `kubectl top`.
 */
async function memoryByApp(core: CoreV1Api): Promise<Map<string, number>> {
  const byApp = new Map<string, number>();
  for (const pod of (await core.listNamespacedPod({ namespace: 'cqrs' })).items) {
    const app = pod.metadata?.labels?.['app.kubernetes.io/name'];
    const cgroup = podCgroup(pod.metadata?.uid ?? '');
    if (!app || !cgroup) continue;
    const usage = Number(readFileSync(path.join(cgroup, 'memory.usage_in_bytes'), 'utf8'));
    const stat = readFileSync(path.join(cgroup, 'memory.stat'), 'utf8');
    const inactive = Number(/^total_inactive_file (\d+)$/m.exec(stat)?.[1] ?? 0);
    byApp.set(app, Math.max(byApp.get(app) ?? 0, usage - inactive));
  }
  return byApp;
}

async function main(): Promise<void> {
  const system = await deployLocalClusterSystem(log);
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(system.session.layout.kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    log('idle for 30 s...');
    await sleep(30_000);
    const idle = await memoryByApp(core);
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
    const loaded = await memoryByApp(core);
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
