import { CommandError, runCommand, type CommandOptions } from './command';
import type { ImageStore } from './image-store';

/** runc by path: crun refuses this host's hybrid cgroups (tools/cluster notes on containers). */
export const ociRuntime = '/usr/sbin/runc';

/** The label holding a hash of what an image was made from: same hash, nothing to rebuild. */
export const inputsLabel = 'org.cqrs.image.inputs';

/**
 * Runs buildah against our own storage (`--root`/`--runroot` under the cache), so builds never
 * touch the host's default container storage and a cache wipe removes everything they made.
 */
export function buildah(
  store: ImageStore,
  args: readonly string[],
  options?: CommandOptions,
): Promise<string> {
  const global = ['--root', store.root, '--runroot', store.runroot];
  return runCommand('buildah', [...global, '--storage-driver', store.driver, ...args], options);
}

/** What the tooling needs to know about a local image. */
export interface ImageInfo {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** The image's id and labels, or undefined when the store has no image of that name. */
export async function inspectImage(
  store: ImageStore,
  name: string,
): Promise<ImageInfo | undefined> {
  let out: string;
  try {
    out = await buildah(store, ['inspect', '--type', 'image', name]);
  } catch (error) {
    if (error instanceof CommandError && /image not known/.test(error.outputTail)) return undefined;
    throw error;
  }
  const image = JSON.parse(out) as {
    FromImageID: string;
    OCIv1: { config?: { Labels?: Record<string, string> } };
  };
  return { id: image.FromImageID, labels: image.OCIv1.config?.Labels ?? {} };
}

/** The image's uncompressed size as buildah prints it (decimal units, e.g. `215 MB`). */
export async function imageSize(store: ImageStore, name: string): Promise<string> {
  const out = await buildah(store, ['images', '--noheading', '--format', '{{.Size}}', name]);
  return out.trim().split('\n')[0] ?? '?';
}

/**
 * An image of `repository` made from these inputs (its inputs label), if the store has one: a
 * new tag of unchanged content is then a rename, not a rebuild.
 */
export async function imageWithInputs(
  store: ImageStore,
  repository: string,
  inputs: string,
): Promise<string | undefined> {
  const filter = `label=${inputsLabel}=${inputs}`;
  const format = '{{.Name}}:{{.Tag}}';
  const out = await buildah(store, [
    'images',
    '--noheading',
    '--filter',
    filter,
    '--format',
    format,
  ]);
  return out.split('\n').find((name) => name.startsWith(`${repository}:`));
}

/** Gives an existing image one more name. */
export async function tagImage(store: ImageStore, name: string, extra: string): Promise<void> {
  await buildah(store, ['tag', name, extra]);
}
