import path from 'node:path';
import {
  allRoutes,
  type DevApp,
  discoverApps,
  type GatewayRouteSource,
  selectApps,
} from '@cqrs/tools-workspace';
import type { DeployRequest } from '../cli-args';
import type { Cluster } from '../kube/cluster';
import { renderApps } from '../render/render-apps';
import { loadValues } from '../render/values';
import { affectedProjects } from './affected-apps';
import { deployOne, type DeployOutcome } from './deploy-one';
import { dryRunApp } from './dry-run';
import { requireServedKinds } from './served-kinds';
import { objectDiff } from './object-diff';

export interface DeployOptions {
  readonly request: DeployRequest;
  /** The repository root: apps, deploy/values.yaml. */
  readonly root: string;
  readonly cluster: Cluster;
  /** Progress lines. */
  readonly log: (line: string) => void;
  /** Dry-run diffs. */
  readonly print: (text: string) => void;
  /** Default: every service's declarations, as the local gateway routes them. */
  readonly routes?: readonly GatewayRouteSource[];
  /** Default: the apps discovered under `root`. */
  readonly apps?: readonly DevApp[];
  readonly pollMs?: number;
}

export interface DeployReport {
  readonly ok: boolean;
  readonly outcomes: readonly DeployOutcome[];
  /** Selected apps not deployed because an earlier one failed. */
  readonly skipped: readonly string[];
}

/** Picks the apps a request names: by name or service, those `nx affected` names, or all. */
export function selectForRequest(
  request: DeployRequest,
  apps: readonly DevApp[],
  root: string,
): DevApp[] {
  switch (request.selection.kind) {
    case 'all':
      return [...apps];
    case 'named':
      return selectApps(apps, request.selection.names);
    case 'affected': {
      const affected = new Set(
        affectedProjects({
          root,
          ...(request.selection.base !== undefined ? { base: request.selection.base } : {}),
        }),
      );
      return apps.filter((a) => affected.has(a.name));
    }
  }
}

/**
 * `npm run deploy`: renders the selected apps' objects and deploys them one after the other (see
 * `deployOne`), stopping at the first failure; or, with `dryRun`, prints what would change.
 */
export async function deploy(options: DeployOptions): Promise<DeployReport> {
  const { request, root, cluster, log } = options;
  const apps =
    options.apps ?? discoverApps({ root, onSkip: (name, why) => log(`${name}: skipped, ${why}`) });
  const selected = selectForRequest(request, apps, root);
  if (selected.length === 0) {
    log('no app to deploy');
    return { ok: true, outcomes: [], skipped: [] };
  }
  const values = loadValues([path.join(root, 'deploy', 'values.yaml'), ...request.values]);
  const rendered = renderApps(
    {
      values,
      apps,
      routes: options.routes ?? allRoutes,
      imageTag: request.imageTag,
      ...(request.namespace !== undefined ? { namespace: request.namespace } : {}),
    },
    selected,
  );
  const namespace = request.namespace ?? values.namespace;
  log(
    `${request.dryRun ? 'dry run: ' : ''}${selected.map((a) => a.name).join(', ')} -> namespace ${namespace}, tag ${request.imageTag}`,
  );

  await requireServedKinds(cluster, rendered);

  if (request.dryRun) {
    const exists = await cluster.namespaceExists(namespace);
    if (!exists) log(`namespace ${namespace} does not exist; it would be created`);
    for (const app of rendered) {
      const diffs = exists
        ? await dryRunApp(cluster, app)
        : app.objects.map((o) =>
            objectDiff(`${app.app.name} ${o.kind}/${o.metadata?.name}`, undefined, o),
          );
      options.print(diffs.length > 0 ? diffs.join('\n') : `${app.app.name}: no changes`);
    }
    return { ok: true, outcomes: [], skipped: [] };
  }

  if ((await cluster.ensureNamespace(namespace)) === 'created')
    log(`created namespace ${namespace}`);
  const outcomes: DeployOutcome[] = [];
  for (const [index, app] of rendered.entries()) {
    const outcome = await deployOne({
      cluster,
      rendered: app,
      log,
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    });
    outcomes.push(outcome);
    if (!outcome.ok) {
      return { ok: false, outcomes, skipped: rendered.slice(index + 1).map((r) => r.app.name) };
    }
  }
  return { ok: true, outcomes, skipped: [] };
}
