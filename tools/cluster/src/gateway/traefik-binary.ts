import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureGoBinary } from '@cqrs/tools-infra';
import { cacheRoot } from '../binaries';
import { requiredVersion } from '../go-build';

const run = promisify(execFile);

/** tools/cluster/src/gateway -> tools/cluster/traefik: the wrapper module that pins Traefik. */
export const traefikModuleDir = path.resolve(__dirname, '../../traefik');

const traefikModule = 'github.com/traefik/traefik/v3';
const traefikPackage = `${traefikModule}/cmd/traefik`;

/** The Traefik release the wrapper module pins, e.g. `v3.6.12`: names the cache dir and the image. */
export function traefikVersion(): string {
  return requiredVersion(
    readFileSync(path.join(traefikModuleDir, 'go.mod'), 'utf8'),
    traefikModule,
  );
}

/** What Traefik's own release build injects, so `traefik version` and its logs name the release. */
const buildFlags = (version: string): string[] => [
  '-trimpath',
  '-mod=readonly',
  `-ldflags=-s -w -X ${traefikModule}/pkg/version.Version=${version.replace(/^v/, '')}`,
];

/** Fails unless the binary starts and reports the pinned release (a truncated file would not). */
async function checkVersion(binary: string, version: string): Promise<void> {
  const { stdout } = await run(binary, ['version']);
  if (
    !new RegExp(`^Version:\\s+${version.replace(/^v/, '').replace(/\./g, '\\.')}$`, 'm').test(
      stdout,
    )
  ) {
    throw new Error(`${binary} version does not report ${version}:\n${stdout}`);
  }
}

/**
 * Returns the path of the Traefik binary pinned by tools/cluster/traefik (the local cluster's
 * Gateway API implementation), building it on first use (CGO off, -trimpath, stripped) into
 * `<cacheRoot>/traefik-<version>_<hash>/traefik` (see `ensureGoBinary`). A cold build takes
 * minutes; later calls return at once.
 */
export function ensureTraefikBinary(log: (line: string) => void): Promise<string> {
  const version = traefikVersion();
  return ensureGoBinary(
    {
      name: 'traefik',
      moduleDir: traefikModuleDir,
      pkg: traefikPackage,
      version,
      buildFlags: buildFlags(version),
      cacheRoot: cacheRoot(),
      check: (binary) => checkVersion(binary, version),
      coldBuild: '5 to 10 minutes',
    },
    log,
  );
}
