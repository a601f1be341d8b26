import { spawn } from 'node:child_process';
import { localClusterSession } from './local/session';

/**
 * `with-real-cluster -- <command...>`: runs a command against the local one-node cluster
 * (`KUBECONFIG` set), starting it first if needed and stopping it afterwards when it was started
 * here. Exits with the command's exit code.
 */
async function main(argv: string[]): Promise<number> {
  const command = argv[0] === '--' ? argv.slice(1) : argv;
  const [program, ...args] = command;
  if (!program) throw new Error('usage: with-real-cluster -- <command...>');
  const session = await localClusterSession((line) => console.log(`[cluster] ${line}`));
  try {
    const child = spawn(program, args, {
      stdio: 'inherit',
      env: { ...process.env, KUBECONFIG: session.layout.kubeconfig },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    return await new Promise<number>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await session.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
