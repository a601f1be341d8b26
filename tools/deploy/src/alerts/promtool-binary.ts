import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureGoBinary, requiredVersion } from '@cqrs/tools-infra';

const run = promisify(execFile);

/** tools/deploy/src/alerts -> tools/deploy/promtool: the wrapper module that pins promtool. */
export const promtoolModuleDir = path.resolve(__dirname, '../../promtool');
const prometheusModule = 'github.com/prometheus/prometheus';

/** The Prometheus Go module version the wrapper module pins, e.g. `v0.316.0`. */
export const promtoolVersion = (): string =>
  requiredVersion(readFileSync(path.join(promtoolModuleDir, 'go.mod'), 'utf8'), prometheusModule);

/**
 * The Prometheus release a Go module version is (`v0.316.0` -> `3.16.0`): since 3.0 the module
 * is tagged `v0.<major><minor, two digits>.<patch>`, the release's VERSION file says the rest.
 */
export function prometheusRelease(moduleVersion: string): string {
  const match = /^v0\.(\d)(\d{2})\.(\d+)$/.exec(moduleVersion);
  if (!match) throw new Error(`not a Prometheus 3.x module version: ${moduleVersion}`);
  return `${match[1]}.${Number(match[2])}.${match[3]}`;
}

/** `$CQRS_PROMTOOL_CACHE`, else `~/.cache/cqrs-platform/promtool`: outside git, shared by checkouts. */
export const promtoolCacheRoot = (env: NodeJS.ProcessEnv = process.env): string =>
  env.CQRS_PROMTOOL_CACHE || path.join(os.homedir(), '.cache/cqrs-platform/promtool');

/**
 * Returns the promtool binary tools/deploy/promtool pins, building it with `go` on first use
 * (CGO off, -trimpath, stripped, the release stamped as Prometheus' own build does) into
 * `<cache>/promtool-<version>_<hash>/promtool` (see `ensureGoBinary`). Later calls return at once.
 */
export function ensurePromtoolBinary(log: (line: string) => void): Promise<string> {
  const version = promtoolVersion();
  const release = prometheusRelease(version);
  return ensureGoBinary(
    {
      name: 'promtool',
      moduleDir: promtoolModuleDir,
      pkg: `${prometheusModule}/cmd/promtool`,
      version,
      buildFlags: [
        '-trimpath',
        '-mod=readonly',
        `-ldflags=-s -w -X github.com/prometheus/common/version.Version=${release}`,
      ],
      cacheRoot: promtoolCacheRoot(),
      check: async (binary) => {
        const { stdout, stderr } = await run(binary, ['--version']);
        if (!`${stdout}${stderr}`.includes(`promtool, version ${release} `)) {
          throw new Error(`${binary} --version does not report ${release}:\n${stdout}${stderr}`);
        }
      },
      coldBuild: 'about 7 minutes on two busy cores',
    },
    log,
  );
}
