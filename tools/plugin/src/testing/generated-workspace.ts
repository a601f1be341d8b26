import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { appRoles } from '@cqrs/framework-core';
import { repoRoot } from '@cqrs/tools-infra';

/** A copy of this workspace with a generated service in it. */
export interface GeneratedWorkspace {
  readonly dir: string;
  /** The service's projects: its shared lib, then its seven apps. */
  readonly projects: readonly string[];
  /** Runs a command in the copy: its stdout and stderr, or an error with their end. */
  run(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): string;
  /** The environment commands in the copy get (this run's broker and engine, no Nx daemon). */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  remove(): void;
}

/** A binary of this workspace's node_modules (linked into the copy). */
export const bin = (name: string): string => path.join(repoRoot, 'node_modules/.bin', name);

/** The files git knows (tracked, or new and not ignored), copied; node_modules linked. */
function copyWorkspace(): string {
  const target = mkdtempSync(path.join(tmpdir(), 'cqrs-generated-'));
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((file) => file !== '');
  for (const file of files) {
    try {
      mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
      cpSync(path.join(repoRoot, file), path.join(target, file));
    } catch (error) {
      // Deleted in the working tree but not yet in the index: not part of the workspace.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(target, 'node_modules'), 'dir');
  return target;
}

/**
 * Copies this workspace and runs `nx g @cqrs/plugin:service <service>` in the copy, then
 * `nx g @cqrs/plugin:command <service> <verb>` for each of `commands`.
 */
export function generatedWorkspace(
  service: string,
  commands: readonly string[] = [],
): GeneratedWorkspace {
  const dir = copyWorkspace();
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
    const all: NodeJS.ProcessEnv = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' };
    all.NX_NO_CLOUD = 'true';
    // jest's summary lines without colour codes; the copy's tests report to no summary here.
    all.FORCE_COLOR = '0';
    delete all.JEST_SUMMARY_DIR;
    delete all.JEST_WORKER_ID;
    return { ...all, ...extra };
  };
  const run = (command: string, args: readonly string[], extra?: NodeJS.ProcessEnv): string => {
    const result = spawnSync(command, args, {
      cwd: dir,
      env: env(extra),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = `${result.stdout}${result.stderr}`;
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(' ')} failed:\n${output.slice(-6000)}`);
    }
    return output;
  };
  const workspace: GeneratedWorkspace = {
    dir,
    projects: [`${service}-shared`, ...appRoles.map((role) => `${service}-${role}`)],
    run,
    env,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  try {
    run(bin('nx'), ['g', '@cqrs/plugin:service', service, '--no-interactive']);
    for (const verb of commands) {
      run(bin('nx'), ['g', '@cqrs/plugin:command', service, verb, '--no-interactive']);
    }
  } catch (error) {
    workspace.remove();
    throw error;
  }
  return workspace;
}
