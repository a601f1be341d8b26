import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '@cqrs/tools-infra';

/** A bench script running in a process of its own, talking over stdin and stdout lines. */
export interface ChildScript {
  /** The script's own process (tsx runs it in a child of its own: this is the one to measure). */
  readonly pid: number;
  /** The groups of the `ready` line. */
  readonly ready: RegExpExecArray;
  /** Writes `line` to its stdin and resolves with the next line it prints. */
  ask(line: string): Promise<string>;
  /** SIGTERM to the script, then waits until it exited. */
  stop(): Promise<void>;
}

/**
 * Starts `script` (relative to this folder) under tsx with `env` added, and waits for the first
 * line on its stdout that matches `ready`, whose `pid` group is the script's own `process.pid`.
 * Separate processes let a bench measure a baseline's or the gateway's CPU apart from its own.
 */
export async function startChildScript(
  script: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<ChildScript> {
  const child = spawn(
    path.join(repoRoot, 'node_modules/.bin/tsx'),
    ['--tsconfig', path.join(repoRoot, 'tsconfig.base.json'), path.join(__dirname, script)],
    { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await Promise.race([
      lines.next(),
      exited.then((code) => {
        throw new Error(`${script} exited with ${code}`);
      }),
    ]);
    if (line.done) throw new Error(`${script} closed its output`);
    return line.value;
  };
  for (;;) {
    const match = ready.exec(await next());
    const pid = Number(match?.groups?.pid);
    if (match && pid) {
      return {
        pid,
        ready: match,
        ask: async (line) => {
          child.stdin.write(`${line}\n`);
          return next();
        },
        stop: async () => {
          if (child.exitCode === null) process.kill(pid, 'SIGTERM');
          await exited;
        },
      };
    }
  }
}
