import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { fieldManager } from '../render/deploy-app';
import type { Cluster, ObjectRef } from './cluster';

export interface ConnectOptions {
  /** A kubeconfig file; default `KUBECONFIG`, then `~/.kube/config`, then in-cluster. */
  readonly kubeconfig?: string;
  /** A context of the kubeconfig; default its current context. */
  readonly context?: string;
}

/** The API server's answer to a failed call, as one line: status, reason and message. */
export function describeApiError(error: unknown): string {
  if (!(error instanceof ApiException))
    return error instanceof Error ? error.message : String(error);
  let body: unknown = error.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // not JSON: keep the text
    }
  }
  const message =
    (body as { message?: string } | undefined)?.message ?? (typeof body === 'string' ? body : '');
  return `${error.code}${message ? `: ${message}` : ''}`;
}

const notFound = (error: unknown) => error instanceof ApiException && error.code === 404;

/** Loads the kubeconfig and returns the operations the deploy tool needs on that cluster. */
export function connectCluster(options: ConnectOptions = {}): {
  cluster: Cluster;
  context: string;
  server: string;
} {
  const kc = new KubeConfig();
  if (options.kubeconfig !== undefined) kc.loadFromFile(options.kubeconfig);
  else kc.loadFromDefault();
  if (options.context !== undefined) {
    if (kc.getContextObject(options.context) === null) {
      const known =
        kc
          .getContexts()
          .map((c) => c.name)
          .join(', ') || 'none';
      throw new Error(`no context ${options.context} in the kubeconfig (contexts: ${known})`);
    }
    kc.setCurrentContext(options.context);
  }
  const objects = KubernetesObjectApi.makeApiClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw new Error(`${what}: ${describeApiError(error)}`, { cause: error });
    }
  };
  const name = (ref: ObjectRef) => `${ref.kind}/${ref.metadata.name}`;

  const cluster: Cluster = {
    apply: (object, applyOptions) =>
      call(`applying ${name(object as ObjectRef)}`, () =>
        objects.patch(
          object,
          undefined,
          applyOptions?.dryRun ? 'All' : undefined,
          fieldManager,
          true,
          PatchStrategy.ServerSideApply,
        ),
      ),
    read: async <T extends KubernetesObject>(ref: ObjectRef) => {
      try {
        return await objects.read<T>(ref);
      } catch (error) {
        if (notFound(error)) return undefined;
        throw new Error(`reading ${name(ref)}: ${describeApiError(error)}`, { cause: error });
      }
    },
    list: async <T extends KubernetesObject>(
      apiVersion: string,
      kind: string,
      namespace: string,
      labelSelector: string,
    ) =>
      (
        await call(`listing ${kind}`, () =>
          objects.list<T>(
            apiVersion,
            kind,
            namespace,
            undefined,
            undefined,
            undefined,
            undefined,
            labelSelector,
          ),
        )
      ).items,
    delete: async (ref) => {
      try {
        await objects.delete(ref);
      } catch (error) {
        if (!notFound(error))
          throw new Error(`deleting ${name(ref)}: ${describeApiError(error)}`, { cause: error });
      }
    },
    namespaceExists: async (namespace) => {
      try {
        await core.readNamespace({ name: namespace });
        return true;
      } catch (error) {
        if (notFound(error)) return false;
        throw new Error(`reading namespace ${namespace}: ${describeApiError(error)}`, {
          cause: error,
        });
      }
    },
    ensureNamespace: async (namespace) => {
      if (await cluster.namespaceExists(namespace)) return 'exists';
      await call(`creating namespace ${namespace}`, () =>
        core.createNamespace({ body: { metadata: { name: namespace } }, fieldManager }),
      );
      return 'created';
    },
  };
  return {
    cluster,
    context: kc.getCurrentContext(),
    server: kc.getCurrentCluster()?.server ?? '?',
  };
}
