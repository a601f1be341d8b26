import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';

/** How one `npm run deploy` ended. */
export interface DeployRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run deploy -- ...` as a person would: the CLI, its exit code and output. */
export function runDeploy(kubeconfig: string, args: readonly string[]): Promise<DeployRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(repoRoot, 'node_modules/.bin/tsx'),
      ['--tsconfig', 'tsconfig.base.json', 'tools/deploy/src/cli.ts', ...args],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          KUBECONFIG: kubeconfig,
          PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
