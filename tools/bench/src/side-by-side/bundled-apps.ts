import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { appSettings, bundleApp, loadValues } from '@cqrs/tools-deploy';
import { repoRoot } from '@cqrs/tools-infra';
import type { DevApp } from '@cqrs/tools-workspace';
import type { AppCommand, LocalSystem } from '@cqrs/tools-dev';
import { startSystem } from '@cqrs/tools-dev';

/** Where the benches' bundles go (under the ignored tmp/). */
const bundlesDir = path.join(repoRoot, 'tmp', 'bench', 'bundles');

/** How an app is run: as its image runs it, with the V8 options its Deployment sets, or none. */
export type NodeOptionsChoice = 'deployment' | 'none';

/** The bundled apps: how to run them, and the V8 options their Deployments set. */
export interface BundledApps {
  /** The `NODE_OPTIONS` the app's Deployment sets (deploy/values.yaml), `''` for none. */
  nodeOptions(app: Pick<DevApp, 'name'>): string;
  /** `startSystem` of the bundled apps run so, quietly, the gateway on a free port. */
  start(choice: NodeOptionsChoice): Promise<LocalSystem>;
}

/**
 * Bundles each app as its image is built (`bundleApp` of tools/deploy, then `npm ci --omit=dev`
 * beside it), so a bench measures what a pod runs: `node dist/main.js`, production dependencies
 * only.
 */
export async function bundledApps(
  apps: readonly DevApp[],
  log: (line: string) => void,
): Promise<BundledApps> {
  const values = loadValues([path.join(repoRoot, 'deploy', 'values.yaml')]);
  const bundles = new Map<string, { dir: string; nodeOptions: string }>();
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
    bundles.set(app.name, {
      dir: outDir,
      nodeOptions: appSettings(values, app).env.NODE_OPTIONS ?? '',
    });
  }
  log(`bundled ${apps.length} app(s) under ${path.relative(repoRoot, bundlesDir)}`);
  const bundleOf = (app: Pick<DevApp, 'name'>) => {
    const bundle = bundles.get(app.name);
    if (bundle === undefined) throw new Error(`${app.name} was not bundled`);
    return bundle;
  };
  const command =
    (choice: NodeOptionsChoice) =>
    (app: DevApp): AppCommand => ({
      args: ['dist/main.js'],
      cwd: bundleOf(app).dir,
      env: { NODE_OPTIONS: choice === 'deployment' ? bundleOf(app).nodeOptions : '' },
    });
  return {
    nodeOptions: (app) => bundleOf(app).nodeOptions,
    start: (choice) =>
      startSystem({
        log: () => undefined,
        apps,
        gatewayPort: 0,
        output: () => undefined,
        color: false,
        command: command(choice),
      }),
  };
}
