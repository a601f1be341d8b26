import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { InfraConfig } from './config';
import { kafkaDirOf, mongoDirOf } from './config';
import { components } from './infra';
import { withLock } from './lock';
import { ourProcessesUsing } from './process';
import { stateOf } from './state';

/**
 * `infra:reset` / `npm start -- --fresh`: wipes Kafka's logs (persisted and throwaway) and the
 * engine's file under the data dir, together. Refuses while either half started from this data
 * dir runs: it may serve another terminal's `npm start` or a test run, and stopping it from under
 * them would break them without a word; `npm run infra:down` (or Ctrl-C on that `npm start`) is
 * one deliberate step away. Jar caches, logs and pid files stay.
 *
 * @returns the directories it removed (none when there was nothing to wipe).
 */
export async function reset(config: InfraConfig, log: (line: string) => void): Promise<string[]> {
  const { dataDir } = config;
  const dirs = [kafkaDirOf(dataDir, true), path.join(dataDir, 'ephemeral'), mongoDirOf(dataDir)];
  return withLock(config, async () => {
    const running = new Map<number, string>();
    for (const c of components) {
      const s = await stateOf(config, c);
      if (s.state === 'running') running.set(s.pid, c.name);
    }
    const files = [
      path.join(kafkaDirOf(dataDir, true), 'server.properties'),
      path.join(kafkaDirOf(dataDir, false), 'server.properties'),
      config.mongo.file,
    ];
    for (const p of ourProcessesUsing(files)) running.set(p.pid, p.name);
    if (running.size > 0) {
      const which = [...running].map(([pid, name]) => `${name} (pid ${pid})`).join(', ');
      throw new Error(
        `Not wiping ${dataDir}: ${which} still running from it, perhaps for another \`npm start\` or test run. Stop them first (\`npm run infra:down\`, or Ctrl-C on the \`npm start\` that started them), then reset.`,
      );
    }
    const removed = dirs.filter((dir) => existsSync(dir));
    for (const dir of removed) rmSync(dir, { recursive: true, force: true });
    log(
      removed.length > 0
        ? `wiped Kafka's logs and the engine's data under ${dataDir}`
        : `nothing to wipe under ${dataDir}`,
    );
    return removed;
  });
}
