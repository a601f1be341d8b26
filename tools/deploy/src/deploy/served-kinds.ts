import type { Cluster } from '../kube/cluster';
import type { RenderedApp } from '../render/render-apps';

/**
 * Fails before anything is written when the cluster does not serve a kind the apps' objects
 * need: typically the Gateway API's HTTPRoute on a cluster without its CRDs, which would
 * otherwise stop a deploy half-way with a bare 404.
 *
 * @throws Error naming each missing kind and what to do about it.
 */
export async function requireServedKinds(
  cluster: Cluster,
  rendered: readonly RenderedApp[],
): Promise<void> {
  const kinds = new Map(
    rendered
      .flatMap((r) => r.objects)
      .map((o) => [`${o.apiVersion ?? ''} ${o.kind ?? ''}`, o] as const),
  );
  const missing: string[] = [];
  for (const [key, object] of kinds) {
    if (!(await cluster.serves(object.apiVersion ?? '', object.kind ?? ''))) missing.push(key);
  }
  if (missing.length === 0) return;
  const routes = missing.some((k) => k.endsWith(' HTTPRoute'))
    ? ': install the Gateway API CRDs, or deploy without routes (`gateway: { enabled: false }` in a --values file)'
    : '';
  throw new Error(`the cluster does not serve ${missing.join(', ')}${routes}`);
}
