import type {
  V1ConfigMap,
  V1Deployment,
  V1PodTemplateSpec,
  V1ReplicaSet,
} from '@kubernetes/client-node';
import type { Cluster } from '../kube/cluster';
import { appSelectorString, type DeployApp } from '../render/deploy-app';

const configMapsOf = (template: V1PodTemplateSpec | undefined): string[] =>
  (template?.spec?.containers ?? []).flatMap((c) =>
    (c.envFrom ?? []).flatMap((e) => (e.configMapRef?.name ? [e.configMapRef.name] : [])),
  );

/**
 * Deletes the app's ConfigMaps that neither its Deployment nor any ReplicaSet it keeps for
 * rollbacks refers to (each environment is its own immutable `<app>-<hash>` ConfigMap).
 * Only objects with the app's label are considered, so no other app is touched.
 *
 * @returns the names deleted.
 */
export async function pruneConfigMaps(
  cluster: Cluster,
  app: DeployApp,
  namespace: string,
): Promise<string[]> {
  const selector = appSelectorString(app);
  const deployment = await cluster.read<V1Deployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name, namespace },
  });
  const replicaSets = await cluster.list<V1ReplicaSet>(
    'apps/v1',
    'ReplicaSet',
    namespace,
    selector,
  );
  const used = new Set([
    ...configMapsOf(deployment?.spec?.template),
    ...replicaSets.flatMap((rs) => configMapsOf(rs.spec?.template)),
  ]);
  const unused = (await cluster.list<V1ConfigMap>('v1', 'ConfigMap', namespace, selector))
    .map((cm) => cm.metadata?.name ?? '')
    .filter((name) => name !== '' && !used.has(name));
  for (const name of unused) {
    await cluster.delete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace } });
  }
  return unused;
}
