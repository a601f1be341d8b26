import { existsSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Component } from './component';
import type { InfraConfig } from './config';
import { checkJavaToolchain } from './java';
import { kafka } from './kafka';
import { withLock } from './lock';
import { mongo } from './mongo';
import { planUp } from './pairing';
import { stopProcess, waitUntil } from './process';
import { logFile, pidFile, standingOf, stateOf } from './state';

export { stateOf, type ComponentState } from './state';

export const components: readonly Component[] = [mongo, kafka];

type Log = (line: string) => void;

/**
 * Starts whatever is not running yet and waits until each component is ready. Running twice is
 * harmless. Returns the components this call started.
 *
 * Kafka and the engine keep their state together (see `planUp`): with MONGO_PERSIST (the `dev`
 * default) both keep it on disk, and `up` refuses to start one half with data next to the other
 * without; next to an in-memory engine Kafka starts with empty logs.
 *
 * @throws Error naming `infra:reset` / `infra:down` when the halves' state does not match.
 */
export async function up(
  config: InfraConfig,
  log: Log,
  which: readonly Component[] = components,
): Promise<Component[]> {
  return withLock(config, async () => {
    await mkdir(config.logDir, { recursive: true });
    const plan = planUp(
      config,
      await standingOf(config, kafka, which.includes(kafka)),
      await standingOf(config, mongo, which.includes(mongo)),
    );
    if (!plan.start) throw new Error(plan.reason);
    if (plan.wipeKafka && existsSync(config.kafka.dir)) {
      rmSync(config.kafka.dir, { recursive: true, force: true });
      log(`kafka: emptied ${config.kafka.dir}, throwaway logs of an earlier in-memory engine`);
    }
    const started: { c: Component; pid: number }[] = [];
    try {
      for (const c of which) {
        const s = await stateOf(config, c);
        if (s.state === 'running') {
          log(`${c.name}: already running (pid ${s.pid}) at ${c.address(config)}`);
          continue;
        }
        if (s.state === 'foreign') {
          log(
            `${c.name}: port ${c.port(config)} is served by a process not started here; using it`,
          );
          continue;
        }
        await checkJavaToolchain();
        log(`${c.name}: starting ${c.title} (${stateNote(config, c)})...`);
        const pid = await c.start(config, log);
        started.push({ c, pid });
        await waitUntil(c.title, pid, logFile(config, c), () => c.ready(config));
        log(`${c.name}: ready (pid ${pid}) at ${c.address(config)}; log ${logFile(config, c)}`);
      }
    } catch (error) {
      // Half a pair left running would outlive this call with nobody to stop it, and its state
      // would no longer match the other half's.
      for (const { c, pid } of started.reverse()) await stopProcess(pid, pidFile(config, c));
      throw error;
    }
    return started.map(({ c }) => c);
  });
}

/** Stops the given components (default: all) if, and only if, `up` started them. */
export async function down(
  config: InfraConfig,
  log: Log,
  which: readonly Component[] = components,
) {
  await withLock(config, async () => {
    for (const c of [...which].reverse()) {
      const s = await stateOf(config, c);
      if (s.state !== 'running') {
        log(`${c.name}: not started by infra:up; nothing to stop`);
        continue;
      }
      await stopProcess(s.pid, pidFile(config, c));
      log(`${c.name}: stopped (pid ${s.pid})`);
    }
  });
}

/** Where a component's state lives, for the log and `status`. */
function stateNote(config: InfraConfig, c: Component): string {
  if (c.name === 'kafka') return `logs in ${config.kafka.dir}`;
  return config.mongo.persist ? `data in ${config.mongo.file}` : 'in memory';
}

/** One line per component: what runs where, and where its log is. */
export async function status(config: InfraConfig): Promise<string[]> {
  const pair = config.mongo.persist
    ? 'kept across restarts (MONGO_PERSIST=true)'
    : 'thrown away when the engine stops (MONGO_PERSIST=false)';
  const lines: string[] = [
    `data dir: ${config.dataDir} (profile ${config.profile}; state ${pair})`,
  ];
  for (const c of components) {
    const s = await stateOf(config, c);
    const where = c.address(config);
    if (s.state === 'running')
      lines.push(
        `${c.name}: running (pid ${s.pid}) at ${where}, ${stateNote(config, c)}; log ${logFile(config, c)}`,
      );
    else if (s.state === 'foreign')
      lines.push(`${c.name}: ${where} is served by a process not started by infra:up`);
    else lines.push(`${c.name}: stopped (would listen at ${where})`);
  }
  return lines;
}
