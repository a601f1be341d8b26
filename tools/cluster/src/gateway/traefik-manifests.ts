import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { fillPlaceholders } from '../manifests/placeholders';

/** tools/cluster/src/gateway -> deploy/k8s/local/traefik.yaml (a template with placeholders). */
export const traefikTemplateFile = path.resolve(
  __dirname,
  '../../../../deploy/k8s/local/traefik.yaml',
);

/** What only the cluster start knows: the API server's port, a free gateway port, the image. */
export interface TraefikManifestOptions {
  /** The API server on the host's loopback, `https://127.0.0.1:<port>`. */
  readonly apiserverUrl: string;
  /** The host port Traefik serves the Gateway's HTTP listener on, on 127.0.0.1 (>= 1024: non-root). */
  readonly gatewayPort: number;
  /** The locally built Traefik image (traefikImageSpec().name). */
  readonly image: string;
}

function placeholderValues(o: TraefikManifestOptions): Record<string, string> {
  const url = new URL(o.apiserverUrl);
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`apiserverUrl must be https://<host>:<port>, got ${o.apiserverUrl}`);
  }
  if (!Number.isInteger(o.gatewayPort) || o.gatewayPort < 1024 || o.gatewayPort > 65535) {
    // Traefik runs as uid 65532 without capabilities: it cannot bind a privileged port.
    throw new Error(`gatewayPort must be an integer in 1024..65535, got ${o.gatewayPort}`);
  }
  if (!/^[\w.\-/:@]+$/.test(o.image)) throw new Error(`invalid image reference: ${o.image}`);
  return {
    APISERVER_URL: url.origin,
    GATEWAY_PORT: String(o.gatewayPort),
    TRAEFIK_IMAGE: o.image,
  };
}

/**
 * The local cluster's Traefik objects (deploy/k8s/local/traefik.yaml) with the values known only
 * at cluster start filled in: Namespaces, ServiceAccount, RBAC, GatewayClass `traefik`, Gateway
 * `cqrs/cqrs-gateway` and the host-network Deployment, in apply order.
 *
 * @throws Error on an invalid value, or when the template holds a placeholder this does not fill.
 */
export function traefikManifests(
  options: TraefikManifestOptions,
  template: string = readFileSync(traefikTemplateFile, 'utf8'),
): KubernetesObject[] {
  const values = placeholderValues(options);
  const filled = fillPlaceholders(template, values, traefikTemplateFile);
  return parseAllDocuments(filled).map((doc) => {
    const [error] = doc.errors;
    if (error) throw error;
    return doc.toJS() as KubernetesObject;
  });
}
