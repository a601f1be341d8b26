import { type DevApp, discoverApps, selectApps } from '@cqrs/tools-workspace';
import { affectedAppNames } from './bundle-apps';
import type { ImagesRequest } from './cli-args';

/**
 * The apps a request names: named apps or services, what `nx affected` reaches since a base,
 * every discovered app (apps/<service>/<role> tagged type:app), or none (infrastructure only).
 *
 * @throws Error naming an app or service that does not exist.
 */
export async function appsOf(
  selection: ImagesRequest['selection'],
  root: string,
  onSkip: (name: string, reason: string) => void,
): Promise<DevApp[]> {
  if (selection.kind === 'none') return [];
  const apps = discoverApps({ root, onSkip });
  switch (selection.kind) {
    case 'all':
      return apps;
    case 'named':
      return selectApps(apps, selection.names);
    case 'affected': {
      const affected = new Set(await affectedAppNames(root, selection.base));
      return apps.filter((app) => affected.has(app.name));
    }
  }
}
