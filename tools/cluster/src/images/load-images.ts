import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildah, inspectImage } from './buildah';
import { runCommand } from './command';
import type { ImageStore } from './image-store';

/** containerd's namespace for Kubernetes: the only one the kubelet's CRI plugin sees. */
const criNamespace = 'k8s.io';

const ctr = (socket: string, args: readonly string[]) =>
  runCommand('ctr', ['-a', socket, '-n', criNamespace, ...args]);

/**
 * The config digest of `image` in containerd, if it has that name. buildah's image id is the
 * same digest, so equal means containerd already runs exactly this build.
 */
async function loadedConfigDigest(socket: string, image: string): Promise<string | undefined> {
  const table = await ctr(socket, ['images', 'ls', `name==${image}`]);
  const manifest = table.split('\n')[1]?.split(/\s+/)[2];
  if (manifest === undefined || manifest === '') return undefined;
  const parsed = JSON.parse(await ctr(socket, ['content', 'get', manifest])) as {
    config?: { digest?: string };
  };
  return parsed.config?.digest;
}

/** Another name containerd has for the same build (the previous tag of an unchanged app). */
async function loadedUnderOtherTag(socket: string, image: string, digest: string) {
  const repository = image.slice(0, image.lastIndexOf(':'));
  const escaped = repository.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = (await ctr(socket, ['images', 'ls', '-q', `name~=^${escaped}:`])).split('\n');
  for (const name of names.filter((n) => n !== '' && n !== image)) {
    if ((await loadedConfigDigest(socket, name)) === digest) return name;
  }
  return undefined;
}

/**
 * Copies images from the build store into a containerd (the node's, by its socket): each is
 * written to an OCI archive and imported with `ctr images import`, which unpacks it for the
 * kubelet. An image containerd already has under the same name and id is skipped, one it has
 * under another tag of the same repository is only tagged, and layers it already holds (the
 * shared Node base) are not stored twice.
 *
 * @throws Error when the socket does not exist, CommandError when ctr refuses an archive.
 */
export async function loadImages(
  store: ImageStore,
  images: readonly string[],
  socket: string,
  log: (line: string) => void,
): Promise<void> {
  if (!existsSync(socket)) throw new Error(`no containerd socket at ${socket}`);
  const work = mkdtempSync(path.join(store.dir, 'load-'));
  try {
    for (const image of images) {
      const started = Date.now();
      const id = (await inspectImage(store, image))?.id;
      if (id === undefined) throw new Error(`${image} is not in the image store`);
      const digest = `sha256:${id}`;
      if ((await loadedConfigDigest(socket, image)) === digest) {
        log(`${image}: already loaded`);
        continue;
      }
      const same = await loadedUnderOtherTag(socket, image, digest);
      if (same !== undefined) {
        await ctr(socket, ['images', 'tag', '--force', same, image]);
        log(`${image}: loaded as ${same}, tagged`);
        continue;
      }
      const archive = path.join(work, 'image.tar');
      await buildah(store, ['push', '--quiet', image, `oci-archive:${archive}:${image}`]);
      await ctr(socket, ['images', 'import', archive]);
      rmSync(archive);
      log(`${image}: loaded (${((Date.now() - started) / 1000).toFixed(1)}s)`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
