import type { KubernetesObject, V1Deployment, V1ManagedFieldsEntry } from '@kubernetes/client-node';
import type { Cluster } from '../kube/cluster';
import { handOverReplicas, replicasHandoverManager } from './hand-over-replicas';

const meta = { name: 'customers-qryh', namespace: 'cqrs' };
const rendered = (replicas?: number): V1Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta,
  spec: { ...(replicas !== undefined ? { replicas } : {}), selector: {}, template: {} },
});
const ownsReplicas = (manager: string, operation: string): V1ManagedFieldsEntry => ({
  manager,
  operation,
  fieldsType: 'FieldsV1',
  fieldsV1: { 'f:spec': { 'f:replicas': {}, 'f:template': {} } },
});
const live = (replicas: number, ...managedFields: V1ManagedFieldsEntry[]): V1Deployment => ({
  ...rendered(replicas),
  metadata: { ...meta, managedFields },
});

/** Records what is applied, with which field manager. */
function recordingCluster() {
  const applied: { object: KubernetesObject; fieldManager?: string }[] = [];
  const cluster = {
    apply: (object: KubernetesObject, options?: { fieldManager?: string }) => {
      applied.push({
        object,
        ...(options?.fieldManager ? { fieldManager: options.fieldManager } : {}),
      });
      return Promise.resolve(object);
    },
  } as unknown as Cluster;
  return { cluster, applied };
}

describe('handOverReplicas', () => {
  it('keeps the live replicas under a second manager when an app we scaled gets an autoscaler', async () => {
    const { cluster, applied } = recordingCluster();

    const kept = await handOverReplicas(
      cluster,
      live(3, ownsReplicas('cqrs-deploy', 'Apply')),
      rendered(),
    );

    expect(kept).toBe(3);
    expect(applied).toEqual([
      {
        object: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: meta,
          spec: { replicas: 3 },
        },
        fieldManager: replicasHandoverManager,
      },
    ]);
  });

  it.each([
    [
      'the autoscaler already owns the replicas',
      live(4, ownsReplicas('kube-controller-manager', 'Update')),
      rendered(),
    ],
    ['the app still sets its replicas', live(3, ownsReplicas('cqrs-deploy', 'Apply')), rendered(3)],
    ['the app is new', undefined, rendered()],
  ])('does nothing when %s', async (_case, before, after) => {
    const { cluster, applied } = recordingCluster();

    expect(await handOverReplicas(cluster, before, after)).toBeUndefined();
    expect(applied).toEqual([]);
  });
});
