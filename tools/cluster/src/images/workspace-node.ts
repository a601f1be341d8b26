import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../node/layout';

/**
 * The workspace's Node version: package-lock.json's `node` package, the Node every test runs
 * on and deploy/Dockerfile's NODE_VERSION (tools/deploy's Dockerfile test keeps the two equal).
 */
export function workspaceNodeVersion(root: string = repoRoot): string {
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, { version?: string }>;
  };
  const version = lock.packages?.['node_modules/node']?.version;
  if (version === undefined) throw new Error('package-lock.json pins no `node` package');
  return version;
}
