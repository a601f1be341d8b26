import { localClusterSession } from './local/session';
import { runCommand } from '@cqrs/tools-dev';

/**
 * `with-real-cluster -- <command...>`: runs a command against the local one-node cluster
 * (`KUBECONFIG` set), starting it first if needed and stopping it afterwards when it was started
 * here. Exits with the command's exit code.
 */
async function main(argv: string[]): Promise<number> {
  if (argv.filter((a) => a !== '--').length === 0)
    throw new Error('usage: with-real-cluster -- <command...>');
  const session = await localClusterSession((line) => console.log(`[cluster] ${line}`));
  try {
    return await runCommand(argv, { ...process.env, KUBECONFIG: session.layout.kubeconfig });
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
