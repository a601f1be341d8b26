// An Nx plugin, loaded by Nx itself (nx.json "plugins") through Node's type stripping: erasable
// TypeScript only, and no imports but Node's and type-only ones.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CreateNodes, TargetConfiguration } from '@nx/devkit';

/**
 * The `bundle` target every app gets: the app's image contents (see tools/deploy/src/bundle).
 * Its inputs are the app's and its dependencies' production files, so `nx affected -t bundle`
 * and the cache rebuild exactly the apps a change reaches.
 */
export const bundleTarget: TargetConfiguration = {
  executor: 'nx:run-commands',
  cache: true,
  inputs: [
    'production',
    '^production',
    '{workspaceRoot}/package.json',
    '{workspaceRoot}/tools/deploy/src/bundle/**/*.ts',
    { externalDependencies: ['esbuild'] },
  ],
  outputs: ['{workspaceRoot}/dist/{projectRoot}'],
  options: {
    command: 'tsx --tsconfig tsconfig.base.json tools/deploy/src/bundle/cli.ts {projectName}',
  },
  metadata: {
    description: 'Bundles the app for its container image (dist/<app root>, see deploy/Dockerfile)',
  },
};

const isApp = (projectFile: string): boolean => {
  try {
    const tags = (JSON.parse(readFileSync(projectFile, 'utf8')) as { tags?: unknown }).tags;
    return Array.isArray(tags) && tags.includes('type:app');
  } catch {
    // A broken project.json is reported by Nx itself; this plugin just adds nothing.
    return false;
  }
};

/**
 * Adds `bundle` to every `apps/<service>/<role>/project.json` tagged `type:app`, the same rule
 * the dev runner and the deploy tool discover apps by, so apps added later get it unchanged.
 */
export const createNodes: CreateNodes = [
  'apps/*/*/project.json',
  (projectFiles, _options, context) =>
    projectFiles
      .filter((file) => isApp(`${context.workspaceRoot}/${file}`))
      .map((file) => [
        file,
        { projects: { [dirname(file)]: { targets: { bundle: bundleTarget } } } },
      ]),
];
