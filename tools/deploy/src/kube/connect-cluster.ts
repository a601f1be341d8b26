import { setTimeout as delay } from 'node:timers/promises';
import {
  ApiException,
  CoreV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { parseRetryAfter } from '@cqrs/framework-command-client';
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

/** The object API plus the discovery lookup it keeps to itself. */
class ObjectApi extends KubernetesObjectApi {
  static connect(kc: KubeConfig): ObjectApi {
    const api = kc.makeApiClient(ObjectApi);
    api.setDefaultNamespace(kc);
    return api;
  }

  async serves(apiVersion: string, kind: string): Promise<boolean> {
    return (await this.resource(apiVersion, kind)) !== undefined;
  }
}

const status = (error: unknown) => (error instanceof ApiException ? error.code : undefined);

/**
 * Whether a call may succeed when made again: the API server is throttling or its storage is
 * (re)initializing (429, e.g. right after a CRD is established), it or a proxy is briefly
 * unavailable (500, 502, 503, 504), or the connection dropped.
 */
const transient = (error: unknown): boolean => {
  const code = status(error);
  if (code !== undefined) return code === 429 || (code >= 500 && code !== 501);
  return (error as { code?: string } | undefined)?.code === 'ECONNRESET';
};

/** The wait the server asked for with Retry-After, if any. */
const retryAfterMs = (error: unknown): number | undefined =>
  error instanceof ApiException ? parseRetryAfter(error.headers['retry-after']) : undefined;

export interface RetryOptions {
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Runs an idempotent API call (every call the deploy tool makes is: server-side apply, read,
 * list, delete), again after a transient failure: exponential backoff from `baseDelayMs`, or the
 * server's Retry-After, at most `maxDelayMs` per wait, `attempts` calls in all.
 */
export async function retryTransient<T>(
  run: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const { attempts = 8, baseDelayMs = 250, maxDelayMs = 5_000, sleep = delay } = options;
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !transient(error)) throw error;
      const backoff = baseDelayMs * 2 ** (attempt - 1);
      await sleep(Math.min(maxDelayMs, retryAfterMs(error) ?? backoff));
    }
  }
}

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
  const objects = ObjectApi.connect(kc);
  const core = kc.makeApiClient(CoreV1Api);
  /**
   * One API call, retried while the failure is transient. A final answer whose status has an
   * entry in `answers` (e.g. 404 for a read) resolves with that entry; any other failure becomes
   * an error saying what was being done and the server's answer.
   */
  const call = async <T, A = never>(
    what: string,
    run: () => Promise<T>,
    answers: Readonly<Record<number, A>> = {},
  ): Promise<T | A> => {
    try {
      return await retryTransient(run);
    } catch (error) {
      const code = status(error);
      if (code !== undefined && code in answers) return answers[code] as A;
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
          applyOptions?.fieldManager ?? fieldManager,
          true,
          PatchStrategy.ServerSideApply,
        ),
      ),
    read: <T extends KubernetesObject>(ref: ObjectRef) =>
      call(`reading ${name(ref)}`, () => objects.read<T>(ref), { 404: undefined }),
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
      await call(`deleting ${name(ref)}`, () => objects.delete(ref), { 404: undefined });
    },
    // A 404 means the group/version itself is not served.
    serves: (apiVersion, kind) =>
      call(`discovering ${apiVersion} ${kind}`, () => objects.serves(apiVersion, kind), {
        404: false,
      }),
    namespaceExists: (namespace) =>
      call(
        `reading namespace ${namespace}`,
        async () => {
          await core.readNamespace({ name: namespace });
          return true;
        },
        { 404: false },
      ),
    ensureNamespace: async (namespace) => {
      if (await cluster.namespaceExists(namespace)) return 'exists';
      return call(
        `creating namespace ${namespace}`,
        async () => {
          await core.createNamespace({ body: { metadata: { name: namespace } }, fieldManager });
          return 'created' as const;
        },
        // Created meanwhile (by someone else, or by a retried call whose first answer was lost).
        { 409: 'exists' as const },
      );
    },
  };
  return {
    cluster,
    context: kc.getCurrentContext(),
    server: kc.getCurrentCluster()?.server ?? '?',
  };
}
