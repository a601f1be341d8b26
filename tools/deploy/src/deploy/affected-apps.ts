import { spawnSync } from 'node:child_process';
import path from 'node:path';

export interface AffectedOptions {
  readonly root: string;
  /** Compare with this commit (default: Nx's `defaultBase`, `main`). */
  readonly base?: string;
  /** Instead of a git comparison: these changed files (paths from the root). */
  readonly files?: readonly string[];
}

/**
 * The projects `nx affected` names for a change: what the changed files belong to and every
 * project depending on those. Only projects with a `bundle` target (the apps) are returned.
 *
 * @throws Error with Nx's output when it fails (e.g. an unknown base).
 */
export function affectedProjects(options: AffectedOptions): string[] {
  const args = ['show', 'projects', '--affected', '-t', 'bundle', '--json'];
  if (options.files !== undefined) args.push(`--files=${options.files.join(',')}`);
  else if (options.base !== undefined) args.push(`--base=${options.base}`);
  const nx = spawnSync(path.join(options.root, 'node_modules', '.bin', 'nx'), args, {
    cwd: options.root,
    encoding: 'utf8',
    env: { ...process.env, NX_TUI: 'false', NX_DAEMON: process.env.NX_DAEMON ?? 'false' },
  });
  if (nx.status !== 0) {
    throw new Error(`nx ${args.join(' ')} failed:\n${nx.stderr || nx.stdout}`);
  }
  const projects = JSON.parse(nx.stdout.slice(nx.stdout.indexOf('['))) as string[];
  return [...projects].sort();
}
