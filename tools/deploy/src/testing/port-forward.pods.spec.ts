import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { waitUntil } from '@cqrs/framework-core/testing';
import { localNamespace, realClusterLayout } from '@cqrs/tools-cluster';
import { forwardService, type Forwarded } from './port-forward';

/**
 * The port forward the pods tier gives suites for internal routes, on the real node: a
 * keep-alive client keeps working when the pods behind the Service are replaced, instead of
 * waiting for an answer on a connection whose tunnel ended with its pod.
 */
const app = 'customers-cmdh';
const selector = `app.kubernetes.io/name=${app}`;

describe('a forwarded Service port', () => {
  const kc = new KubeConfig();
  let core: CoreV1Api;
  let forwarded: Forwarded;

  beforeAll(async () => {
    const { kubeconfig } = realClusterLayout();
    kc.loadFromFile(kubeconfig);
    core = kc.makeApiClient(CoreV1Api);
    forwarded = await forwardService(kubeconfig, localNamespace, app, 8080);
  });
  afterAll(() => forwarded.close());

  const podNames = async () =>
    (
      await core.listNamespacedPod({ namespace: localNamespace, labelSelector: selector })
    ).items.map((pod) => pod.metadata?.name ?? '');
  const ready = () =>
    fetch(`${forwarded.url}/readyz`, { signal: AbortSignal.timeout(30_000) }).then(
      (response) => response.status,
    );

  it('answers on the same client after every pod behind it was replaced', async () => {
    // The first answer leaves a keep-alive connection (the apps keep one open for 65 s).
    expect(await ready()).toBe(200);
    const before = await podNames();
    expect(before.length).toBeGreaterThan(0);

    await core.deleteCollectionNamespacedPod({
      namespace: localNamespace,
      labelSelector: selector,
      gracePeriodSeconds: 5,
    });
    await waitUntil(async () => {
      const now = await podNames();
      return now.length > 0 && now.every((name) => !before.includes(name));
    }, 'the old pods gone and new ones created');

    // New pods may still be starting: the forward ends a connection it cannot tunnel and the
    // client opens a new one per attempt; an attempt that hangs is the failure this guards.
    const outcomes: string[] = [];
    await waitUntil(async () => {
      const outcome = await ready().then(String, (error: unknown) =>
        error instanceof DOMException && error.name === 'TimeoutError' ? 'hung' : 'closed',
      );
      outcomes.push(outcome);
      return outcome !== 'closed';
    }, 'an answer from a new pod');
    expect(outcomes.filter((outcome) => outcome !== 'closed')).toEqual(['200']);
  });
});
