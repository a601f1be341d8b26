import type { KubernetesObject } from '@kubernetes/client-node';

/** Names one object: what reading or deleting it needs. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string };
}

/**
 * The few cluster operations the deploy tool uses. `connectCluster` implements them with
 * `@kubernetes/client-node`; the deploy logic depends on this interface only.
 */
export interface Cluster {
  /**
   * Server-side apply (force; our field manager unless another is given); resolves with the
   * object as stored, or as it would be with `dryRun`.
   */
  apply<T extends KubernetesObject>(
    object: T,
    options?: { readonly dryRun?: boolean; readonly fieldManager?: string },
  ): Promise<T>;
  /** The object, or undefined when it does not exist. */
  read<T extends KubernetesObject>(ref: ObjectRef): Promise<T | undefined>;
  list<T extends KubernetesObject>(
    apiVersion: string,
    kind: string,
    namespace: string,
    labelSelector: string,
  ): Promise<T[]>;
  delete(ref: ObjectRef): Promise<void>;
  /** Whether the API server serves this kind (a CRD such as HTTPRoute may not be installed). */
  serves(apiVersion: string, kind: string): Promise<boolean>;
  /** Creates the namespace unless it exists; never changes an existing one. */
  ensureNamespace(name: string): Promise<'created' | 'exists'>;
  namespaceExists(name: string): Promise<boolean>;
}

/** `Kind/name` for messages. */
export const describeObject = (o: Pick<KubernetesObject, 'kind' | 'metadata'>): string =>
  `${o.kind ?? '?'}/${o.metadata?.name ?? '?'}`;

/** A reference to an object we hold. */
export const refOf = (o: KubernetesObject): ObjectRef => ({
  apiVersion: o.apiVersion ?? '',
  kind: o.kind ?? '',
  metadata: {
    name: o.metadata?.name ?? '',
    ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
  },
});
