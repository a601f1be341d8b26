import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureClusterBinaries } from './binaries';
import { startControlPlane } from './control-plane';
import { localClusterSession } from './local/session';
import { realClusterLayout } from './node/layout';
import { downReal } from './node/up-down';

/** Repository root: tools/cluster/src -> ../../.. */
const repoRoot = path.resolve(__dirname, '../../..');
const stateDir = path.join(repoRoot, '.cluster');
const kubeconfigPath = path.join(stateDir, 'kubeconfig');

const log = (line: string) => console.log(`[cluster] ${line}`);

function nodesFlag(args: string[]): number | undefined {
  const value = args.find((a) => a.startsWith('--nodes='))?.slice('--nodes='.length);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--nodes must be a positive integer, got ${value}`);
  return n;
}

/** Runs a control plane until Ctrl-C or SIGTERM, with its kubeconfig at .cluster/kubeconfig. */
async function up(args: string[]): Promise<void> {
  // Until the control plane is up, a signal just exits; the exit hook kills what was started.
  const exitNow = () => process.exit(130);
  process.once('SIGINT', exitNow);
  process.once('SIGTERM', exitNow);
  const plane = await startControlPlane({
    dir: path.join(stateDir, 'data'),
    nodes: nodesFlag(args),
    log,
    binaries: await ensureClusterBinaries(log),
  });
  mkdirSync(stateDir, { recursive: true });
  copyFileSync(plane.kubeconfigPath, kubeconfigPath);
  log(`API server ${plane.server}; nodes ${plane.nodeNames.join(', ')}; logs in ${plane.logDir}`);
  log(`kubeconfig written to ${kubeconfigPath} (admin token, system:masters)`);
  log(`export KUBECONFIG=${kubeconfigPath}   # Ctrl-C stops and removes everything`);
  process.off('SIGINT', exitNow);
  process.off('SIGTERM', exitNow);
  // Keep handling signals while stopping: Ctrl-C reaches us twice under `npm run` (from the
  // terminal and relayed by tsx), and the default action would kill us half-way.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
  log('stopping...');
  await plane.stop();
  rmSync(kubeconfigPath, { force: true });
  log('stopped');
}

/**
 * `up --real`: a one-node cluster with a real kubelet and the apps' infrastructure (Kafka, the
 * engine, Traefik for the Gateway API), left running until `cluster:down`.
 */
async function upRealNode(): Promise<void> {
  const { layout, endpoints, started } = await localClusterSession(log);
  log(`${started ? 'started' : 'already running'}; gateway ${endpoints.gatewayUrl}`);
  log(`Kafka ${endpoints.kafkaBrokers}; engine ${endpoints.mongoUrl}`);
  log(
    `export KUBECONFIG=${layout.kubeconfig}   # npm run cluster:down stops it and restores the host`,
  );
}

async function downRealNode(): Promise<void> {
  const problems = await downReal(realClusterLayout(), log);
  for (const p of problems) log(`not restored: ${p}`);
  if (problems.length > 0) process.exitCode = 1;
  else log('stopped; host restored');
}

/** `cluster build|up|down`: the local Kubernetes clusters (tools/cluster). */
async function main(command: string | undefined, args: string[]): Promise<void> {
  switch (command) {
    case 'build': {
      const bin = await ensureClusterBinaries(log);
      const v = bin.versions;
      log(`Kubernetes ${v.kubernetes}, etcd ${v.etcd}, kwok ${v.kwok}: ${path.dirname(bin.etcd)}`);
      return;
    }
    case 'up':
      return args.includes('--real') ? upRealNode() : up(args);
    case 'down':
      return downRealNode();
    default:
      throw new Error('usage: cluster <build | up [--nodes=N] | up --real | down>');
  }
}

main(process.argv[2], process.argv.slice(3)).catch((err: unknown) => {
  console.error(`[cluster] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
