import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { describeObject, refOf, type Cluster } from '../kube/cluster';
import { appSelectorString } from '../render/deploy-app';
import type { RenderedApp } from '../render/render-apps';
import { handOverReplicas } from './hand-over-replicas';
import { previousTemplate } from './previous-template';
import { pruneConfigMaps } from './prune-config-maps';
import { pruneRemoved } from './prune-removed';
import { describeUnreadyPods } from './unready-pods';
import { waitForRollout, type WaitForRolloutOptions } from './wait-for-rollout';

export interface DeployOneOptions {
  readonly cluster: Cluster;
  readonly rendered: RenderedApp;
  readonly log: (line: string) => void;
  /** Extra wait beyond the Deployment's progress deadline before giving up on the controller. */
  readonly slackMs?: number;
  readonly pollMs?: number;
  readonly sleep?: WaitForRolloutOptions['sleep'];
}

export type DeployOutcome =
  | { readonly app: string; readonly ok: true }
  | {
      readonly app: string;
      readonly ok: false;
      readonly reason: string;
      /** Whether the previous template is back and rolled out. */
      readonly rolledBack: boolean;
    };

/**
 * Deploys one app: server-side applies exactly its objects, waits for the Deployment's rollout
 * as `kubectl rollout status` decides, and when it fails re-applies the previous ReplicaSet's
 * pod template (as `kubectl rollout undo` would) and waits for that. After a successful rollout,
 * the app's objects its settings no longer render are deleted; unused ConfigMaps of the app are
 * removed either way. Objects of other apps are never read or written.
 */
export async function deployOne(options: DeployOneOptions): Promise<DeployOutcome> {
  const { cluster, rendered, log } = options;
  const { app, deployment } = rendered;
  const namespace = deployment.metadata?.namespace ?? '';
  const say = (line: string) => log(`${app.name}: ${line}`);
  const readDeployment = () => cluster.read<V1Deployment>(refOf(deployment));
  const timeoutMs =
    (deployment.spec?.progressDeadlineSeconds ?? 600) * 1000 + (options.slackMs ?? 60_000);
  const wait = () =>
    waitForRollout({
      read: readDeployment,
      progress: (message) => say(message),
      timeoutMs,
      ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
      ...(options.sleep !== undefined ? { sleep: options.sleep } : {}),
    });

  const before = await readDeployment();
  const handedOver = await handOverReplicas(cluster, before, deployment);
  if (handedOver !== undefined) say(`kept spec.replicas at ${handedOver} for the autoscaler`);
  for (const object of rendered.objects) {
    const applied = await cluster.apply(object);
    say(`applied ${describeObject(applied)} (generation ${applied.metadata?.generation ?? '-'})`);
  }
  const rollout = await wait();
  if (rollout.ok) {
    const removed = await pruneRemoved(cluster, rendered);
    if (removed.length > 0) say(`removed what the app no longer renders: ${removed.join(', ')}`);
    const pruned = await pruneConfigMaps(cluster, app, namespace);
    if (pruned.length > 0) say(`removed unused ConfigMaps ${pruned.join(', ')}`);
    return { app: app.name, ok: true };
  }

  const selector = appSelectorString(app);
  const pods = describeUnreadyPods(await cluster.list<V1Pod>('v1', 'Pod', namespace, selector));
  const reason = [rollout.reason, ...pods].join('; ');
  say(`rollout failed: ${reason}`);
  const live = await readDeployment();
  const replicaSets = await cluster.list<V1ReplicaSet>(
    'apps/v1',
    'ReplicaSet',
    namespace,
    selector,
  );
  const previous = live === undefined ? undefined : previousTemplate(live, replicaSets);
  const template = previous?.template ?? before?.spec?.template;
  if (template === undefined) {
    say('nothing to roll back to: this was its first rollout');
    return { app: app.name, ok: false, reason, rolledBack: false };
  }
  const image = template.spec?.containers[0]?.image ?? '?';
  say(
    `rolling back to ${previous ? `revision ${previous.revision}` : 'the template before this deploy'} (${image})`,
  );
  await cluster.apply({ ...deployment, spec: { ...deployment.spec, template } } as V1Deployment);
  const back = await wait();
  await pruneConfigMaps(cluster, app, namespace);
  if (!back.ok) {
    say(`the rollback did not complete either: ${back.reason}`);
    return {
      app: app.name,
      ok: false,
      reason: `${reason}; rollback: ${back.reason}`,
      rolledBack: false,
    };
  }
  say(`rolled back to ${image}`);
  return { app: app.name, ok: false, reason, rolledBack: true };
}
