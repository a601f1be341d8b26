import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';

/** The last `lines` lines of `file`, for an error message. */
function tail(file: string, lines: number): string {
  if (!existsSync(file)) return `(no log at ${file})`;
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Runs `go <args>` in a wrapper module with CGO off, at low CPU priority (the machine is usually
 * shared with tests and other builds), appending its output to `logFile`.
 *
 * @throws Error with the end of the log when go fails or cannot be run.
 */
export async function goBuild(
  moduleDir: string,
  args: readonly string[],
  logFile: string,
): Promise<void> {
  const [command, commandArgs] =
    process.platform === 'linux' ? ['nice', ['-n', '10', 'go', ...args]] : ['go', [...args]];
  writeFileSync(logFile, `$ go ${args.join(' ')}\n`, { flag: 'a' });
  const fd = openSync(logFile, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, commandArgs, {
        cwd: moduleDir,
        env: { ...process.env, CGO_ENABLED: '0' },
        stdio: ['ignore', fd, fd],
      });
      child.once('error', (err) =>
        reject(new Error(`cannot run go (Go 1.26 or newer must be on PATH): ${err.message}`)),
      );
      child.once('exit', resolve);
    });
    if (code !== 0) {
      throw new Error(`go ${args.join(' ')} failed (exit ${code}):\n${tail(logFile, 40)}`);
    }
  } finally {
    closeSync(fd);
  }
}

/** A module's required version in a go.mod (`\tmodule vX // indirect` or `require module vX`). */
export function requiredVersion(goMod: string, module: string): string {
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!match?.[1]) throw new Error(`go.mod does not require ${module}`);
  return match[1];
}
