import type { V1Deployment } from '@kubernetes/client-node';
import { rolloutStatus } from './rollout-status';

const deployment = (
  spec: { replicas?: number; generation?: number },
  status: V1Deployment['status'],
): V1Deployment => ({
  metadata: { name: 'customers-qryh', generation: spec.generation ?? 2 },
  spec: {
    ...(spec.replicas !== undefined ? { replicas: spec.replicas } : {}),
    selector: {},
    template: {},
  },
  status,
});

describe('rolloutStatus (kubectl rollout status rules)', () => {
  it('waits until the controller has observed the current generation', () => {
    expect(
      rolloutStatus(
        deployment(
          { replicas: 2 },
          { observedGeneration: 1, updatedReplicas: 2, replicas: 2, availableReplicas: 2 },
        ),
      ),
    ).toEqual({
      state: 'progressing',
      message: 'waiting for the deployment spec update to be observed',
    });
  });

  it('fails once the Progressing condition says ProgressDeadlineExceeded', () => {
    const status = rolloutStatus(
      deployment(
        { replicas: 2 },
        {
          observedGeneration: 2,
          updatedReplicas: 1,
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
              message: 'ReplicaSet "x" has timed out progressing.',
            },
          ],
        },
      ),
    );

    expect(status).toEqual({
      state: 'failed',
      message:
        'deployment "customers-qryh" exceeded its progress deadline (ReplicaSet "x" has timed out progressing.)',
    });
  });

  it('waits for updated replicas, then old ones to go, then updated ones to be available', () => {
    const at = (s: V1Deployment['status']) =>
      rolloutStatus(deployment({ replicas: 2 }, { observedGeneration: 2, ...s })).message;

    expect(at({ updatedReplicas: 1, replicas: 3 })).toBe(
      '1 out of 2 new replicas have been updated',
    );
    expect(at({ updatedReplicas: 2, replicas: 3 })).toBe('1 old replicas are pending termination');
    expect(at({ updatedReplicas: 2, replicas: 2, availableReplicas: 1 })).toBe(
      '1 of 2 updated replicas are available',
    );
  });

  it('is done when every replica is updated and available, replicas left to an HPA included', () => {
    const done = { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 };

    expect(rolloutStatus(deployment({ replicas: 3 }, done)).state).toBe('done');
    expect(rolloutStatus(deployment({}, done)).state).toBe('done');
    expect(rolloutStatus(deployment({}, { ...done, availableReplicas: 2 })).state).toBe(
      'progressing',
    );
  });
});
