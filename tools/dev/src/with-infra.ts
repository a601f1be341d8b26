import { startLocalInfra, useTestProfile } from '@cqrs/tools-infra';
import { runCommand } from './system/run-command';

/**
 * `with-infra -- <command...>`: runs a command (`npm test`'s test tiers, a benchmark) against a
 * local Kafka and engine, starting them first if needed and stopping afterwards what was started
 * here. They are the throwaway pair of the `test` profile (own ports and data dir, engine in
 * memory), never `npm start`'s persisted one, unless INFRA_PROFILE says otherwise. Exits with
 * the command's exit code.
 */
async function main(argv: string[]): Promise<number> {
  if (argv.filter((a) => a !== '--').length === 0)
    throw new Error('usage: with-infra -- <command...>');
  useTestProfile();
  const infra = await startLocalInfra((line) => console.log(`[infra] ${line}`));
  try {
    return await runCommand(argv, process.env);
  } finally {
    await infra.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
