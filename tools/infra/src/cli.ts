import { parseInfraConfig } from './config';
import { down, status, up } from './infra';
import { reset } from './reset';

const usage = `usage: infra <up|down|status|reset>
  up      start what is not running (twice is harmless); waits until ready
  down    stop only what up started
  status  what runs where, and where its state and log are
  reset   wipe Kafka's logs and the engine's data together (refused while either runs)`;

/** `infra up|down|status|reset`: the local Kafka broker and MongoDB-compatible engine. */
async function main(command: string | undefined): Promise<void> {
  const config = parseInfraConfig();
  const log = (line: string) => console.log(`[infra] ${line}`);
  switch (command) {
    case 'up':
      await up(config, log);
      for (const line of await status(config)) log(line);
      return;
    case 'down':
      await down(config, log);
      return;
    case 'status':
      for (const line of await status(config)) log(line);
      return;
    case 'reset':
      await reset(config, log);
      return;
    default:
      throw new Error(usage);
  }
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(`[infra] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
