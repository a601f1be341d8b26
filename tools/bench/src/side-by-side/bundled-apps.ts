import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { appSettings, bundleApp, loadValues } from '@cqrs/tools-deploy';
import type { AppCommand, DevApp } from '@cqrs/tools-dev';
import { repoRoot } from '@cqrs/tools-infra';

/** Where the benches' bundles go (under the ignored tmp/). */
const bundlesDir = path.join(repoRoot, 'tmp', 'bench', 'bundles');

/** How an app is run: as its image runs it, with the V8 options its Deployment sets, or none. */
export type NodeOptionsChoice = 'deployment' | 'none';

/**
 * Bundles each app as its image is built (`bundleApp` of tools/deploy, then `npm ci --omit=dev`
 * beside it), so a bench measures what a pod runs: `node dist/main.js`, production dependencies
 * only. Returns the `command` option of `startSystem` for those apps: `deployment` sets the
 * `NODE_OPTIONS` the app's Deployment sets (deploy/values.yaml), `none` sets none.
 */
export async function bundledApps(
  apps: readonly DevApp[],
  log: (line: string) => void,
): Promise<(choice: NodeOptionsChoice) => (app: DevApp) => AppCommand> {
  const values = loadValues([path.join(repoRoot, 'deploy', 'values.yaml')]);
  const dirs = new Map<string, string>();
  for (const app of apps) {
    const outDir = path.join(bundlesDir, app.name);
    await bundleApp({ app, root: repoRoot, outDir });
    const install = spawnSync(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
      {
        cwd: outDir,
        encoding: 'utf8',
        // npm checks `engines` against the Node that runs it: ours.
        env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
      },
    );
    if (install.status !== 0) throw new Error(`${app.name}: npm ci failed\n${install.stderr}`);
    dirs.set(app.name, outDir);
  }
  log(`bundled ${apps.length} app(s) under ${path.relative(repoRoot, bundlesDir)}`);
  return (choice) => (app) => {
    const nodeOptions = appSettings(values, app).env.NODE_OPTIONS;
    return {
      args: ['dist/main.js'],
      cwd: dirs.get(app.name) as string,
      env: { NODE_OPTIONS: choice === 'deployment' ? (nodeOptions ?? '') : '' },
    };
  };
}

/** The V8 options the app's Deployment sets, as the bench labels them. */
export function deploymentNodeOptions(app: Pick<DevApp, 'name' | 'service' | 'role'>): string {
  const values = loadValues([path.join(repoRoot, 'deploy', 'values.yaml')]);
  return appSettings(values, app).env.NODE_OPTIONS ?? '';
}
