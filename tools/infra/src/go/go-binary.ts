import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { goBuild } from './go-build';

/** One program pinned by a wrapper module (its go.mod and go.sum), built into a cache. */
export interface GoBinarySpec {
  /** Names the binary and its cache directory, e.g. `traefik`. */
  readonly name: string;
  /** The wrapper module: its go.mod `tool` line and requires pin the program and its deps. */
  readonly moduleDir: string;
  /** The package to build, e.g. `github.com/traefik/traefik/v3/cmd/traefik`. */
  readonly pkg: string;
  /** The release, e.g. `v3.6.12`: part of the cache directory's name. */
  readonly version: string;
  /** `go build` flags (ldflags, -trimpath...): a change rebuilds. */
  readonly buildFlags: readonly string[];
  /** Where the cache directories go, e.g. `~/.cache/cqrs-platform/cluster`. */
  readonly cacheRoot: string;
  /** Fails unless the built file runs as the release it should be (a truncated one would not). */
  readonly check: (binary: string) => Promise<void>;
  /** How long a cold build takes, for the first-run message. */
  readonly coldBuild: string;
}

/**
 * Returns the path of the program `spec` pins, building it on first use (CGO off) into
 * `<cacheRoot>/<name>-<version>_<hash>/<name>`; the hash covers go.mod, go.sum and the build
 * flags, so a bump rebuilds. Later calls return at once. The build lands in a temporary sibling
 * directory that is renamed into place only after `check` passed, so an interrupted build is
 * never taken for a finished one; of two concurrent builds the first to finish wins.
 */
export async function ensureGoBinary(
  spec: GoBinarySpec,
  log: (line: string) => void,
): Promise<string> {
  const goMod = readFileSync(path.join(spec.moduleDir, 'go.mod'), 'utf8');
  const goSum = readFileSync(path.join(spec.moduleDir, 'go.sum'), 'utf8');
  const args = ['build', ...spec.buildFlags];
  const hash = createHash('sha256');
  for (const input of [goMod, goSum, ...args]) hash.update(input).update('\0');
  const key = `${spec.name}-${spec.version}_${hash.digest('hex').slice(0, 10)}`;
  const finalDir = path.join(spec.cacheRoot, key);
  const binary = path.join(finalDir, spec.name);
  if (existsSync(binary)) return binary;

  const buildDir = `${finalDir}.build-${process.pid}`;
  rmSync(buildDir, { recursive: true, force: true });
  mkdirSync(buildDir, { recursive: true });
  const built = path.join(buildDir, spec.name);
  log(
    `building ${spec.name} ${spec.version} (first run only; a cold build takes ${spec.coldBuild})`,
  );
  const started = Date.now();
  try {
    await goBuild(
      spec.moduleDir,
      [...args, '-o', built, spec.pkg],
      path.join(buildDir, 'build.log'),
    );
    await spec.check(built);
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
  log(`${spec.name} ready at ${binary} (${Math.round((Date.now() - started) / 1000)}s)`);
  return binary;
}
