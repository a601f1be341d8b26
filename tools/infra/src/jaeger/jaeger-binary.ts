import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureGoBinary } from '../go/go-binary';
import { requiredVersion } from '../go/go-build';

const run = promisify(execFile);

/** tools/infra/src/jaeger -> tools/infra/jaeger: the wrapper module that pins Jaeger. */
export const jaegerModuleDir = path.resolve(__dirname, '../../jaeger');
const jaegerModule = 'github.com/jaegertracing/jaeger';

/** The Jaeger release the wrapper module pins, e.g. `v1.75.0`. */
export const jaegerVersion = (): string =>
  requiredVersion(readFileSync(path.join(jaegerModuleDir, 'go.mod'), 'utf8'), jaegerModule);

/** `$CQRS_JAEGER_CACHE`, else `~/.cache/cqrs-platform/jaeger`: outside git, shared by checkouts. */
export const jaegerCacheRoot = (env: NodeJS.ProcessEnv = process.env): string =>
  env.CQRS_JAEGER_CACHE || path.join(os.homedir(), '.cache/cqrs-platform/jaeger');

/**
 * Returns the Jaeger binary (`cmd/jaeger`, the OpenTelemetry-collector based Jaeger v2 all in
 * one) that tools/infra/jaeger pins, building it with `go` on first use (about 7 minutes on two
 * busy cores) into `<cache>/jaeger-<version>_<hash>/jaeger`.
 */
export function ensureJaegerBinary(log: (line: string) => void): Promise<string> {
  const version = jaegerVersion();
  return ensureGoBinary(
    {
      name: 'jaeger',
      moduleDir: jaegerModuleDir,
      pkg: `${jaegerModule}/cmd/jaeger`,
      version,
      buildFlags: [
        '-trimpath',
        '-mod=readonly',
        `-ldflags=-s -w -X ${jaegerModule}/internal/version.latestVersion=${version}`,
      ],
      cacheRoot: jaegerCacheRoot(),
      check: async (binary) => {
        const { stdout } = await run(binary, ['version']);
        if (!stdout.includes(`"gitVersion":"${version}"`)) {
          throw new Error(`${binary} version does not report ${version}:\n${stdout}`);
        }
      },
      coldBuild: 'about 7 minutes',
    },
    log,
  );
}
