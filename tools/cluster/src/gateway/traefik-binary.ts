import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { cacheRoot } from '../binaries';
import { goBuild, requiredVersion } from '../go-build';

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
 * `<cacheRoot>/traefik-<version>_<hash>/traefik`; the hash covers go.mod, go.sum and the build
 * flags, so a bump rebuilds. A cold build takes minutes; later calls return at once. The build
 * lands in a temporary sibling directory that is renamed into place only after `traefik version`
 * ran, so an interrupted build is never taken for a finished one.
 */
export async function ensureTraefikBinary(log: (line: string) => void): Promise<string> {
  const goMod = readFileSync(path.join(traefikModuleDir, 'go.mod'), 'utf8');
  const goSum = readFileSync(path.join(traefikModuleDir, 'go.sum'), 'utf8');
  const version = requiredVersion(goMod, traefikModule);
  const args = ['build', ...buildFlags(version)];
  const hash = createHash('sha256');
  for (const input of [goMod, goSum, ...args]) hash.update(input).update('\0');
  const finalDir = path.join(cacheRoot(), `traefik-${version}_${hash.digest('hex').slice(0, 10)}`);
  const binary = path.join(finalDir, 'traefik');
  if (existsSync(binary)) return binary;

  const buildDir = `${finalDir}.build-${process.pid}`;
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  const logFile = path.join(buildDir, 'build.log');
  const built = path.join(buildDir, 'traefik');
  log(`building Traefik ${version} (first run only; a cold build takes 5 to 10 minutes)`);
  const started = Date.now();
  try {
    await goBuild(traefikModuleDir, [...args, '-o', built, traefikPackage], logFile);
    await checkVersion(built, version);
  } catch (err) {
    rmSync(buildDir, { recursive: true, force: true });
    throw err;
  }
  // A directory without the binary is a leftover of an interrupted copy, never a result.
  if (!existsSync(binary)) rmSync(finalDir, { recursive: true, force: true });
  try {
    renameSync(buildDir, finalDir);
  } catch (err) {
    // Another process finished first: keep its result, drop ours.
    rmSync(buildDir, { recursive: true, force: true });
    if (!existsSync(binary)) throw err;
  }
  log(`Traefik ready at ${binary} (${Math.round((Date.now() - started) / 1000)}s)`);
  return binary;
}
