import type { BinaryImageSpec } from '../images/binary-image';
import { traefikVersion } from './traefik-binary';

/**
 * The Traefik image of the local cluster (deploy/k8s/local/traefik.yaml): just the static binary
 * from ensureTraefikBinary(), run as uid 65532 (it binds a port >= 1024 on the host network, so
 * it needs no capability), tagged with the pinned release.
 */
export function traefikImageSpec(binaryPath: string): BinaryImageSpec {
  return {
    name: `localhost/cqrs/traefik:${traefikVersion()}`,
    files: [{ from: binaryPath, to: '/traefik', mode: 0o755 }],
    entrypoint: ['/traefik'],
    user: '65532:65532',
  };
}
