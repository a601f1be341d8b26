import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { realClusterLayout } from './layout';
import { startRealCluster } from './real-cluster';

/**
 * The long-lived process behind `cluster:up -- --real`: started detached (its own session, so
 * a terminal's Ctrl-C does not reach the node), it owns every process of the cluster, and on
 * SIGTERM (`cluster:down`) stops them and restores the host. Its output is logs/supervisor.log.
 */
async function main(): Promise<void> {
  const layout = realClusterLayout(process.env.CQRS_REAL_CLUSTER_DIR || undefined);
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  let stopping = false;
  const stopped = new Promise<void>((resolve) => {
    const onSignal = () => {
      stopping = true;
      resolve();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  const cluster = await startRealCluster({ layout, log }).catch((err: unknown) => {
    // startRealCluster has stopped what it started and restored the host.
    rmSync(layout.stateFile, { force: true });
    throw err;
  });
  if (!stopping) await stopped;
  log('stopping');
  const problems = await cluster.stop();
  for (const p of problems) log(`teardown: ${p}`);
  writeFileSync(path.join(layout.logs, 'teardown.json'), JSON.stringify(problems));
  rmSync(layout.stateFile, { force: true });
  rmSync(layout.kubeconfig, { force: true });
  log(problems.length === 0 ? 'stopped; host restored' : 'stopped with problems');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
