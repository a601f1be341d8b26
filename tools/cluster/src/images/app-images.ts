import path from 'node:path';
import type { DevApp } from '@cqrs/tools-workspace';
import { localImages } from '../node/layout';
import { appImageInputs, defaultImageTag, dockerfile } from './app-inputs';
import {
  buildah,
  imageWithInputs,
  inputsLabel,
  inspectImage,
  ociRuntime,
  tagImage,
} from './buildah';
import { appArg, bundleApps } from './bundle-apps';
import { npmConfigMountPoint, writeBuildNpmConfig } from './build-npm-config';
import type { ImageStore } from './image-store';
import { ensureNodeBaseImage } from './node-base-image';

export interface AppImagesOptions {
  readonly store: ImageStore;
  readonly root: string;
  readonly apps: readonly DevApp[];
  /** Default: a hash of the apps' image inputs (`defaultImageTag`). */
  readonly tag?: string;
  readonly log: (line: string) => void;
}

/** One app image and how this run got it. */
export interface AppImage {
  readonly app: string;
  readonly image: string;
  readonly result: 'built' | 'tagged' | 'up to date';
  readonly seconds: number;
}

/**
 * Builds `localhost/cqrs/<app>:<tag>` for each app from the unchanged deploy/Dockerfile: the
 * apps are bundled through Nx, the Node base image is made if needed, then `buildah bud` runs
 * with runc, no pull, layer caching (an unchanged lock file reuses the `npm ci` layer) and the
 * host's npm registry settings (see `writeBuildNpmConfig`). An image already made from the
 * same inputs is kept, or re-tagged when it exists under another tag.
 */
export async function buildAppImages(
  options: AppImagesOptions,
): Promise<{ readonly tag: string; readonly images: readonly AppImage[] }> {
  const { store, root, apps, log } = options;
  log(`bundling ${apps.map((a) => a.name).join(', ')}...`);
  await bundleApps(root, apps);
  const base = await ensureNodeBaseImage(store, log);
  const inputs = apps.map((app) => ({ app, inputs: appImageInputs(root, app, base.id) }));
  const tag = options.tag ?? defaultImageTag(inputs.map((i) => ({ ...i, app: i.app.name })));
  const npmConfig = await writeBuildNpmConfig(store);
  const images: AppImage[] = [];
  for (const { app, inputs: hash } of inputs) {
    const started = Date.now();
    const repository = `${localImages.appRepository}/${app.name}`;
    const image = `${repository}:${tag}`;
    let result: AppImage['result'] = 'up to date';
    if ((await inspectImage(store, image))?.labels[inputsLabel] !== hash) {
      const same = await imageWithInputs(store, repository, hash);
      if (same !== undefined) {
        await tagImage(store, same, image);
        result = 'tagged';
      } else {
        log(`${app.name}: building ${image}...`);
        await buildah(store, [
          'bud',
          ...['--runtime', ociRuntime, '--pull=false', '--layers', '--network', 'host'],
          ...['--volume', `${npmConfig}:${npmConfigMountPoint}:ro`],
          ...['--file', path.join(root, dockerfile), '--build-arg', `APP=${appArg(app)}`],
          ...['--label', `${inputsLabel}=${hash}`, '--tag', image],
          root,
        ]);
        result = 'built';
      }
    }
    images.push({ app: app.name, image, result, seconds: (Date.now() - started) / 1000 });
  }
  return { tag, images };
}
