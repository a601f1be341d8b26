import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';
import type { DevApp } from './dev-app';

export interface DiscoverAppsOptions {
  /** The repository root (default: this repository). */
  readonly root?: string;
  /** Told about an app project that cannot be run yet (no `src/main.ts`); it is left out. */
  readonly onSkip?: (name: string, reason: string) => void;
}

const subdirectories = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
    : [];

function tagsOf(projectFile: string): readonly string[] {
  let project: unknown;
  try {
    project = JSON.parse(readFileSync(projectFile, 'utf8'));
  } catch (error) {
    throw new Error(`${projectFile}: ${(error as Error).message}`, { cause: error });
  }
  const tags = (project as { tags?: unknown } | null)?.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * Finds every deployable: each `apps/<service>/<role>/project.json` tagged `type:app`, so apps
 * added later are picked up without changes here. Sorted by name.
 *
 * @throws Error when a project.json is not valid JSON.
 */
export function discoverApps(options: DiscoverAppsOptions = {}): DevApp[] {
  const appsDir = path.join(options.root ?? repoRoot, 'apps');
  const apps: DevApp[] = [];
  for (const service of subdirectories(appsDir)) {
    for (const role of subdirectories(path.join(appsDir, service))) {
      const dir = path.join(appsDir, service, role);
      const projectFile = path.join(dir, 'project.json');
      if (!existsSync(projectFile) || !tagsOf(projectFile).includes('type:app')) continue;
      const name = `${service}-${role}`;
      const entry = path.join(dir, 'src', 'main.ts');
      if (!existsSync(entry)) {
        options.onSkip?.(name, `no ${path.relative(options.root ?? repoRoot, entry)}`);
        continue;
      }
      apps.push({ service, role, name, dir, entry });
    }
  }
  return apps.sort((a, b) => a.name.localeCompare(b.name));
}
