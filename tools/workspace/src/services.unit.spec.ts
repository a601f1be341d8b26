import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@cqrs/tools-infra';
import { discoverApps } from './apps/discover-apps';
import { allRoutes, workspaceServices } from './services';

const directoriesIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe('the registry of services', () => {
  const names = workspaceServices.map((service) => service.name);

  it('lists every service with apps, and only those, once each', () => {
    expect([...names].sort()).toEqual(directoriesIn(path.join(repoRoot, 'apps')));
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives each service its shared lib and only that service's routes", () => {
    for (const service of workspaceServices) {
      expect(existsSync(path.join(repoRoot, 'libs', service.name, 'shared', 'project.json'))).toBe(
        true,
      );
      expect(service.allRoutes.length).toBeGreaterThan(0);
      expect(service.allRoutes.filter((route) => route.service !== service.name)).toEqual([]);
    }
    expect(allRoutes).toHaveLength(
      workspaceServices.reduce((count, service) => count + service.allRoutes.length, 0),
    );
  });

  it('declares a route for every app that serves one, and only for apps that exist', () => {
    const apps = new Set(discoverApps().map((app) => app.name));
    const routed = new Set(allRoutes.map((route) => `${route.service}-${route.app}`));
    expect([...routed].filter((name) => !apps.has(name))).toEqual([]);
  });
});
