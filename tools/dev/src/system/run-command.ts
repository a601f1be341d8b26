import { spawn } from 'node:child_process';

/**
 * Runs `argv` (`--` first is skipped) with inherited output and `env`, forwarding SIGINT and
 * SIGTERM; resolves with its exit code (1 when a signal ended it). What `with-infra` and
 * `with-real-cluster` wrap around a test command.
 */
export function runCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [program, ...args] = argv[0] === '--' ? argv.slice(1) : argv;
  if (!program) return Promise.reject(new Error('no command given after --'));
  const child = spawn(program, args, { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward).on('SIGTERM', forward);
  return new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
