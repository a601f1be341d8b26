import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { traefikModuleDir } from './traefik-binary';

const run = promisify(execFile);

const gatewayApiModule = 'sigs.k8s.io/gateway-api';

/**
 * The Gateway API CustomResourceDefinitions of the standard channel, at the exact version the
 * pinned Traefik is built against (its go.mod pins `sigs.k8s.io/gateway-api`), read from that
 * module in the Go module cache: no download from GitHub, no version skew between the CRDs'
 * schemas and Traefik's clients.
 *
 * The standard channel is all Traefik needs: with `experimentalChannel` off (the default, and
 * what deploy/k8s/local/traefik.yaml runs) its Gateway provider watches GatewayClass, Gateway,
 * HTTPRoute, GRPCRoute, ReferenceGrant and BackendTLSPolicy, all standard in v1.4. Only
 * `experimentalChannel: true` adds TCPRoute and TLSRoute informers, whose CRDs (experimental
 * channel) would then be required: an informer for a missing CRD never syncs and the provider
 * never loads any configuration.
 */
export async function ensureGatewayApiCrds(
  log: (line: string) => void,
): Promise<KubernetesObject[]> {
  // In the wrapper module, `go mod download <module>` fetches the version of its build list.
  const { stdout } = await run('go', ['mod', 'download', '-json', gatewayApiModule], {
    cwd: traefikModuleDir,
  });
  const { Dir: dir, Version: version } = JSON.parse(stdout) as { Dir: string; Version: string };
  const crdDir = path.join(dir, 'config/crd/standard');
  const files = readdirSync(crdDir)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .sort();
  const crds = files.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(crdDir, file), 'utf8'))
      .map((doc) => doc.toJS() as KubernetesObject | null)
      .filter((obj): obj is KubernetesObject => obj?.kind === 'CustomResourceDefinition'),
  );
  log(`Gateway API ${version} standard CRDs: ${crds.map((c) => c.metadata?.name).join(', ')}`);
  return crds;
}
