import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiextensionsV1Api, KubeConfig } from '@kubernetes/client-node';
import { startControlPlane } from '@cqrs/tools-cluster';
import { httpRouteCrd } from '@cqrs/tools-deploy';
import { repoRoot } from '@cqrs/tools-infra';
import { percentile } from './stats';

/**
 * `npm run bench:deploy`: the deploy tool on the simulated cluster (tools/cluster: real
 * kube-apiserver, controllers and scheduler, kwok nodes). Prints the control plane's start time,
 * the time to deploy every app, and the time to redeploy one app with a new image tag, from the
 * CLI's start to its exit after the rollout (p50 and max of 5). Asserts nothing.
 */
const log = (line: string) => console.log(`[bench] ${line}`);

function deploy(kubeconfig: string, args: string[]): number {
  const started = Date.now();
  const run = spawnSync(
    path.join(repoRoot, 'node_modules/.bin/tsx'),
    ['--tsconfig', 'tsconfig.base.json', 'tools/deploy/src/cli.ts', ...args],
    { cwd: repoRoot, env: { ...process.env, KUBECONFIG: kubeconfig }, encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(`deploy ${args.join(' ')} failed: ${run.stderr}`);
  return Date.now() - started;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-deploy-'));
  const started = Date.now();
  const plane = await startControlPlane({ dir: path.join(dir, 'cluster'), nodes: 3 });
  try {
    log(`control plane ready in ${Date.now() - started} ms`);
    const kc = new KubeConfig();
    kc.loadFromFile(plane.kubeconfigPath);
    await kc
      .makeApiClient(ApiextensionsV1Api)
      .createCustomResourceDefinition({ body: httpRouteCrd });
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // until the CRD is served
    const values = path.join(dir, 'values.yaml');
    writeFileSync(values, 'namespace: bench\n');
    const all = deploy(plane.kubeconfigPath, ['--all', '--image-tag', 'b0', '--values', values]);
    log(`deploy --all (every app, rollouts included): ${all} ms`);
    const samples: number[] = [];
    for (let i = 1; i <= 5; i++) {
      samples.push(
        deploy(plane.kubeconfigPath, [
          'customers-qryh',
          '--image-tag',
          `b${i}`,
          '--values',
          values,
        ]),
      );
    }
    log(
      `redeploy one app (customers-qryh, new tag, rollout of 2 replicas): p50 ` +
        `${percentile(samples, 50)} ms, max ${Math.max(...samples)} ms (5 runs, CLI start included)`,
    );
  } finally {
    await plane.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
