import { spawn } from 'node:child_process';

export interface CommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Every output line (stdout and stderr), as it comes: progress for long builds. */
  readonly onLine?: (line: string) => void;
}

/** A command that exited non-zero, with the end of what it printed. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  constructor(
    readonly commandLine: string,
    readonly exitCode: number | null,
    readonly outputTail: string,
  ) {
    super(`${commandLine} failed (exit ${exitCode ?? 'signal'}):\n${outputTail}`);
  }
}

const tailLines = 40;

/**
 * Runs a command to completion and resolves with its stdout (image ids, inspect output). For the
 * error, only the last lines of the combined output are kept: a failed build names its cause
 * without flooding the terminal with every step.
 *
 * @throws CommandError when it exits non-zero, Error when it cannot be started.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<string> {
  const commandLine = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const tail: string[] = [];
    let partial = '';
    const onData = (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        options.onLine?.(line);
        tail.push(line);
        if (tail.length > tailLines) tail.shift();
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      onData(chunk);
    });
    child.stderr.on('data', onData);
    child.once('error', (error) =>
      reject(new Error(`${command} could not be started: ${error.message}`, { cause: error })),
    );
    child.once('close', (code) => {
      if (partial !== '') tail.push(partial);
      if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else reject(new CommandError(commandLine, code, tail.slice(-tailLines).join('\n')));
    });
  });
}
