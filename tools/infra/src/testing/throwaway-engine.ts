import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseInfraConfig } from '../config';
import { engineClasspath } from '../mongo';

export interface ThrowawayEngine {
  readonly url: string;
  readonly process: ChildProcess;
}

/**
 * Engines of a test's own, each started by the launcher with the flags the test needs (a tiny
 * history, an H2 file, JVM options) on a free port; `stopAll` ends those still running, by pid.
 */
export function throwawayEngines() {
  let classpath: Promise<string> | undefined;
  const running = new Set<ChildProcess>();

  function stop(child: ChildProcess): Promise<void> {
    running.delete(child);
    if (child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }

  /** Starts the launcher; resolves once it printed its ready line. */
  async function startWith(jvmOptions: string[], ...args: string[]): Promise<ThrowawayEngine> {
    classpath ??= engineClasspath(parseInfraConfig(), () => undefined);
    const child = spawn(
      'java',
      [
        ...jvmOptions,
        '-cp',
        await classpath,
        'cqrs.infra.mongo.EngineLauncher',
        ...(args.includes('--port') ? [] : ['--port', '0']),
        ...args,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    running.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) {
      const ready = /^engine ready on (.+):(\d+)$/.exec(line);
      if (ready) {
        return { url: `mongodb://${ready[1]}:${ready[2]}/?directConnection=true`, process: child };
      }
    }
    throw new Error(`engine exited before it was ready:\n${stderr}`);
  }

  return {
    start: (...args: string[]) => startWith([], ...args),
    startWith,
    stop,
    stopAll: () => Promise.all([...running].map(stop)),
  };
}
