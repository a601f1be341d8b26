import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

declare global {
  var podsTierSystem: ChildProcess | undefined;
}

/** tools/deploy/src/testing -> the repository root. */
const root = path.resolve(__dirname, '../../../..');

/**
 * Jest global setup of the pods tier (`test-pods`): starts pods-system-cli.ts (the whole system
 * deployed to the local one-node cluster) and takes the environment it prints, so every suite
 * reads the cluster's gateway, Kafka and engine from `E2E_*`. A process of its own because
 * global setup is loaded without the workspace's path mapping; it also keeps the port forwards
 * alive for the whole run.
 */
export default async function podsGlobalSetup(): Promise<void> {
  const child = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    ['--tsconfig', 'tsconfig.base.json', 'tools/deploy/src/testing/pods-system-cli.ts'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  globalThis.podsTierSystem = child;
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the pods system did not start (exit ${code})`)));
  });
  Object.assign(process.env, JSON.parse(firstLine) as Record<string, string>);
}
