import type { V1Deployment, V1ReplicaSet } from '@kubernetes/client-node';
import { previousTemplate } from './previous-template';

const deployment: V1Deployment = {
  metadata: { name: 'd', uid: 'uid-1', annotations: { 'deployment.kubernetes.io/revision': '3' } },
};
const replicaSet = (revision: number, image: string, owner = 'uid-1'): V1ReplicaSet => ({
  metadata: {
    name: `d-${revision}`,
    annotations: { 'deployment.kubernetes.io/revision': String(revision) },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: owner }],
  },
  spec: {
    selector: {},
    template: {
      metadata: { labels: { app: 'd', 'pod-template-hash': `h${revision}` } },
      spec: { containers: [{ name: 'app', image }] },
    },
  },
});

describe('previousTemplate', () => {
  it('takes the highest revision below the current one, without the pod-template-hash label', () => {
    const previous = previousTemplate(deployment, [
      replicaSet(1, 'img:1'),
      replicaSet(3, 'img:3'),
      replicaSet(2, 'img:2'),
      replicaSet(9, 'other:9', 'uid-other'),
    ]);

    expect(previous?.revision).toBe(2);
    expect(previous?.template).toEqual({
      metadata: { labels: { app: 'd' } },
      spec: { containers: [{ name: 'app', image: 'img:2' }] },
    });
  });

  it('finds nothing after a failed first rollout', () => {
    expect(
      previousTemplate(
        {
          ...deployment,
          metadata: {
            ...deployment.metadata,
            annotations: { 'deployment.kubernetes.io/revision': '1' },
          },
        },
        [replicaSet(1, 'img:1')],
      ),
    ).toBeUndefined();
  });
});
