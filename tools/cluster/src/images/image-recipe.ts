import { buildah, inputsLabel, inspectImage, ociRuntime } from './buildah';
import type { ImageStore } from './image-store';
import { hashOf } from './input-hash';

/** The OCI config of an image; see `buildah config`. */
export interface ImageConfig {
  readonly env?: Readonly<Record<string, string>>;
  /** `uid:gid`, numeric so that Kubernetes' runAsNonRoot can verify it. */
  readonly user?: string;
  readonly workingDir?: string;
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly ports?: readonly number[];
  readonly labels?: Readonly<Record<string, string>>;
}

/** How to make one image without a Dockerfile: a base, files, commands, config. */
export interface ImageRecipe {
  /** Full name, e.g. `localhost/cqrs/jre:17`. */
  readonly name: string;
  /** `scratch` or an image already in the store (nothing is pulled). */
  readonly from: string;
  /** Writes files into the container's root filesystem, mounted at `rootDir` on the host. */
  readonly populate?: (rootDir: string) => void | Promise<void>;
  /** Commands run as root inside the container after `populate`, with its config (chroot). */
  readonly run?: readonly (readonly string[])[];
  readonly config: ImageConfig;
  /**
   * A hash of the files and versions `populate` puts in. With the base image's id, `run` and
   * `config` it makes the image's inputs label: an image with the same label is not rebuilt.
   */
  readonly inputs: string;
}

/** An image in the store, and whether this call built it. */
export interface BuiltImage {
  readonly name: string;
  readonly id: string;
  readonly built: boolean;
}

function configArgs(config: ImageConfig, inputs: string): string[] {
  const labels = { ...config.labels, [inputsLabel]: inputs };
  return [
    ...Object.entries(config.env ?? {}).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
    ...(config.user !== undefined ? ['--user', config.user] : []),
    ...(config.workingDir !== undefined ? ['--workingdir', config.workingDir] : []),
    ...(config.entrypoint !== undefined ? ['--entrypoint', JSON.stringify(config.entrypoint)] : []),
    ...(config.cmd !== undefined ? ['--cmd', JSON.stringify(config.cmd)] : []),
    ...(config.ports ?? []).flatMap((p) => ['--port', `${p}/tcp`]),
    ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
  ];
}

/**
 * Builds the image unless the store already has it made from the same inputs (a base image
 * rebuilt since counts as a change). The working container is removed whether the build
 * succeeds or not, and a replaced image is removed when nothing else uses it.
 */
export async function ensureImage(store: ImageStore, recipe: ImageRecipe): Promise<BuiltImage> {
  const fromId = recipe.from === 'scratch' ? '' : (await inspectImage(store, recipe.from))?.id;
  if (fromId === undefined) throw new Error(`${recipe.name}: base image ${recipe.from} not found`);
  const { run = [], config } = recipe;
  const inputs = hashOf([recipe.inputs, fromId, JSON.stringify({ run, config })]);
  const existing = await inspectImage(store, recipe.name);
  if (existing?.labels[inputsLabel] === inputs) {
    return { name: recipe.name, id: existing.id, built: false };
  }
  const container = (await buildah(store, ['from', '--pull=false', recipe.from])).trim();
  let id: string;
  try {
    if (recipe.populate !== undefined) {
      const rootDir = (await buildah(store, ['mount', container])).trim();
      try {
        await recipe.populate(rootDir);
      } finally {
        await buildah(store, ['umount', container]);
      }
    }
    // Config first: the commands then see the image's PATH and environment.
    await buildah(store, ['config', ...configArgs(config, inputs), container]);
    for (const command of run) {
      const how = ['--isolation', 'chroot', '--runtime', ociRuntime, '--user', '0:0'];
      await buildah(store, ['run', ...how, container, '--', ...command]);
    }
    id = (await buildah(store, ['commit', '--quiet', '--rm', container, recipe.name])).trim();
  } catch (error) {
    await buildah(store, ['rm', container]).catch(() => undefined);
    throw error;
  }
  // The previous build lost its name; drop it unless another image still builds on it.
  if (existing !== undefined) await buildah(store, ['rmi', existing.id]).catch(() => undefined);
  return { name: recipe.name, id, built: true };
}
