import { createHash } from 'node:crypto';
import { requiredVersion } from './go-build';

/** The module versions the control-plane binaries are built from (tools/cluster/go/go.mod). */
export interface ClusterVersions {
  readonly kubernetes: string;
  readonly etcd: string;
  readonly kwok: string;
}

const modules = {
  kubernetes: 'k8s.io/kubernetes',
  etcd: 'go.etcd.io/etcd/server/v3',
  kwok: 'sigs.k8s.io/kwok',
} as const;

/** Reads the required versions of Kubernetes, etcd and kwok from the wrapper module's go.mod. */
export function parseVersions(goMod: string): ClusterVersions {
  const versionOf = (module: string) => requiredVersion(goMod, module);
  return {
    kubernetes: versionOf(modules.kubernetes),
    etcd: versionOf(modules.etcd),
    kwok: versionOf(modules.kwok),
  };
}

/**
 * The cache directory name for one set of binaries: readable versions plus a short hash of
 * everything else that changes the output (go.mod, go.sum, build flags), so any bump rebuilds.
 */
export function cacheKey(versions: ClusterVersions, inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(input).update('\0');
  const digest = hash.digest('hex').slice(0, 10);
  return `k8s-${versions.kubernetes}_etcd-${versions.etcd}_kwok-${versions.kwok}_${digest}`;
}
