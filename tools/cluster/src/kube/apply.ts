import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiException,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
} from '@kubernetes/client-node';

/** The field manager of everything the local cluster's tooling applies (add-ons, not apps). */
export const addonsFieldManager = 'cqrs-cluster';

/** A client for one kubeconfig: server-side apply and reads, retried while the API settles. */
export function kubeClient(kubeconfigPath: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const objects = KubernetesObjectApi.makeApiClient(kc);
  return { kc, objects, apply: (o: KubernetesObject) => applyObject(objects, o) };
}

const transient = (error: unknown) =>
  error instanceof ApiException
    ? error.code === 429 || error.code >= 500 || error.code === 404
    : (error as { code?: string } | undefined)?.code === 'ECONNRESET';

/**
 * Server-side apply of one object (force, our field manager). A freshly created CRD is not
 * served for a moment (404 for its kind, then 429 while its storage initializes): those answers
 * and 5xx are retried for up to a minute.
 */
export async function applyObject<T extends KubernetesObject>(
  objects: KubernetesObjectApi,
  object: T,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await objects.patch(
        object,
        undefined,
        undefined,
        addonsFieldManager,
        true,
        PatchStrategy.ServerSideApply,
      );
    } catch (error) {
      if (!transient(error) || Date.now() > deadline) {
        const detail =
          error instanceof ApiException ? `${error.code}: ${String(error.body)}` : String(error);
        throw new Error(`applying ${object.kind}/${object.metadata?.name}: ${detail}`, {
          cause: error,
        });
      }
      await sleep(Math.min(250 * attempt, 2_000));
    }
  }
}
