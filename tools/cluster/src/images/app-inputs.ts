import path from 'node:path';
import type { DevApp } from '@cqrs/tools-workspace';
import { bundleDir } from './bundle-apps';
import { filesUnder, hashFiles, hashOf } from './input-hash';

/** What an app image is built from besides its bundle (paths from the repository root). */
export const dockerfile = 'deploy/Dockerfile';
const buildFiles = [dockerfile, '.dockerignore'];

/**
 * A hash of everything one app image is made of: the Dockerfile and .dockerignore, the base
 * image (by id, so a rebuilt base rebuilds the apps) and every file of the app's bundle.
 */
export function appImageInputs(root: string, app: DevApp, baseImageId: string): string {
  const dir = bundleDir(root, app);
  const files = [
    ...buildFiles.map((f) => path.join(root, f)),
    ...filesUnder(dir).map((f) => path.join(dir, f)),
  ];
  return hashOf([app.name, baseImageId, hashFiles(files, root)]);
}

/**
 * The default image tag: a hash of the selected apps' image inputs. One tag for the whole run,
 * because the deploy tool takes one `--image-tag` for every app it deploys; unchanged content
 * still gives an unchanged tag, and an app whose image exists under another tag is re-tagged,
 * not rebuilt.
 */
export function defaultImageTag(inputs: readonly { app: string; inputs: string }[]): string {
  const sorted = [...inputs].sort((a, b) => a.app.localeCompare(b.app));
  return hashOf(
    sorted.flatMap((i) => [i.app, i.inputs]),
    12,
  );
}
