import path from 'node:path';
import {
  buildAppImages,
  imageStore,
  loadImages,
  localClusterSession,
  localNamespace,
  type LocalClusterSession,
} from '@cqrs/tools-cluster';
import { repoRoot } from '@cqrs/tools-infra';
import { discoverApps } from '@cqrs/tools-workspace';
import { forwardService, type Forwarded } from './port-forward';
import { runDeploy } from './run-deploy';

/** deploy/values.local.yaml: the overlay for the local one-node cluster. */
export const localValuesFile = path.join(repoRoot, 'deploy/values.local.yaml');

/** Apps whose internal (non-gateway) routes the end-to-end suites call directly. */
const forwardedApps = ['customers-cmdh', 'orders-cmdh'] as const;

/** The whole system in the local cluster's pods, as the pods tier drives it. */
export interface LocalClusterSystem {
  readonly session: LocalClusterSession;
  /** The image tag every app runs. */
  readonly tag: string;
  /** `name=url` of each forwarded app, for `E2E_APP_URLS`. */
  readonly appUrls: readonly { readonly name: string; readonly url: string }[];
  stop(): Promise<void>;
}

/**
 * Brings the whole system up in the local cluster, as a platform engineer would: the cluster
 * with its add-ons (`cluster:up -- --real`), every app's image (`npm run images -- --all`,
 * unchanged images are reused) and `npm run deploy -- --all` with the local values. Then
 * forwards local ports to the apps whose internal routes tests call.
 */
export async function deployLocalClusterSystem(
  log: (line: string) => void,
): Promise<LocalClusterSystem> {
  const session = await localClusterSession(log);
  const forwards: Forwarded[] = [];
  const stop = async () => {
    await Promise.all(forwards.map((f) => f.close()));
    await session.stop();
  };
  try {
    const store = imageStore();
    const { tag, images } = await buildAppImages({
      store,
      root: repoRoot,
      apps: discoverApps(),
      log,
    });
    await loadImages(
      store,
      images.map((i) => i.image),
      session.layout.containerdSocket,
      log,
    );
    const kubeconfig = session.layout.kubeconfig;
    const deployed = await runDeploy(kubeconfig, [
      '--all',
      '--image-tag',
      tag,
      '--values',
      localValuesFile,
    ]);
    if (deployed.code !== 0) {
      throw new Error(`npm run deploy -- --all failed:\n${deployed.stdout}\n${deployed.stderr}`);
    }
    for (const app of forwardedApps) {
      forwards.push(await forwardService(kubeconfig, localNamespace, app, 8080));
    }
    const appUrls = forwardedApps.map((name, i) => ({ name, url: forwards[i]?.url ?? '' }));
    return { session, tag, appUrls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
