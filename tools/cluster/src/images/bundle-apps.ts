import path from 'node:path';
import type { DevApp } from '@cqrs/tools-workspace';
import { runCommand } from './command';

/** What deploy/Dockerfile builds an app from: `dist/apps/<service>/<role>` (its `APP` arg). */
export const bundleDir = (root: string, app: Pick<DevApp, 'service' | 'role'>): string =>
  path.join(root, 'dist', 'apps', app.service, app.role);

/** The Dockerfile's `APP` build argument of an app. */
export const appArg = (app: Pick<DevApp, 'service' | 'role'>): string =>
  `${app.service}/${app.role}`;

/**
 * Nx's environment: the workspace's Node first on PATH (Nx loads the TypeScript bundle plugin
 * through Node 24's type stripping; an older system `node` cannot), no TUI, no daemon.
 */
const nxEnv = (root: string): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: [path.join(root, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter),
  NX_TUI: 'false',
  NX_DAEMON: process.env.NX_DAEMON ?? 'false',
});

const nx = (root: string, args: readonly string[]) =>
  runCommand(path.join(root, 'node_modules', '.bin', 'nx'), args, { cwd: root, env: nxEnv(root) });

/**
 * Bundles the apps through Nx (`nx run-many -t bundle`), so an unchanged app comes from Nx's
 * cache and a changed library is bundled into every app that imports it.
 *
 * @throws CommandError with the end of Nx's output when a bundle fails.
 */
export async function bundleApps(root: string, apps: readonly DevApp[]): Promise<void> {
  if (apps.length === 0) return;
  const projects = apps.map((a) => a.name).join(',');
  const args = ['run-many', '-t', 'bundle', '-p', projects, '--outputStyle=static'];
  await nx(root, args);
}

/**
 * The apps `nx show projects --affected` names among those with a `bundle` target: what a
 * change since `base` (default: nx.json's defaultBase) reaches.
 */
export async function affectedAppNames(root: string, base?: string): Promise<string[]> {
  const args = ['show', 'projects', '--affected', '-t', 'bundle', '--type', 'app', '--json'];
  if (base !== undefined) args.push(`--base=${base}`);
  const out = await nx(root, args);
  return (JSON.parse(out.slice(out.indexOf('['))) as string[]).sort();
}
