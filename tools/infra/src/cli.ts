import { parseInfraConfig } from './config';
import { down, status, up } from './infra';

/** `infra up|down|status`: the local Kafka broker and MongoDB-compatible engine. */
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
    default:
      throw new Error('usage: infra <up|down|status>');
  }
}

main(process.argv[2]).catch((err: unknown) => {
  console.error(`[infra] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
